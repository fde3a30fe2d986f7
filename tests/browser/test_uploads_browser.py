"""File choosers speak the user's language: Streamlit's English "Upload" button and
"200MB per file • JPG" line are replaced by the page CSS and a caption naming the
real limit, on a lurah's phone, in Bahasa Indonesia and in English."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.conftest import ARTIFACTS, PageWatch, Server, open_as, wait_for_app


def _button_label(pg: Page) -> str:
    """What the chooser's button shows: its own text is hidden, ::after carries ours."""
    return str(
        pg.get_by_test_id("stFileUploaderDropzone")
        .first.locator("button p")
        .evaluate(
            "p => getComputedStyle(p).fontSize === '0px'"
            " ? getComputedStyle(p, '::after').content : p.innerText"
        )
    )


def test_photo_chooser_in_both_languages_on_a_phone(server: Server, page: PageWatch) -> None:
    pg = page.page
    pg.set_viewport_size({"width": 390, "height": 844})
    open_as(pg, f"{server.url}/lapor", "lurah.pluit")
    chooser = pg.get_by_test_id("stFileUploader").first
    chooser.scroll_into_view_if_needed()
    expect(chooser).to_be_visible()
    assert _button_label(pg) == '"Pilih berkas"'
    expect(pg.get_by_test_id("stFileUploaderDropzoneInstructions").first).to_be_hidden()
    expect(pg.get_by_text("paling besar").first).to_be_visible()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / "uploads_phone_id.png"))

    pg.get_by_test_id("stExpandSidebarButton").click()
    box = pg.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").filter(has_text="Bahasa")
    box.click()
    pg.get_by_role("option", name="English", exact=True).click()
    wait_for_app(pg)
    assert _button_label(pg) == '"Choose file"'
    expect(pg.get_by_text("at most").first).to_be_attached()
    expect(pg.get_by_text("per file").first).to_be_hidden()
    expect(pg.get_by_test_id("stException")).to_have_count(0)
    assert not page.failed, page.failed
