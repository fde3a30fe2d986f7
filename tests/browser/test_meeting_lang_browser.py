"""The meeting on a 1920x1080 projector in both languages: in English nothing stays
Indonesian, and ping-pong items show their code and name (screenshots to look at)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    ARTIFACTS,
    PageWatch,
    Server,
    open_as,
    switch_language,
    wait_for_app,
)

TEXT = {
    "id": (
        "Mode presentasi",
        "Angka utama",
        "Bolak-balik antarinstansi",
        "Urutan tingkat",
        "Berikutnya",
    ),
    "en": (
        "Presentation mode",
        "Headline numbers",
        "Ping-pong between offices",
        "Levels in order",
        "Next",
    ),
}


@pytest.mark.parametrize("lang", ["id", "en"])
def test_meeting_presentation_in_both_languages(server: Server, page: PageWatch, lang: str) -> None:
    switch, headline, ping_pong, levels, forward = TEXT[lang]
    pg = page.page
    pg.set_viewport_size({"width": 1920, "height": 1080})
    open_as(pg, f"{server.url}/rapat", "sekko")
    if lang == "en":
        switch_language(pg)
    expect(pg.get_by_text(headline)).to_be_visible(timeout=60_000)
    pg.get_by_text(switch).click()
    wait_for_app(pg)
    expect(pg.get_by_text("1/10")).to_be_visible(timeout=30_000)
    wait_for_app(pg)
    expect(pg.locator('[data-testid="stSidebar"]')).to_be_hidden()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"meeting_1920_{lang}_headline.png"))
    for step in range(2, 9):
        pg.get_by_role("button", name=forward).click()
        expect(pg.get_by_text(f"{step}/10")).to_be_visible(timeout=30_000)
        wait_for_app(pg)
        if step == 7:
            pg.screenshot(path=str(ARTIFACTS / f"meeting_1920_{lang}_overdue.png"))
    expect(pg.get_by_text(ping_pong)).to_be_visible()
    # On the projector a list is a large static table (no grid, no toolbar).
    table = pg.locator("table.pw-slide").first
    expect(table).to_be_visible()
    expect(pg.locator('[data-testid="stDataFrame"]')).to_have_count(0)
    expect(table.locator("th").filter(has_text=levels)).to_have_count(1)
    expect(table.locator("td").filter(has_text="CTH-PEN-01")).to_have_count(1)
    pg.screenshot(path=str(ARTIFACTS / f"meeting_1920_{lang}_ping_pong.png"))
    if lang == "en":
        main = pg.locator('[data-testid="stMain"]').inner_text()
        for word in ("Bolak-balik", "Sebelumnya", "Berikutnya", "Selasa", "Jenis", "Lokasi #"):
            assert word not in main, word
    assert not page.failed, page.failed
