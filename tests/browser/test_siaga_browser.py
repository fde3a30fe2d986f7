"""Siaga end to end: the water office enters a rob warning; the lurah of Pluit (on a
phone) sees it, plans the watch in one action — a double click plans it once — and
copies the WhatsApp text; the weekly meeting shows "Siaga minggu ini"."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, PageWatch, Server, open_as, wait_for_app


def test_rob_warning_to_watch_tasks_to_meeting(
    server: Server, page: PageWatch, browser: object
) -> None:
    pg = page.page
    pg.set_viewport_size({"width": 1440, "height": 900})
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    open_as(pg, f"{server.url}/siaga", "sda")
    expect(pg.get_by_role("heading", name="Siaga: sebelum air datang")).to_be_visible()
    pg.get_by_text("Masukkan peringatan").click()
    form = pg.get_by_test_id("stExpander").filter(has_text="Masukkan peringatan")
    form.get_by_role("combobox", name="Jenis").click()
    pg.get_by_role("option", name="Rob (pasang laut)").click()
    form.get_by_role("combobox", name="Tingkat").click()
    pg.get_by_role("option", name="Siaga", exact=True).click()
    form.get_by_label("Rujukan (nomor buletin, pesan, tautan)").fill("BMKG Maritim uji 24/11")
    pg.screenshot(path=str(ARTIFACTS / "siaga_sda_form_1440.png"))
    form.get_by_role("button", name="Simpan peringatan").click()
    expect(pg.get_by_text("Peringatan disimpan.").first).to_be_visible(timeout=30_000)
    wait_for_app(pg)
    expect(pg.get_by_text(re.compile(r"Akan datang")).first).to_be_visible()
    pg.screenshot(path=str(ARTIFACTS / "siaga_sda_saved_1440.png"))

    # The lurah of Pluit, on a phone, in another browser.
    context = browser.new_context(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    try:
        ph = context.new_page()
        open_as(ph, f"{server.url}/siaga", "lurah.pluit")
        expect(ph.get_by_text(re.compile(r"Rob \(pasang laut\) · Siaga")).first).to_be_visible()
        expect(ph.get_by_text(re.compile(r"^Pluit — \d+ titik rawan"))).to_be_visible()
        button = ph.get_by_role("button", name=re.compile(r"Buat tugas jaga \(\d+ titik\)"))
        expect(button).to_be_visible()
        n = int(re.search(r"\((\d+) titik\)", button.inner_text()).group(1))  # type: ignore[union-attr]
        ph.screenshot(path=str(ARTIFACTS / "siaga_lurah_before_390.png"), full_page=True)
        button.dblclick()
        done = ph.get_by_test_id("stAlertContentSuccess").filter(has_text="tugas jaga dibuat")
        expect(done.first).to_be_visible(timeout=30_000)
        wait_for_app(ph)
        expect(ph.get_by_text(f"Penjaga sudah diatur ({n} titik)")).to_be_visible()
        expect(button).to_have_count(0)
        # Planned once: the text (read from the tasks themselves) has one map link per pocket.
        code = ph.locator('[data-testid="stCode"]').filter(has_text="SIAGA: ROB").first
        text = code.inner_text()
        assert text.count("Peta: https://www.google.com/maps?q=") == n, text
        assert "Kel. Pluit" in text and "dijaga:" in text
        code.hover()
        copy = code.locator("button").first
        copy.click()
        copied = ph.evaluate("navigator.clipboard.readText()")
        assert "SIAGA: ROB" in copied and copied.count("Peta:") == n
        ph.screenshot(path=str(ARTIFACTS / "siaga_lurah_after_390.png"), full_page=True)
        ph.set_viewport_size({"width": 1440, "height": 900})
        wait_for_app(ph)
        ph.screenshot(path=str(ARTIFACTS / "siaga_lurah_after_1440.png"), full_page=True)
        # The weekly meeting shows what siaga did this week.
        open_as(ph, f"{server.url}/rapat", "lurah.pluit")
        heading = ph.get_by_role("heading", name=re.compile(r"Siaga minggu ini \(\d+\)"))
        expect(heading).to_be_visible(timeout=60_000)
        heading.scroll_into_view_if_needed()
        ph.screenshot(path=str(ARTIFACTS / "siaga_meeting_1440.png"))
    finally:
        context.close()
    assert not page.failed, page.failed
