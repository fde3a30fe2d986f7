"""The site list and a site's page in a real browser: links, the small map offline."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, PageWatch, Server, open_as


def test_list_then_site_page_with_its_map(server: Server, page: PageWatch) -> None:
    pg = page.page
    open_as(pg, f"{server.url}/lokasi", "camat.penjaringan")
    expect(pg.get_by_role("heading", name="Lokasi penataan")).to_be_visible()
    # A camat starts on their own kecamatan (Penjaringan: 10 sample sites).
    expect(pg.get_by_text("10 lokasi")).to_be_visible()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / "site_list.png"), full_page=True)
    open_as(pg, f"{server.url}/lokasi?id=1", "camat.penjaringan")
    expect(pg.get_by_text("Riwayat lengkap")).to_be_visible(timeout=30_000)
    pg.wait_for_selector('iframe[title="streamlit_folium.st_folium"]', timeout=60_000)
    frame = next(f for f in pg.frames if "st_folium" in f.url)
    frame.wait_for_selector(".pw-site", state="attached", timeout=30_000)
    expect(frame.locator(".pw-boundary")).to_have_count(1)
    pg.screenshot(path=str(ARTIFACTS / "site_page.png"), full_page=True)
    assert not page.failed, page.failed
