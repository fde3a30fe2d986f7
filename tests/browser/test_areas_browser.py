from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import PageWatch, Server, open_as


def metric(pg, label: str):  # type: ignore[no-untyped-def]
    box = pg.locator('[data-testid="stMetric"]', has_text=label)
    return box.locator('[data-testid="stMetricValue"]')


def test_areas_page_in_a_real_browser(server: Server, page: PageWatch) -> None:
    pg = page.page
    open_as(pg, f"{server.url}/wilayah")
    expect(pg.get_by_text("Kelurahan di Jakarta Utara")).to_be_visible(timeout=30_000)
    expect(metric(pg, "Lokasi penataan")).to_have_text("46")
    expect(pg.get_by_text("DATA CONTOH").first).to_be_visible()
    # a deep link on a fresh server goes through app.py (page config, navigation)
    assert pg.title() == "Pantau Wilayah"
    assert pg.get_by_text("app", exact=True).count() == 0
    assert not page.failed, page.failed
