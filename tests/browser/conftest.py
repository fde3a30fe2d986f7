"""Real-browser tests: a real `streamlit run` on a free port, driven by Debian's
Chromium through Playwright (never `playwright install`). No internet is used:
tiles are off and every script must come from the app itself."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bench.appserver import CHROMIUM, CHROMIUM_ARGS, running_app, sign_in
from pantau.sample.community import DEMO_ACCOUNTS
from tests.conftest import ROOT

ARTIFACTS = ROOT / "tests" / "artifacts"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


class Server:
    def __init__(self, url: str, db: Path, source: Path) -> None:
        self.url, self.db, self.source = url, db, source


@pytest.fixture(scope="module")
def server(sample_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed (/usr/bin/chromium)")
    db = tmp_path_factory.mktemp("browser") / "pantau.duckdb"
    db.write_bytes(sample_file.read_bytes())
    log = tmp_path_factory.mktemp("log") / "streamlit.log"
    try:
        with running_app(db, log) as url:
            yield Server(url, db, sample_file)
    except RuntimeError as exc:
        pytest.fail(str(exc))


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed (/usr/bin/chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def _bad(url: str, status: int) -> bool:
    """A failed response, except Streamlit's own probe for its base path: on a
    page URL such as /wilayah it first asks /wilayah/_stcore/health, then /."""
    if status < 400:
        return False
    probe = "/_stcore/health" in url or "/_stcore/host-config" in url
    return not (probe and status == 404 and url.split("/_stcore/")[0].count("/") > 2)


class PageWatch:
    """A page plus every request that failed while it was open."""

    def __init__(self, page: object) -> None:
        self.page = page
        self.failed: list[str] = []


@pytest.fixture
def page(browser: object, request: pytest.FixtureRequest) -> Iterator[PageWatch]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]
    pg = context.new_page()
    watch = PageWatch(pg)
    # ERR_ABORTED is a load cut short by leaving the page (a test navigating on while
    # a component frame still loads), not a missing or refused file.
    pg.on(
        "requestfailed",
        lambda r: (
            "ERR_ABORTED" not in str(r.failure) and watch.failed.append(f"{r.url} {r.failure}")
        ),
    )
    pg.on(
        "response", lambda r: _bad(r.url, r.status) and watch.failed.append(f"{r.url} {r.status}")
    )
    # an uncaught script error, in the page or the map's frame, is a failure too
    pg.on("pageerror", lambda e: watch.failed.append(f"script error: {e}"))
    yield watch
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


def wait_for_app(pg: object) -> None:
    """Wait until Streamlit has finished running the script (no sleeps)."""
    pg.wait_for_selector(  # type: ignore[attr-defined]
        '[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=60_000
    )


PASSWORDS = {username: password for username, *_, password in DEMO_ACCOUNTS}


def open_as(pg: object, url: str, username: str = "sekko") -> None:
    """Open `url` (a deep link is kept), sign in as a demo account, wait for the page."""
    pg.goto(url)  # type: ignore[attr-defined]
    wait_for_app(pg)
    sign_in(pg, username, PASSWORDS[username])
    wait_for_app(pg)


def switch_language(pg: Any, option: str = "English") -> None:
    """Choose the language in the sidebar as a person would (the sidebar must be open).
    A click while the sidebar still slides in may not open the list: click again."""
    from playwright.sync_api import expect

    box = pg.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").filter(has_text="Bahasa")
    choice = pg.get_by_role("option", name=option, exact=True)
    for _ in range(5):
        expect(box).to_be_visible(timeout=30_000)
        box.click()
        try:
            choice.wait_for(state="visible", timeout=5_000)
            break
        except Exception:
            pg.keyboard.press("Escape")
    choice.click()
    wait_for_app(pg)
