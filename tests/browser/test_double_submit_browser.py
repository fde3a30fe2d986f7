"""A double click on Simpan (desktop) and a double tap on the sweep button (phone)
each save once: the page afterwards shows exactly one new change / one sweep.

DuckDB lets one process hold the file, so what was saved is read from what the
pages show (the history and sweep tables), not from the database file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from bench.appserver import running_app
from pantau.store import open_database, tables
from tests.browser.conftest import ARTIFACTS, PageWatch, Server, open_as, wait_for_app


class Prepared(Server):
    report_id: int
    site_id: int


@pytest.fixture(scope="module")
def prepared(sample_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Prepared]:
    """A server with a fresh report to verify and a Pluit site due for a sweep."""
    db = tmp_path_factory.mktemp("double") / "pantau.duckdb"
    db.write_bytes(sample_file.read_bytes())
    store = open_database(db)
    site = next(
        r for r in tables.rows(store.cursor(), "sites") if r["kelurahan_kode"] == "31.72.01.1005"
    )
    tables.update(store.cursor(), "sites", site["id"], {"status": "tertata", "last_sweep_at": None})
    report = next(r for r in tables.rows(store.cursor(), "reports") if r["status"] == "dilaporkan")
    store.close()
    with running_app(db, tmp_path_factory.mktemp("doublelog") / "streamlit.log") as url:
        server = Prepared(url, db, sample_file)
        server.report_id, server.site_id = int(report["id"]), int(site["id"])
        yield server


# A promise that resolves when the app starts its next script run (a run can be
# over before a polling wait sees it).
_STARTED = """() => { const app = document.querySelector('[data-testid="stApp"]');
  window.pwStarted = new Promise((done) => new MutationObserver((_, watch) => {
    if (app.getAttribute('data-test-script-state') === 'running') {
      watch.disconnect(); done(true); } }).observe(app, {attributes: true})); }"""


def _errors(pg: Page):  # type: ignore[no-untyped-def]
    """Errors on the page other than a report's late-service flags."""
    return pg.get_by_test_id("stAlertContentError").filter(has_not_text="batas waktu")


def _grid(pg: Page, heading: str):  # type: ignore[no-untyped-def]
    """The table shown under the bold `heading`: its accessible grid, which Streamlit
    fills a moment after the script has finished (so expect(), which retries)."""
    return pg.locator(
        '[data-testid="stElementContainer"]:has([data-testid="stMarkdownContainer"] '
        f'strong:text-is("{heading}")) + [data-testid="stElementContainer"] '
        '[data-testid="stDataFrame"] table[role="grid"]'
    ).first


def test_double_click_on_report_status_saves_one_change(
    prepared: Prepared, page: PageWatch
) -> None:
    pg = page.page
    pg.set_viewport_size({"width": 1440, "height": 900})
    open_as(pg, f"{prepared.url}/genangan?id={prepared.report_id}", "sda")
    changes = _grid(pg, "Riwayat lengkap").locator('td[aria-colindex="3"]')
    expect(changes.filter(has_text="Dicatat")).to_have_count(1, timeout=30_000)
    expect(changes.filter(has_text="Status:")).to_have_count(0)
    # Nothing is chosen and the duplicate/reason fields are not shown.
    expect(pg.get_by_text("Duplikat dari laporan #")).to_have_count(0)
    expect(pg.get_by_text("Alasan ditolak")).to_have_count(0)
    pg.get_by_role("combobox", name="Status berikutnya").click()
    pg.get_by_role("option", name="Diverifikasi").click()
    wait_for_app(pg)
    expect(pg.get_by_text("Duplikat dari laporan #")).to_have_count(0)
    pg.get_by_label("Catatan (wajib)", exact=True).fill("Dicek petugas SDA")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / "double_click_report_before.png"))
    pg.get_by_role("button", name="Simpan", exact=True).dblclick()
    saved = pg.get_by_test_id("stAlertContentSuccess").filter(has_text="Tersimpan.")
    expect(saved).to_be_visible(timeout=30_000)
    wait_for_app(pg)
    # The confirmation is where the user is: in view, just above the emptied choice.
    choice = pg.get_by_role("combobox", name="Status berikutnya")
    here, below = saved.bounding_box(), choice.bounding_box()
    assert here is not None and below is not None
    assert 0 <= here["y"] <= 900 and 0 < below["y"] - here["y"] < 150
    expect(pg.get_by_test_id("stToast").filter(has_text="Tersimpan.")).to_be_visible()
    expect(_errors(pg)).to_have_count(0)
    pg.screenshot(path=str(ARTIFACTS / "double_click_report_after.png"))
    # A second click where Simpan was, once the page has settled: it must not save
    # the next step (nothing is chosen, so there is no Simpan to press).
    again = pg.get_by_role("button", name="Simpan", exact=True)
    if again.count():
        again.click()
        wait_for_app(pg)
    # The status moved one step and the form is empty.
    expect(pg.get_by_test_id("stMetric").first).to_contain_text("Diverifikasi")
    expect(pg.get_by_label("Catatan (wajib)", exact=True)).to_have_count(0)
    expect(pg.get_by_role("combobox", name="Status berikutnya")).to_have_value("")
    # The history as a fresh visit draws it: exactly one status change.
    open_as(pg, f"{prepared.url}/genangan?id={prepared.report_id}", "sda")
    expect(changes.filter(has_text="Dicatat")).to_have_count(1, timeout=30_000)
    status_rows = changes.filter(has_text="Status:")
    expect(status_rows.filter(has_text="Dilaporkan → Diverifikasi")).to_have_count(1)
    expect(status_rows).to_have_count(1)
    assert not page.failed, page.failed


def test_double_tap_on_a_phone_records_one_sweep(prepared: Prepared, browser: object) -> None:
    context = browser.new_context(  # type: ignore[attr-defined]
        viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True
    )
    pg = context.new_page()
    try:
        open_as(pg, f"{prepared.url}/sisir", "lurah.pluit")
        form = pg.locator('[data-testid="stForm"]').first
        form.get_by_text("Tertib", exact=True).tap()
        form.get_by_label("Catatan (wajib bila semrawut)").fill("Trotoar bersih")
        button = form.get_by_role("button", name="Simpan penyisiran")
        button.scroll_into_view_if_needed()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        pg.screenshot(path=str(ARTIFACTS / "double_tap_sweep_before.png"))
        box = button.bounding_box()
        assert box is not None
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        # Two taps: the second one as soon as the first save has started running.
        pg.evaluate(_STARTED)
        pg.touchscreen.tap(x, y)
        pg.evaluate("window.pwStarted")
        pg.touchscreen.tap(x, y)
        expect(pg.get_by_text("Penyisiran tersimpan.").first).to_be_visible(timeout=30_000)
        wait_for_app(pg)
        pg.screenshot(path=str(ARTIFACTS / "double_tap_sweep_after.png"))
        expect(_errors(pg)).to_have_count(0)
        # The site's page lists its sweeps: exactly one.
        open_as(pg, f"{prepared.url}/lokasi?id={prepared.site_id}", "lurah.pluit")
        sweeps = _grid(pg, "Riwayat penyisiran").locator("tbody tr")
        expect(sweeps).to_have_count(1, timeout=30_000)
        expect(sweeps.first).to_contain_text("Trotoar bersih")
        pg.get_by_text("Riwayat penyisiran").scroll_into_view_if_needed()
        pg.screenshot(path=str(ARTIFACTS / "double_tap_sweep_history.png"))
    finally:
        context.close()
