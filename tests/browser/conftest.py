"""Real-browser tests: a real `streamlit run` on a free port, driven by Debian's
Chromium through Playwright (never `playwright install`). No internet is used:
tiles are off and every script must come from the app itself."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    def __init__(self, url: str, db: Path, source: Path, process: subprocess.Popen[bytes]) -> None:
        self.url, self.db, self.source, self.process = url, db, source, process


@pytest.fixture(scope="module")
def server(sample_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed (/usr/bin/chromium)")
    db = tmp_path_factory.mktemp("browser") / "pantau.duckdb"
    db.write_bytes(sample_file.read_bytes())
    port = _free_port()
    env = {**os.environ, "PANTAU_DB": str(db), "PANTAU_TILES": "none"}
    log = (tmp_path_factory.mktemp("log") / "streamlit.log").open("wb")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"streamlit did not start; see {log.name}")
        time.sleep(0.25)
    yield Server(url, db, sample_file, process)
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


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
    pg.on("requestfailed", lambda r: watch.failed.append(f"{r.url} {r.failure}"))
    pg.on(
        "response", lambda r: _bad(r.url, r.status) and watch.failed.append(f"{r.url} {r.status}")
    )
    yield watch
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


def wait_for_app(pg: object) -> None:
    """Wait until Streamlit has finished running the script (no sleeps)."""
    pg.wait_for_selector(  # type: ignore[attr-defined]
        '[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=60_000
    )
