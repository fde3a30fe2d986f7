"""File choosers speak the user's language: Streamlit's English "Upload" button and
"200MB per file • JPG" line are replaced by the page CSS and a caption naming the
real limit, on a lurah's phone, in Bahasa Indonesia and in English."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.conftest import ARTIFACTS, PageWatch, Server, open_as, switch_language

LABEL_JS = """() => {
  const p = document.querySelector('[data-testid="stFileUploaderDropzone"] button p');
  return p && (getComputedStyle(p).fontSize === '0px'
    ? getComputedStyle(p, '::after').content : p.innerText);
}"""


def _expect_button_label(pg: Page, label: str) -> None:
    """What the chooser's button shows (its own text is hidden, ::after carries ours),
    once the page's style for the language in force has been applied."""
    try:
        pg.wait_for_function(f"({LABEL_JS})() === {label!r}", timeout=30_000)
    except Exception:
        raise AssertionError(f"button shows {pg.evaluate(LABEL_JS)!r}, not {label!r}") from None


def test_photo_chooser_in_both_languages_on_a_phone(server: Server, page: PageWatch) -> None:
    pg = page.page
    pg.set_viewport_size({"width": 390, "height": 844})
    open_as(pg, f"{server.url}/lapor", "lurah.pluit")
    chooser = pg.get_by_test_id("stFileUploader").first
    chooser.scroll_into_view_if_needed()
    expect(chooser).to_be_visible()
    _expect_button_label(pg, '"Pilih berkas"')
    expect(pg.get_by_test_id("stFileUploaderDropzoneInstructions").first).to_be_hidden()
    expect(pg.get_by_text("paling besar").first).to_be_visible()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / "uploads_phone_id.png"))

    pg.get_by_test_id("stExpandSidebarButton").click()
    switch_language(pg)
    _expect_button_label(pg, '"Choose file"')
    expect(pg.get_by_text("at most").first).to_be_attached()
    expect(pg.get_by_text("per file").first).to_be_hidden()
    expect(pg.get_by_test_id("stException")).to_have_count(0)
    assert not page.failed, page.failed
