"""From a list or the map to a record's page in a real browser: the same tab, the
same session (still signed in), tables that fit a 1440 px screen, a readable site
list on a 390 px phone.

A link column used to open a new tab, which is a new session that asks to sign in
again; these tests click what a person clicks and count the tabs."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import duckdb
import pytest
from playwright.sync_api import Frame, Page, expect

from tests.browser.conftest import ARTIFACTS, Server, open_as, wait_for_app
from tests.browser.test_map_browser import map_frame

PLUIT = "31.72.01.1005"
DESKTOP = {"viewport": {"width": 1440, "height": 900}}
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
ROW_H = 35  # the data grid's row (and header) height in px


@pytest.fixture
def desktop(browser: Any) -> Iterator[Page]:
    context = browser.new_context(**DESKTOP)
    yield context.new_page()
    context.close()


@pytest.fixture
def phone(browser: Any) -> Iterator[Page]:
    context = browser.new_context(**PHONE)
    yield context.new_page()
    context.close()


def _sites(server: Server, kelurahan: str | None = None) -> list[tuple[int, str, str]]:
    """(id, code, name) by code, from the pristine sample the server's copy came from."""
    con = duckdb.connect(str(server.source), read_only=True)
    try:
        sql = "SELECT id, code, name FROM sites WHERE NOT retired"
        params = []
        if kelurahan:
            sql += " AND kelurahan_kode = ?"
            params.append(kelurahan)
        return [
            (int(i), c, n) for i, c, n in con.execute(sql + " ORDER BY code", params).fetchall()
        ]
    finally:
        con.close()


