"""A bookmarked map link (`/peta?…`, the map's own address) opens the map with its
filters, not "Page not found" (issue 13 #17)."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import PageWatch, Server, open_as
from tests.browser.test_map_browser import expect_sites, map_frame, sites_in

KOJA = "31.72.03"


def test_bookmarked_map_link_opens_the_map(server: Server, page: PageWatch) -> None:
    pg = page.page
    pg.set_viewport_size({"width": 1440, "height": 900})
    open_as(pg, f"{server.url}/peta?kec={KOJA}", "sekko")
    expect(pg.get_by_text("Page not found")).to_have_count(0)
    expect(pg.get_by_test_id("stException")).to_have_count(0)
    expected = sites_in(server, KOJA)
    expect_sites(map_frame(pg), expected)
    assert not page.failed, page.failed
