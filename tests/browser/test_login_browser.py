"""Signing in in a real browser, on a phone-sized screen, and keeping the deep link."""

from __future__ import annotations

from playwright.sync_api import expect

from bench.appserver import sign_in
from tests.browser.conftest import ARTIFACTS, PageWatch, Server, wait_for_app


def test_phone_login_keeps_the_deep_link(server: Server, page: PageWatch) -> None:
    pg = page.page
    pg.set_viewport_size({"width": 390, "height": 844})
    pg.goto(f"{server.url}/wilayah?kec=31.72.01")
    wait_for_app(pg)
    expect(pg.get_by_role("heading", name="Masuk ke Pantau Wilayah")).to_be_visible()
    expect(pg.get_by_text("Akun demo")).to_be_visible()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / "login_phone.png"), full_page=True)
    pg.get_by_label("Nama pengguna").fill("lurah.pluit")
    pg.get_by_label("Kata sandi").fill("salah-sekali")
    pg.get_by_role("button", name="Masuk").click()
    expect(pg.get_by_text("Nama pengguna atau kata sandi salah.")).to_be_visible()
    sign_in(pg, "lurah.pluit", "demo-lurah")
    wait_for_app(pg)
    expect(pg.get_by_text("Kelurahan di Jakarta Utara")).to_be_visible(timeout=30_000)
    assert "/wilayah" in pg.url
    assert not page.failed, page.failed
