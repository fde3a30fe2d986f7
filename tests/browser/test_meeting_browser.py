"""The meeting on the shared screen: presentation mode pages with the keyboard and
shows no personal data (and a screenshot to look at)."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, PageWatch, Server, open_as, wait_for_app

PERSONAL = ("Pelapor Contoh", "0812-0000", "Ketua Contoh", "0813-0000", "Sekretaris Kota")


def test_presentation_mode_on_the_projector(server: Server, page: PageWatch) -> None:
    pg = page.page
    pg.set_viewport_size({"width": 1280, "height": 720})
    open_as(pg, f"{server.url}/rapat", "sekko")
    expect(pg.get_by_text("Angka utama")).to_be_visible(timeout=60_000)
    pg.get_by_text("Mode presentasi").click()
    wait_for_app(pg)
    expect(pg.get_by_text("1/10")).to_be_visible(timeout=30_000)
    expect(pg.locator('[data-testid="stSidebar"]')).to_be_hidden()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / "meeting_presentation.png"))
    # the arrow keys work once the slide's key script has run (a presenter is slower)
    pg.wait_for_function("window.document.__pantauKeys === true", timeout=30_000)
    seen = []
    for step in range(2, 11):
        pg.keyboard.press("ArrowRight")
        expect(pg.get_by_text(f"{step}/10")).to_be_visible(timeout=30_000)
        wait_for_app(pg)
        seen.append(pg.locator('[data-testid="stMain"]').inner_text())
        if step == 2:
            pg.screenshot(path=str(ARTIFACTS / "meeting_presentation_map.png"))
    pg.keyboard.press("ArrowLeft")
    expect(pg.get_by_text("9/10")).to_be_visible(timeout=30_000)
    for text in seen:
        for marker in PERSONAL:
            assert marker not in text, marker
    assert not page.failed, page.failed
