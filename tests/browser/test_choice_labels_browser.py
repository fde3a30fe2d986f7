"""A choice made in Indonesian reads in English after the switch: the report list's
filters at a desk (a status chosen, the kecamatan left on "all"), and the site page's
form on a phone. Before, the chip kept "Dilaporkan" (while "Reported" was offered again
beside it) and the kecamatan showed the empty placeholder instead of "All"."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, Server, open_as, switch_language, wait_for_app


def _choose(pg: Any, box: Any, option: str) -> None:
    for _ in range(5):  # a click while the sidebar settles may not open the list
        box.click()
        try:
            pg.get_by_role("option", name=option, exact=True).click(timeout=5_000)
            break
        except Exception:
            pg.keyboard.press("Escape")
    pg.keyboard.press("Escape")
    wait_for_app(pg)


def test_the_report_filters_read_in_english_after_the_switch(server: Server, browser: Any) -> None:
    pg = browser.new_context(viewport={"width": 1440, "height": 900}).new_page()
    try:
        open_as(pg, f"{server.url}/genangan", "sekko")
        sidebar = pg.get_by_test_id("stSidebar")
        status = sidebar.get_by_test_id("stMultiSelect").filter(has_text="Status laporan")
        _choose(pg, status, "Dilaporkan")
        expect(status).to_contain_text("Dilaporkan")
        kec = sidebar.get_by_test_id("stSelectbox").filter(has_text="Kecamatan")
        expect(kec.locator("input")).to_have_value("Semua")

        switch_language(pg)
        status = sidebar.get_by_test_id("stMultiSelect").filter(has_text="Report status")
        expect(status).to_contain_text("Reported")
        expect(status).not_to_contain_text("Dilaporkan")
        kec = sidebar.get_by_test_id("stSelectbox").filter(has_text="Kecamatan")
        expect(kec.locator("input")).to_have_value("All")
        kel = sidebar.get_by_test_id("stSelectbox").filter(has_text="Kelurahan")
        expect(kel.locator("input")).to_have_value("All")
        # the choice still filters: every listed report is Reported
        status.click()
        offered = [o.inner_text() for o in pg.get_by_role("option").all()]
        pg.keyboard.press("Escape")
        assert "Reported" not in offered and "Verified" in offered, offered
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        pg.screenshot(path=str(ARTIFACTS / "choice_labels_reports_en.png"))
    finally:
        pg.context.close()
