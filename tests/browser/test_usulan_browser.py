"""A lurah drafts an usulan from a chronic pocket with a double click (drafted once),
sees its evidence, and downloads its PDF evidence sheet; the same usulan on a phone."""

from __future__ import annotations

import io
import re
from pathlib import Path

from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.browser.conftest import ARTIFACTS, PageWatch, Server, open_as, wait_for_app


def _suggestion(pg: Page):  # type: ignore[no-untyped-def]
    """The first suggested chronic pocket's card and its pocket id."""
    card = pg.locator('[class*="st-key-u_sug_pocket_"]').first
    expect(card).to_be_visible(timeout=30_000)
    found = re.search(r"st-key-u_sug_pocket_(\d+)", card.get_attribute("class") or "")
    assert found
    return card, int(found.group(1))


def test_a_lurah_drafts_an_usulan_once_and_downloads_its_sheet(
    server: Server, page: PageWatch, browser: object
) -> None:
    pg = page.page
    pg.set_viewport_size({"width": 1440, "height": 900})
    open_as(pg, f"{server.url}/usulan", "lurah.pluit")
    expect(pg.get_by_role("heading", name="Saran dari bukti")).to_be_visible()
    card, pocket = _suggestion(pg)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / "usulan_list_1440.png"))
    card.get_by_role("button", name="Buat usulan").dblclick()
    heading = pg.get_by_role("heading", level=1).filter(has_text=f"titik genangan #{pocket}")
    expect(heading).to_be_visible(timeout=30_000)
    wait_for_app(pg)
    title = heading.inner_text().strip()
    # The evidence is on the page, the numbers first.
    expect(pg.get_by_role("heading", name="Bukti dari catatan")).to_be_visible()
    floods = pg.get_by_test_id("stMetric").filter(has_text="Hari banjir dalam 12 bulan")
    expect(floods).to_have_count(1)
    assert int(re.findall(r"\d+", floods.inner_text())[-1]) >= 6  # chronic
    expect(pg.get_by_test_id("stMetric").filter(has_text="Kedalaman maksimum")).to_have_count(1)
    expect(pg.get_by_text("Hari banjir per tahun")).to_be_visible()
    usulan_id = int(pg.url.split("id=")[1].split("&")[0])
    pg.screenshot(path=str(ARTIFACTS / "usulan_detail_1440.png"), full_page=True)
    # The sheet downloads as a PDF whose text carries the title.
    with pg.expect_download(timeout=60_000) as info:
        pg.get_by_role("button", name="Lembar bukti (PDF)").click()
    download = info.value
    assert download.suggested_filename == f"usulan-{usulan_id}.pdf"
    data = Path(download.path()).read_bytes()
    assert data.startswith(b"%PDF")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert title in " ".join(text.split()), (title, text[:300])
    assert "LEMBAR BUKTI USULAN MUSRENBANG" in text
    # Back on the list: one usulan from that pocket (the double click drafted once),
    # and the pocket is no longer suggested.
    pg.get_by_role("link", name="Semua usulan").click()
    wait_for_app(pg)
    expect(pg.get_by_role("heading", name="Usulan Kelurahan Pluit (urutan lurah)")).to_be_visible()
    rows = pg.locator('[class*="st-key-u_row_"]').filter(has_text=f"titik genangan #{pocket}")
    expect(rows).to_have_count(1)
    expect(pg.locator(f".st-key-u_sug_pocket_{pocket}")).to_have_count(0)
    # The same usulan on a phone.
    context = browser.new_context(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
    try:
        phone = context.new_page()
        open_as(phone, f"{server.url}/usulan?id={usulan_id}", "lurah.pluit")
        expect(phone.get_by_role("heading", level=1)).to_contain_text(f"#{pocket}")
        expect(phone.get_by_role("button", name="Lembar bukti (PDF)")).to_be_visible()
        phone.screenshot(path=str(ARTIFACTS / "usulan_detail_390.png"), full_page=True)
        open_as(phone, f"{server.url}/usulan", "lurah.pluit")
        first_row = phone.locator('[class*="st-key-u_row_"]').first
        expect(first_row).to_be_visible()
        first_row.scroll_into_view_if_needed()
        phone.screenshot(path=str(ARTIFACTS / "usulan_list_390.png"), full_page=True)
    finally:
        context.close()
    assert not page.failed, page.failed