def _shot(pg: Page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def _site_page(pg: Page, site_id: int, name: str) -> None:
    """The site's page is showing, signed in, in the one tab there is."""
    expect(pg).to_have_url(re.compile(rf"/lokasi\?id={site_id}$"), timeout=30_000)
    wait_for_app(pg)
    expect(pg.get_by_role("heading", name=name)).to_be_visible(timeout=30_000)
    expect(pg.get_by_text("Riwayat lengkap")).to_be_visible()
    expect(pg.get_by_label("Nama pengguna")).to_have_count(0)
    assert len(pg.context.pages) == 1


def _grid(pg: Page) -> Any:
    return pg.locator('.st-key-sitelist_table [data-testid="stDataFrame"]')


def test_site_list_row_opens_the_site_in_the_same_tab(server: Server, desktop: Page) -> None:
    pg = desktop
    open_as(pg, f"{server.url}/lokasi", "sekko")
    expect(pg.get_by_text("46 lokasi")).to_be_visible()
    grid = _grid(pg)
    expect(grid).to_be_visible()
    expect(pg.locator(".st-key-sitelist_cards")).to_be_hidden()
    scroller = grid.locator(".dvn-scroller")
    widths = scroller.evaluate("e => [e.scrollWidth, e.clientWidth]")
    print("site grid scrollWidth/clientWidth at 1440:", widths)
    assert widths[0] <= widths[1], f"the table scrolls sideways: {widths}"
    _shot(pg, "navigation_site_list_1440")
    box = grid.bounding_box()
    assert box is not None
    row = 3
    site_id, _, name = _sites(server)[row]
    # A click on the row's name cell (left of it: the code).
    pg.mouse.click(box["x"] + 250, box["y"] + ROW_H * (row + 1) + ROW_H / 2)
    _site_page(pg, site_id, name)
    _shot(pg, "navigation_site_page_1440")
    # Back to the list: still signed in, the list as it was.
    pg.get_by_text("Kembali ke daftar lokasi").click()
    wait_for_app(pg)
    expect(pg.get_by_text("46 lokasi")).to_be_visible()
    assert len(pg.context.pages) == 1


def _pick_marker(pg: Page) -> tuple[Frame, int]:
    """Click a site marker; return the frame and the site's id the panel shows."""
    frame = map_frame(pg)
    frame.evaluate("window.map.setZoom(13, {animate: false})")
    frame.locator(".leaflet-marker-icon .pw-site").first.dispatch_event("click")
    link = pg.get_by_role("link", name="Buka halaman lokasi")
    expect(link).to_be_visible(timeout=30_000)
    found = re.search(r"id=(\d+)", link.get_attribute("href") or "")
    assert found, link.get_attribute("href")
    return frame, int(found.group(1))


def test_map_panel_link_opens_the_site_in_the_same_tab(server: Server, desktop: Page) -> None:
    pg = desktop
    open_as(pg, server.url, "sekko")
    _, site_id = _pick_marker(pg)
    name = next(n for i, _, n in _sites(server) if i == site_id)
    link = pg.get_by_role("link", name="Buka halaman lokasi")
    panel = pg.locator('[data-testid="stColumn"]').filter(has=link).last
    # Nothing in the narrow panel is cut off: no table, nothing wider than the panel.
    expect(panel.locator('[data-testid="stDataFrame"]')).to_have_count(0)
    wider = panel.evaluate(
        "p => [...p.querySelectorAll('*')].filter(e => e.scrollWidth > p.clientWidth + 1).length"
    )
    assert wider == 0
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    panel.screenshot(path=str(ARTIFACTS / "navigation_map_panel_1440.png"))
    link.click()
    _site_page(pg, site_id, name)


def test_map_popup_link_opens_the_site_in_the_same_tab(server: Server, desktop: Page) -> None:
    pg = desktop
    open_as(pg, server.url, "sekko")
    frame, site_id = _pick_marker(pg)
    name = next(n for i, _, n in _sites(server) if i == site_id)
    popup_link = frame.locator(".leaflet-popup .pw-open")
    expect(popup_link).to_have_text("Buka halaman lokasi")
    _shot(pg, "navigation_map_popup_1440")
    popup_link.click()
    _site_page(pg, site_id, name)


def test_lurah_on_a_phone_sees_pluit_as_cards(server: Server, phone: Page) -> None:
    pg = phone
    open_as(pg, f"{server.url}/lokasi", "lurah.pluit")
    pluit = _sites(server, PLUIT)
    assert pluit
    expect(pg.get_by_text(f"{len(pluit)} lokasi")).to_be_visible()
    expect(pg.get_by_text("Menampilkan wilayah Anda")).to_be_visible()
    expect(pg.locator(".st-key-sitelist_table")).to_be_hidden()
    cards = pg.locator(".st-key-sitelist_cards button")
    expect(cards).to_have_count(len(pluit))
    for _, code, _ in pluit:
        card = cards.filter(has_text=code)
        expect(card).to_be_visible()
        assert card.bounding_box()["width"] <= 390  # type: ignore[index]
    page_width = pg.evaluate("document.documentElement.scrollWidth")
    print("phone page scrollWidth at 390:", page_width)
    assert page_width <= 390
    _shot(pg, "navigation_site_list_390")
    site_id, code, name = pluit[0]
    cards.filter(has_text=code).tap()
    _site_page(pg, site_id, name)
    _shot(pg, "navigation_site_page_390")


PICK_REPORT_JS = """() => new Promise(done => {
  var group = null;
  window.map.eachLayer(function(l) { if (l.zoomToShowLayer && !group) group = l; });
  var marker = group.getLayers().find(function(m) { return m.feature; });
  group.zoomToShowLayer(marker, function() {
    marker._path.setAttribute('data-picked', '1');
    done(marker.feature.properties.id);
  });
})"""


def test_clicking_a_report_picks_the_report_not_its_pocket(server: Server, desktop: Page) -> None:
    pg = desktop
    open_as(pg, server.url, "sekko")
    frame = map_frame(pg)
    report_id = frame.evaluate(PICK_REPORT_JS)
    frame.locator("[data-picked]").dispatch_event("click")
    expect(pg.get_by_role("heading", name=f"Laporan genangan #{report_id}")).to_be_visible(
        timeout=30_000
    )
    expect(frame.locator(".leaflet-popup .pw-open")).to_have_text("Buka halaman laporan")
    expect(
        pg.get_by_role("link", name=re.compile(r"Bagian dari titik genangan #\d+"))
    ).to_be_visible()
    _shot(pg, "navigation_map_report_1440")
    pg.get_by_role("link", name="Buka halaman laporan").click()
    expect(pg).to_have_url(re.compile(rf"/genangan\?id={report_id}$"), timeout=30_000)
    wait_for_app(pg)
    expect(pg.get_by_role("heading", name=f"Laporan genangan #{report_id}")).to_be_visible()
    assert len(pg.context.pages) == 1


@pytest.mark.parametrize("path", ["/genangan", "/titik"])
def test_report_and_pocket_tables_fit_1440(server: Server, desktop: Page, path: str) -> None:
    pg = desktop
    open_as(pg, f"{server.url}{path}", "sda")
    grids = pg.locator('[data-testid="stDataFrame"]')
    expect(grids.last).to_be_visible(timeout=30_000)
    for i in range(grids.count()):  # at /genangan the water office's queue, then the list
        widths = (
            grids.nth(i).locator(".dvn-scroller").evaluate("e => [e.scrollWidth, e.clientWidth]")
        )
        print(f"{path} grid {i} scrollWidth/clientWidth at 1440:", widths)
        assert widths[0] <= widths[1], f"table {i} scrolls sideways: {widths}"
    _shot(pg, f"navigation_{path.strip('/')}_1440")
    grid = grids.last
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    assert box is not None
    pg.mouse.click(box["x"] + 200, box["y"] + ROW_H * 1.5)  # the first row
    expect(pg).to_have_url(re.compile(rf"{path}\?id=\d+$"), timeout=30_000)
    wait_for_app(pg)
    expect(pg.get_by_label("Nama pengguna")).to_have_count(0)
    assert len(pg.context.pages) == 1
