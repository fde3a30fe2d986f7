"""English and the sidebar's choices in a real browser: switching the language, then
filtering, then changing pages keeps everything; a lurah's phone opens on the map of
their own kelurahan."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.conftest import ARTIFACTS, PageWatch, Server, open_as, wait_for_app
from tests.browser.test_map_browser import expect_sites, map_frame, sites_in

KOJA = "31.72.03"


def _shot(pg: Page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"language_{name}.png"))


def _sidebar_select(pg: Page, label: str, option: str) -> None:
    box = pg.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").filter(has_text=label)
    box.click()
    pg.get_by_role("option", name=option, exact=True).click()
    wait_for_app(pg)


def _no_exception(pg: Page) -> None:
    expect(pg.get_by_test_id("stException")).to_have_count(0)


def _radio_checked(pg: Page, label: str) -> None:
    radio = pg.get_by_test_id("stSidebar").get_by_role("radio", name=label)
    expect(radio).to_be_checked()


def test_english_filters_survive_a_page_change(server: Server, page: PageWatch) -> None:
    pg = page.page
    pg.set_viewport_size({"width": 1440, "height": 900})
    open_as(pg, server.url)
    map_frame(pg)
    _shot(pg, "1_signed_in")

    _sidebar_select(pg, "Bahasa", "English")
    expect(pg.get_by_role("heading", name="Order and flood map")).to_be_visible()
    _shot(pg, "2_english")

    # Any filter change after the switch used to send the Indonesian "Semua" back
    # as the kecamatan: 0 sites and a NaN zoom. The shading radio lost its choice.
    _radio_checked(pg, "Sites not yet tidied")
    pg.get_by_test_id("stSidebar").get_by_text("Flood reports in period").click()
    wait_for_app(pg)
    _no_exception(pg)
    expect(pg.get_by_test_id("stMetricValue").first).to_have_text("46")
    _sidebar_select(pg, "Kecamatan", "Koja")
    _no_exception(pg)
    expected = sites_in(server, KOJA)
    assert 0 < expected < 46
    expect(pg.get_by_test_id("stMetricValue").first).to_have_text(str(expected))
    expect_sites(map_frame(pg), expected)
    _radio_checked(pg, "Flood reports in period")
    _shot(pg, "3_kecamatan")

    pg.get_by_test_id("stSidebarNav").get_by_role("link", name="Areas").click()
    wait_for_app(pg)
    _no_exception(pg)
    expect(pg.get_by_test_id("stSidebarNav").get_by_role("link", name="Map")).to_be_visible()
    expect(pg.get_by_role("combobox", name="Language")).to_have_value("English")
    _shot(pg, "4_other_page")

    pg.get_by_test_id("stSidebarNav").get_by_role("link", name="Map").click()
    wait_for_app(pg)
    _no_exception(pg)
    expect(pg.get_by_role("heading", name="Order and flood map")).to_be_visible()
    expect(pg.get_by_role("combobox", name="Language")).to_have_value("English")
    expect(pg.get_by_role("combobox", name="Kecamatan")).to_have_value("Koja")
    _radio_checked(pg, "Flood reports in period")
    expect(pg.get_by_test_id("stMetricValue").first).to_have_text(str(expected))
    expect_sites(map_frame(pg), expected)
    expect(pg).to_have_url(f"{server.url}/?kec={KOJA}&arsir=reports")
    _shot(pg, "5_back_on_map")
    assert not page.failed, page.failed


def test_lurah_phone_opens_on_the_map_of_pluit(server: Server, page: PageWatch) -> None:
    pg = page.page
    pg.set_viewport_size({"width": 390, "height": 844})
    open_as(pg, server.url, "lurah.pluit")
    frame = map_frame(pg)
    _shot(pg, "6_phone_lurah")
    box = pg.locator('iframe[title="streamlit_folium.st_folium"]').bounding_box()
    assert box is not None
    assert box["y"] + 200 < 844, f"the map starts at {box['y']:.0f} px, below the first screen"
    expect(frame.locator(".pw-boundary")).to_have_count(1)  # Pluit only
    expect(frame.locator(".pw-label", has_text="Pluit")).to_be_attached()
    expect_sites(frame, sites_in_pluit(server))
    assert not page.failed, page.failed


def sites_in_pluit(server: Server) -> int:
    import duckdb

    con = duckdb.connect(str(server.source), read_only=True)
    try:
        row = con.execute(
            "SELECT count(*) FROM sites WHERE NOT retired AND kelurahan_kode = '31.72.01.1005'"
        ).fetchone()
        return int(row[0]) if row else 0
    finally:
        con.close()
