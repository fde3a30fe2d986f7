"""Siaga and Usulan musrenbang in English, as the lurah of Pluit uses them: at a desk
and on a phone (390×844) — headings, warnings, figures and buttons in English, and
nothing wider than the phone's screen."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.conftest import (
    ARTIFACTS,
    PageWatch,
    Server,
    open_as,
    switch_language,
    wait_for_app,
)

WIDER_THAN_SCREEN = "() => document.scrollingElement.scrollWidth - innerWidth"


def _sidebar_link(pg: Page, name: str) -> None:
    pg.get_by_test_id("stSidebar").get_by_role("link", name=name).click()
    wait_for_app(pg)


def test_siaga_and_usulan_read_in_english_at_a_desk_and_on_a_phone(
    server: Server, page: PageWatch
) -> None:
    pg = page.page
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pg.set_viewport_size({"width": 1440, "height": 900})
    open_as(pg, f"{server.url}/siaga", "lurah.pluit")
    switch_language(pg)
    expect(pg.get_by_role("heading", name="After the warning")).to_be_visible(timeout=30_000)
    expect(pg.get_by_text("Flooded: a report during the warning").first).to_be_visible()
    # The warning chooser speaks English too (a widget keeps its first labels otherwise).
    picker = pg.get_by_role("combobox", name="Warning")
    expect(picker).to_have_value(re.compile(r"^Over: Tidal flood · Alert — "))
    pg.screenshot(path=str(ARTIFACTS / "siaga_lurah_en_1440.png"), full_page=True)

    _sidebar_link(pg, "Musrenbang proposals")
    expect(pg.get_by_role("heading", name="Suggested by the evidence")).to_be_visible(
        timeout=30_000
    )
    expect(pg.get_by_role("heading", name="Kelurahan Pluit", exact=False).first).to_be_visible()
    main = pg.get_by_test_id("stMain").inner_text()
    assert "Saran dari bukti" not in main and "Buat usulan" not in main
    pg.screenshot(path=str(ARTIFACTS / "usulan_lurah_en_1440.png"), full_page=True)

    # On a phone: the lurah signs in there and picks English (the menu closes itself).
    phone = page.page.context.browser.new_page(viewport={"width": 390, "height": 844})
    open_as(phone, f"{server.url}/usulan", "lurah.pluit")
    phone.get_by_test_id("stExpandSidebarButton").click()
    switch_language(phone)
    collapse = phone.get_by_test_id("stSidebarCollapseButton")
    if collapse.is_visible():
        collapse.click()
    pg = phone
    expect(pg.get_by_role("heading", name="Suggested by the evidence")).to_be_visible()
    assert pg.evaluate(WIDER_THAN_SCREEN) <= 1
    pg.wait_for_timeout(600)  # the menu's slide-out animation, for the picture only
    pg.screenshot(path=str(ARTIFACTS / "usulan_lurah_en_390.png"))
    phone.close()
    assert not page.failed, page.failed
