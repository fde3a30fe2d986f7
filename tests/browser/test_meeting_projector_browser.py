"""The weekly meeting on a 1920x1080 projector, in both languages: every slide fits the
screen with nothing to scroll, tables are read from 5 m (text of 24 px or more, the
top rows and "dan N lainnya"), no grid toolbar or slider is shown, changes are said in
words, and no personal data appears. A screenshot of every slide is kept to look at."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from pantau.ui.meetingpage import SLIDE_ROWS
from tests.browser.conftest import (
    ARTIFACTS,
    PageWatch,
    Server,
    open_as,
    switch_language,
    wait_for_app,
)
from tests.browser.test_meeting_browser import PERSONAL

SLIDES = 10  # the siaga slide came tenth
WORDS = {
    "id": ("Mode presentasi", "Angka utama", "Berikutnya", r"dan (\d+) lainnya"),
    "en": ("Presentation mode", "Headline numbers", "Next", r"and (\d+) more"),
}
WORDS_OF_CHANGE = {  # better, worse, up, down, unchanged
    "id": ("lebih baik", "lebih buruk", "naik", "turun", "tetap"),
    "en": ("better", "worse", "up", "down", "unchanged"),
}
CHANGE = {
    lang: re.compile(rf"^(▲ \+\d+ ({good}|{bad}|{up})|▼ −\d+ ({good}|{bad}|{down})|= 0 {same})$")
    for lang, (good, bad, up, down, same) in WORDS_OF_CHANGE.items()
}

# Everything that could scroll: the document and any element whose content overflows
# a box that scrolls (Streamlit scrolls inside stMain / stAppViewContainer).
OVERFLOW_JS = """() => {
  const out = [];
  const doc = document.scrollingElement;
  if (doc.scrollHeight > innerHeight + 1) out.push(['document', doc.scrollHeight, innerHeight]);
  for (const el of document.querySelectorAll('*')) {
    const style = getComputedStyle(el);
    if (!['auto', 'scroll'].includes(style.overflowY) || el.clientHeight === 0) continue;
    if (el.scrollHeight > el.clientHeight + 1) {
      out.push([el.getAttribute('data-testid') || el.className, el.scrollHeight, el.clientHeight]);
    }
  }
  return out;
}"""
FONT_JS = """() => Array.from(document.querySelectorAll('[data-testid="stMain"] td, '
  + '[data-testid="stMain"] th')).map(c => parseFloat(getComputedStyle(c).fontSize))"""
TITLE = re.compile(r"\((\d+)\)\s+·\s+(\d+)/(\d+)")


def _check_slide(pg: Page, lang: str, step: int) -> str:
    """Assert what every slide must hold; return the slide's text."""
    expect(pg.get_by_text(f"{step}/{SLIDES}")).to_be_visible(timeout=60_000)
    wait_for_app(pg)
    main = pg.locator('[data-testid="stMain"]')
    # Pictures (the chart, the map) count for the height only once they are drawn.
    pg.wait_for_function(
        "() => Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)",
        timeout=30_000,
    )
    pg.screenshot(path=str(ARTIFACTS / f"meeting_slide_{step}_{lang}.png"))
    assert main.count() == 1
    assert pg.evaluate(OVERFLOW_JS) == [], (step, pg.evaluate(OVERFLOW_JS))
    for picture in pg.locator('[data-testid="stMain"] img').all():
        box = picture.bounding_box()
        assert box is not None and box["y"] + box["height"] <= 1080, (step, box)
    # the screen keeps itself current and says so (ui/live.py)
    expect(pg.locator(".st-key-pw-live")).to_contain_text(
        {"id": "Diperbarui", "en": "Updated"}[lang], timeout=30_000
    )
    expect(pg.locator(".st-key-pw-live")).to_be_in_viewport()
    nav = pg.locator(".st-key-meeting_next button").bounding_box()
    assert nav is not None and nav["y"] + nav["height"] <= 1080, (step, nav)
    sizes = pg.evaluate(FONT_JS)
    assert all(size >= 24 for size in sizes), (step, sorted(sizes)[:3])
    for unwanted in (
        '[data-testid="stDataFrame"]',
        '[data-testid="stElementToolbar"]',
        '[data-testid="stSlider"]',
        '[role="slider"]',
        '[data-testid="stSidebar"]:visible',
    ):
        expect(pg.locator(unwanted)).to_have_count(0)
    text = main.inner_text()
    for marker in PERSONAL:
        assert marker not in text, (step, marker)
    return text


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_slide_fits_a_projector_and_reads_from_afar(
    server: Server, page: PageWatch, lang: str
) -> None:
    switch, headline, forward, more = WORDS[lang]
    pg = page.page
    pg.set_viewport_size({"width": 1920, "height": 1080})
    open_as(pg, f"{server.url}/rapat", "sekko")
    if lang == "en":
        switch_language(pg)
    expect(pg.get_by_text(headline)).to_be_visible(timeout=60_000)
    pg.get_by_text(switch).click()
    wait_for_app(pg)
    pg.wait_for_function("window.document.__pantauKeys === true", timeout=30_000)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    cut_lists = 0
    for step in range(1, SLIDES + 1):
        if step > 1:  # the button and the arrow key in turn
            if step % 2:
                pg.get_by_role("button", name=forward).click()
            else:
                pg.keyboard.press("ArrowRight")
        text = _check_slide(pg, lang, step)
        if step == 1:
            changes = [c.strip() for c in pg.locator(".pw-change").all_inner_texts()]
            assert len(changes) == 10 and all(CHANGE[lang].match(c) for c in changes), changes
        if step >= 4:  # a list: the rows it shows and the rest counted below
            total = int(TITLE.search(text).group(1))  # type: ignore[union-attr]
            rows = pg.locator("table.pw-slide tbody tr").count()
            assert rows == min(total, SLIDE_ROWS), (step, rows, total)
            if total > rows:
                # The count of the rest comes right under the table's last row.
                found = re.fullmatch(more, pg.locator("table.pw-slide + p.pw-more").inner_text())
                assert found and int(found.group(1)) == total - rows, (step, text)
                cut_lists += 1
    assert cut_lists >= 1, "the sample's 27 overdue sites do not fit one slide"
    pg.keyboard.press("ArrowLeft")
    expect(pg.get_by_text(f"{SLIDES - 1}/{SLIDES}")).to_be_visible(timeout=60_000)
    assert not page.failed, page.failed
