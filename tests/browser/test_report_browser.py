"""Reporting a genangan by clicking the map, then seeing it on the map."""

from __future__ import annotations

from playwright.sync_api import Frame, Page, expect

from tests.browser.conftest import ARTIFACTS, PageWatch, Server, open_as
from tests.browser.test_map_browser import map_frame

PLUIT = (-6.1180, 106.7905)  # lat, lon inside Kelurahan Pluit


def _frame(pg: Page) -> Frame:
    pg.wait_for_selector('iframe[title="streamlit_folium.st_folium"]', timeout=60_000)
    frame = next(f for f in pg.frames if "st_folium" in f.url)
    frame.wait_for_selector(".pw-boundary", state="attached", timeout=30_000)
    return frame


def click_report_map(pg: Page, at: tuple[float, float]) -> None:
    """Click the report form's map at (lat, lon), as a person would, and wait for the pick."""
    frame = _frame(pg)
    frame.evaluate(f"window.map.setView([{at[0]}, {at[1]}], 16, {{animate: false}})")
    point = frame.evaluate(
        f"(() => {{ var p = window.map.latLngToContainerPoint([{at[0]}, {at[1]}]);"
        " return [p.x, p.y]; })()"
    )
    frame.locator(".leaflet-container").click(position={"x": point[0], "y": point[1]})
    expect(pg.get_by_text("Titik dipilih:")).to_be_visible(timeout=30_000)


def test_report_by_clicking_the_map(server: Server, page: PageWatch) -> None:
    pg = page.page
    open_as(pg, f"{server.url}/lapor", "lurah.pluit")
    # before a tap: the whole city, with its kecamatan named (no tiles needed)
    expect(_frame(pg).locator(".pw-l-kec", has_text="Penjaringan")).to_be_visible(timeout=30_000)
    click_report_map(pg, PLUIT)
    picked = _frame(pg)
    expect(picked.locator(".pw-picked")).to_have_count(1)
    # After the tap the map stays on the picked spot, close in (it used to jump back
    # to the whole city).
    picked.wait_for_function(
        f"window.map.getZoom() >= 14 && window.map.getBounds().contains({list(PLUIT)})",
        timeout=30_000,
    )
    expect(picked.locator(".pw-label", has_text="Pluit")).to_be_attached()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pg.locator('iframe[title="streamlit_folium.st_folium"]').screenshot(
        path=str(ARTIFACTS / "report_map_picked.png")
    )
    pg.get_by_label("Kedalaman (cm)", exact=True).fill("65")
    pg.get_by_label("Pelapor", exact=True).fill("Bu Rina")
    pg.get_by_text("Saya sudah memeriksa").click()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / "report_form.png"), full_page=True)
    pg.get_by_role("button", name="Kirim laporan").click()
    expect(pg.get_by_text("tersimpan di titik genangan").first).to_be_visible(timeout=30_000)
    # The new report is on the home map, at the clicked spot.
    open_as(pg, f"{server.url}/?kel=31.72.01.1005", "lurah.pluit")
    home = map_frame(pg)
    found = home.evaluate(
        f"""(() => {{ var hit = 0; window.map.eachLayer(function(l) {{
              if (l.getLayers && l.options && l.options.chunkedLoading) l.getLayers().forEach(
                function(m) {{ var p = m.getLatLng();
                  if (Math.abs(p.lat - {PLUIT[0]}) < 0.0003 && Math.abs(p.lng - {PLUIT[1]}) < 0.0003
                      && m.options.cls === 0) hit++; }}); }}); return hit; }})()"""
    )
    assert found >= 1
    assert not page.failed, page.failed
