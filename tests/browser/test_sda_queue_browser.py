"""A lurah reports a genangan; the water office (sda), signed in on another browser,
finds it at once in Tugas saya and in the SDA queue on the report list."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.conftest import ARTIFACTS, PageWatch, Server, open_as, wait_for_app
from tests.browser.test_report_browser import PLUIT, click_report_map


def _report_by_map_click(pg: Page, url: str) -> int:
    open_as(pg, f"{url}/lapor", "lurah.pluit")
    click_report_map(pg, PLUIT)
    pg.get_by_label("Kedalaman (cm)", exact=True).fill("87")
    pg.get_by_label("Pelapor", exact=True).fill("Pak Darto")
    confirm = pg.get_by_text("Saya sudah memeriksa")
    if confirm.count():
        confirm.click()
    pg.get_by_role("button", name="Kirim laporan").click()
    saved = pg.get_by_text(re.compile(r"Laporan #\d+ tersimpan")).first
    expect(saved).to_be_visible(timeout=30_000)
    found = re.search(r"Laporan #(\d+) tersimpan", saved.inner_text())
    assert found
    return int(found.group(1))


def test_a_new_report_reaches_the_water_office_at_once(
    server: Server, page: PageWatch, browser: object
) -> None:
    rid = _report_by_map_click(page.page, server.url)
    # The water office, on another browser (no shared session or cookies).
    context = browser.new_context(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
    try:
        pg = context.new_page()
        open_as(pg, f"{server.url}/tugas", "sda")
        line = pg.locator("p").filter(has_text=f"#{rid} — 87 cm")
        expect(line).to_have_count(1)
        expect(line).to_contain_text("Laporan baru perlu diverifikasi")
        # The work list starts on the first screen of a phone: only the counters that
        # are not zero, side by side.
        first = pg.locator('[data-testid="stPageLink"]').first
        box = first.bounding_box()
        assert box is not None and box["y"] + box["height"] < 844, box
        print("first item's link ends at", box["y"] + box["height"], "px of 844")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        pg.screenshot(path=str(ARTIFACTS / "tugas_sda_390.png"))
        # The SDA queue on the report list has it too, opened for the water office.
        open_as(pg, f"{server.url}/genangan", "sda")
        queue = pg.get_by_text(re.compile(r"Antrean Sudin SDA \(\d+\)"))
        expect(queue).to_be_visible()
        grid = pg.locator('[data-testid="stDataFrame"]').first
        expect(grid).to_be_visible()
        cells = grid.locator('[role="gridcell"]')
        expect(cells.filter(has_text=re.compile(rf"^{rid}$")).first).to_be_attached()
        wait_for_app(pg)
        pg.screenshot(path=str(ARTIFACTS / "genangan_sda_queue_390.png"))
    finally:
        context.close()
    assert not page.failed, page.failed
