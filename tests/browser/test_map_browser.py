"""The map in a real browser, with no internet: everything it needs is served by the app."""

from __future__ import annotations

import re

import duckdb
from playwright.sync_api import Frame, Page, expect

from tests.browser.conftest import PageWatch, Server, open_as

SITE_MARKERS = ".leaflet-marker-icon .pw-site"
# Sites drawn: single markers plus the count on each group of sites close together.
SITES_SHOWN = """() => {
  let n = 0;
  document.querySelectorAll('.pw-site-marker').forEach(el => {
    n += el.classList.contains('pw-site-group') ? Number(el.innerText) : 1;
  });
  return n;
}"""


def expect_sites(frame: Frame, n: int) -> None:
    """Wait until the map shows `n` sites (singly or in groups)."""
    frame.wait_for_function(f"({SITES_SHOWN})() === {n}", timeout=30_000)


def map_frame(pg: Page) -> Frame:
    pg.wait_for_selector('iframe[title="streamlit_folium.st_folium"]', timeout=60_000)
    for _ in range(200):
        for frame in pg.frames:
            if "st_folium" in frame.url:
                frame.wait_for_selector(".pw-boundary", state="attached", timeout=30_000)
                return frame
        pg.wait_for_timeout(100)
    raise AssertionError("map frame not found")


def sites_in(server: Server, kecamatan: str | None = None) -> int:
    # The server holds its own copy; count in the pristine sample it was copied from.
    con = duckdb.connect(str(server.source), read_only=True)
    try:
        sql = "SELECT count(*) FROM sites WHERE NOT retired"
        params: list[str] = []
        if kecamatan:
            sql += " AND kecamatan_kode = ?"
            params.append(kecamatan)
        row = con.execute(sql, params).fetchone()
        return int(row[0]) if row else 0
    finally:
        con.close()


def test_map_draws_all_kelurahan_and_sites_offline(server: Server, page: PageWatch) -> None:
    pg = page.page
    open_as(pg, server.url)
    frame = map_frame(pg)
    expect(frame.locator(".pw-boundary")).to_have_count(31)
    expect_sites(frame, 46)
    expect(frame.locator(".pw-cluster").first).to_be_visible()
    expect(frame.locator(".pw-legend")).to_be_attached()
    assert frame.evaluate("typeof L.markerClusterGroup") == "function"
    assert not page.failed, page.failed


def test_filter_to_one_kecamatan_reduces_the_sites(server: Server, page: PageWatch) -> None:
    pg = page.page
    open_as(pg, f"{server.url}/?kec=31.72.05")
    frame = map_frame(pg)
    expected = sites_in(server, "31.72.05")
    assert 0 < expected < 46
    expect_sites(frame, expected)
    expect(frame.locator(".pw-boundary")).to_have_count(3)
    assert not page.failed, page.failed


def test_clicking_a_site_shows_its_details_and_keeps_the_map(
    server: Server, page: PageWatch
) -> None:
    pg = page.page
    open_as(pg, server.url)
    frame = map_frame(pg)
    expect(pg.get_by_text("Klik lokasi penataan")).to_be_visible()
    frame.evaluate("window.map.setZoom(13, {animate: false})")
    frame.locator(SITE_MARKERS).first.dispatch_event("click")
    expect(
        pg.locator('[data-testid="stHeadingWithActionElements"]', has_text="(contoh)")
    ).to_be_visible(timeout=30_000)
    expect(pg.get_by_text("Riwayat terbaru")).to_be_visible()
    expect(pg).to_have_url(re.compile(r"pilih=site-\d+"), timeout=30_000)  # written last
    assert map_frame(pg).evaluate("window.map.getZoom()") == 13
    assert not page.failed, page.failed
