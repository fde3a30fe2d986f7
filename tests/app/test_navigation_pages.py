"""AppTest of moving from a list or the map panel to a record's page in the same
session (no link column: a link column opens a new tab, which must sign in again),
the lists' labels and area presets, and the sentence shown when the database file
is held by another process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.app.conftest import rows, start
from tests.conftest import ROOT

PLUIT = "31.72.01.1005"


def _pick(at: AppTest, key: str, row: int) -> AppTest:
    """What the browser sends when a row (or a cell of it) is clicked."""
    at.session_state[key] = {"selection": {"rows": [], "columns": [], "cells": [(row, "name")]}}
    return at.run()


def _df(at: AppTest, key: str):  # type: ignore[no-untyped-def]
    return next(d for d in at.dataframe if d.key == key)


def _link_columns(at: AppTest) -> list[str]:
    """Column configs of any table with a link column (opens a new tab)."""
    return [str(d.proto.columns) for d in at.dataframe if '"link"' in str(d.proto.columns)]


def test_picking_a_row_of_the_site_list_opens_its_page_same_session(app_env: Path) -> None:
    at = start("sekko", page="pages/lokasi.py")
    frame = _df(at, "sites").value
    code = frame.iloc[3]["code"]
    site = next(r for r in rows(app_env, "sites") if r["code"] == code)
    _pick(at, "sites", 3)
    assert not at.exception, at.exception
    assert at.query_params["id"] == str(site["id"])
    assert any(site["name"].replace("(", r"\(").replace(")", r"\)") in t.value for t in at.title)
    # Still the same session: signed in, no login form.
    assert not [t for t in at.text_input if t.key == "login_user"]
    assert not _link_columns(at)


def test_site_list_has_no_link_column_and_code_name_come_first(app_env: Path) -> None:
    at = start("sekko", page="pages/lokasi.py")
    df = _df(at, "sites")
    assert '"link"' not in str(df.proto.columns)
    order = list(df.proto.column_order)
    assert order[:2] == ["code", "name"] and "open" not in order and "map" not in order


def test_lurah_starts_on_own_kelurahan_and_can_widen(app_env: Path) -> None:
    at = start("lurah.pluit", page="pages/lokasi.py")
    frame = _df(at, "sites").value
    kel = {r["code"]: r["kelurahan_kode"] for r in rows(app_env, "sites")}
    assert len(frame) > 0 and {kel[c] for c in frame["code"]} == {PLUIT}
    assert any("wilayah Anda" in c.value for c in at.caption)
    # Each site is also a card (shown on a phone); a tap opens its page.
    cards = [b for b in at.button if str(b.key).startswith("site_card_")]
    assert len(cards) == len(frame)
    at.sidebar.selectbox(key="l_kel").set_value("").run()
    at.sidebar.selectbox(key="l_kec").set_value("").run()
    assert len(_df(at, "sites").value) == 46
    # Opening a site and coming back keeps the widened filter.
    _pick(at, "sites", 0)
    assert "id" in at.query_params
    at.query_params.pop("id")
    at.switch_page("pages/lokasi.py").run()
    assert len(_df(at, "sites").value) == 46


def test_a_card_opens_its_site(app_env: Path) -> None:
    at = start("lurah.pluit", page="pages/lokasi.py")
    card = next(b for b in at.button if str(b.key).startswith("site_card_"))
    card.click().run()
    assert not at.exception, at.exception
    assert at.query_params["id"] == str(card.key).removeprefix("site_card_")
    assert any("Riwayat lengkap" in m.value for m in at.markdown)


def test_days_late_column(app_env: Path) -> None:
    at = start("sekko", page="pages/lokasi.py")
    frame = _df(at, "sites").value
    assert (frame["days_late"].notna() == frame["overdue"]).all()
    assert (frame["days_late"].dropna() > 0).all()


def test_report_list_status_filter_says_report_status(app_env: Path) -> None:
    at = start("sekko", page="pages/genangan.py")
    labels = [m.label for m in at.sidebar.multiselect]
    assert "Status laporan" in labels and "Status lokasi" not in labels


def test_picking_a_report_row_opens_the_report(app_env: Path) -> None:
    at = start("sekko", page="pages/genangan.py")
    frame = _df(at, "reports").value
    rid = int(frame.iloc[0]["id"])
    _pick(at, "reports", 0)
    assert not at.exception, at.exception
    assert at.query_params["id"] == str(rid)
    assert not _link_columns(at)


def test_picking_a_pocket_row_opens_the_pocket(app_env: Path) -> None:
    at = start("sekko", page="pages/titik.py")
    frame = _df(at, "pockets").value
    pid = int(frame.iloc[0]["pocket"].lstrip("#"))
    _pick(at, "pockets", 0)
    assert not at.exception, at.exception
    assert at.query_params["id"] == str(pid)
    assert at.title[0].value.endswith(f"#{pid}")
    # The pocket's reports: a row opens that report.
    reports = _df(at, "pocket_reports").value
    rid = int(reports.iloc[0]["id"])
    _pick(at, "pocket_reports", 0)
    assert at.query_params["id"] == str(rid)


def test_map_panel_links_to_the_site_page(app_env: Path) -> None:
    site = next(r for r in rows(app_env, "sites") if r["kelurahan_kode"] == PLUIT)
    at = start("sekko", query={"pilih": f"site-{site['id']}"})
    links = [p for p in at.get("page_link") if "lokasi" in str(p.proto.page)]
    assert any(f"id={site['id']}" in str(p.proto.query_string) for p in links), links


def test_map_panel_shows_a_selected_report_and_its_pocket(app_env: Path) -> None:
    report = next(r for r in rows(app_env, "reports") if r["pocket_id"] is not None)
    at = start("sekko", query={"pilih": f"report-{report['id']}"})
    assert not at.exception, at.exception
    assert any(f"#{report['id']}" in h.value for h in at.subheader)
    targets = {(str(p.proto.page), str(p.proto.query_string)) for p in at.get("page_link")}
    assert any("genangan" in page and f"id={report['id']}" in q for page, q in targets)
    assert any("titik" in page and f"id={report['pocket_id']}" in q for page, q in targets)


def test_second_process_on_the_same_file_gets_a_sentence(app_env: Path) -> None:
    """Another process holds the file (as a first `streamlit run` does): this app
    shows a sentence saying so and what to do, not a DatabaseBusy traceback."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(app_env)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        at.run()
        assert not at.exception, "a traceback instead of a sentence"
        text = " ".join(e.value for e in at.error)
        assert "sedang dipakai proses Pantau lain" in text and "muat ulang" in text
        assert not at.text_input, "nothing else runs (no login form)"
    finally:
        holder.kill()
        holder.wait()


HOLD = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
print("holding", flush=True)
time.sleep(120)
"""
