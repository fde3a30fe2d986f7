"""A demo lurah records a sweep on a phone and the site's colour on the map changes."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from bench.appserver import running_app
from pantau.store import open_database
from tests.browser.conftest import ARTIFACTS, PageWatch, Server, open_as
from tests.browser.test_map_browser import map_frame

TIDY, DISORDERLY = "rgb(0, 158, 115)", "rgb(204, 121, 167)"  # #009E73, #CC79A7


@pytest.fixture(scope="module")
def due_site(
    sample_file: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Server, int]]:
    """A server whose Pluit site is tidied and never swept (so due for a sweep)."""
    db = tmp_path_factory.mktemp("sweep") / "pantau.duckdb"
    db.write_bytes(sample_file.read_bytes())
    store = open_database(db)
    row = next(
        r for r in store.read().records.rows("sites") if r["kelurahan_kode"] == "31.72.01.1005"
    )
    store.read().records.update("sites", row["id"], {"status": "tertata", "last_sweep_at": None})
    store.close()
    with running_app(db, tmp_path_factory.mktemp("sweeplog") / "streamlit.log") as url:
        yield Server(url, db, sample_file), int(row["id"])


def _site_colour(pg: Page, site_id: int) -> str:
    frame = map_frame(pg)
    return str(
        frame.evaluate(
            """(id) => { var found = null; window.map.eachLayer(function(l) {
                 var p = l.feature && l.feature.properties;
                 if (p && p.code !== undefined && p.id === id && l._icon)
                   found = getComputedStyle(l._icon.querySelector('.pw-site')).backgroundColor;
               }); return found; }""",
            site_id,
        )
    )


def wait_for_colour(pg: Page, site_id: int, colour: str, seconds: float = 20) -> tuple[Any, float]:
    """Watch an open map nobody touches until the site shows `colour`: (the colour last
    seen, seconds taken)."""
    start = time.monotonic()
    seen = None
    while time.monotonic() - start < seconds:
        try:
            seen = _site_colour(pg, site_id)
        except Exception:  # the map frame is being replaced
            seen = None
        if seen == colour:
            break
        pg.wait_for_timeout(250)
    return seen, time.monotonic() - start


def test_lurah_sweeps_on_a_phone_and_the_map_changes(
    due_site: tuple[Server, int], page: PageWatch
) -> None:
    server, site_id = due_site
    pg = page.page
    pg.set_viewport_size({"width": 390, "height": 844})
    open_as(pg, f"{server.url}/?kel=31.72.01.1005", "lurah.pluit")
    assert _site_colour(pg, site_id) == TIDY
    # A reload starts a new session, so the phone signs in again on the deep link.
    open_as(pg, f"{server.url}/sisir", "lurah.pluit")
    form = pg.locator('[data-testid="stForm"]').first
    form.get_by_text("Semrawut", exact=True).click()
    form.get_by_label("Catatan (wajib bila semrawut)").fill("PKL kembali ke trotoar")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / "sweep_phone_form.png"))
    form.get_by_role("button", name="Simpan penyisiran").click()
    expect(pg.get_by_text("Penyisiran tersimpan.").first).to_be_visible(timeout=30_000)
    open_as(pg, f"{server.url}/?kel=31.72.01.1005", "lurah.pluit")
    assert _site_colour(pg, site_id) == DISORDERLY
    assert not page.failed, page.failed
