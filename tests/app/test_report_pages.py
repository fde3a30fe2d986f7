"""AppTest of the genangan pages: list, a report's page, the report form, pockets."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

from tests.app.conftest import rows, start


def test_list_masks_reporters_for_tamu_not_for_sda(app_env: Path) -> None:
    at = start("tamu", page="pages/genangan.py")
    assert at.title[0].value == "Laporan genangan"
    frame = at.dataframe[0].value
    assert len(frame) > 0 and set(frame["reporter"].dropna()) == {"•••"}
    sda = start("sda", page="pages/genangan.py")
    assert len(sda.dataframe) == 2  # the SDA queue and the list
    assert any(str(v).startswith("Pelapor Contoh") for v in sda.dataframe[1].value["reporter"])


def test_report_page_moves_the_lifecycle(app_env: Path) -> None:
    report = next(r for r in rows(app_env, "reports") if r["status"] == "dilaporkan"
                  and r["kecamatan_kode"] == "31.72.01")  # fmt: skip
    rid = report["id"]
    at = start("camat.penjaringan", query={"id": str(rid)}, page="pages/genangan.py")
    assert not at.exception, at.exception
    assert at.selectbox(key=f"rstatus_{rid}_to").options == ["Diverifikasi", "Duplikat", "Ditolak"]
    at.selectbox(key=f"rstatus_{rid}_to").select("Diverifikasi").run()  # nothing pre-selected
    at.text_input(key=f"rstatus_{rid}_note").input("Dicek PPSU")
    next(b for b in at.button if b.label == "Simpan").click().run()
    assert not at.exception, at.exception
    stored = next(r for r in rows(app_env, "reports") if r["id"] == rid)
    assert stored["status"] == "diverifikasi" and stored["verified_at"] is not None


def test_report_form_by_coordinates_lands_in_a_pocket(app_env: Path) -> None:
    before = len(rows(app_env, "reports"))
    at = start("lurah.pluit", page="pages/lapor.py")
    assert at.title[0].value == "Lapor genangan"
    at.radio(key="lapor_how").set_value("koordinat").run()
    at.number_input(key="lapor_lat").set_value(-6.1180)
    at.number_input(key="lapor_lon").set_value(106.7905)
    at.number_input(key="lapor_depth").set_value(55)
    at.text_input(key="lapor_name").input("Bu Ani")
    at.checkbox(key="lapor_not_dup").check()
    next(b for b in at.button if b.label == "Kirim laporan").click().run()
    assert not at.exception, at.exception
    stored = rows(app_env, "reports")
    assert len(stored) == before + 1
    new = stored[-1]
    assert new["kelurahan_kode"] == "31.72.01.1005" and new["pocket_id"] is not None
    assert new["reporter_name"] == "Bu Ani" and new["depth_cm"] == 55
    assert any("tersimpan di titik genangan" in s.value for s in at.success)


def test_report_form_outside_the_city_is_refused(app_env: Path) -> None:
    before = len(rows(app_env, "reports"))
    at = start("sda", page="pages/lapor.py")
    at.radio(key="lapor_how").set_value("koordinat").run()
    at.number_input(key="lapor_lat").set_value(-6.30)
    at.number_input(key="lapor_lon").set_value(106.80)
    next(b for b in at.button if b.label == "Kirim laporan").click().run()
    assert any("Jakarta Utara" in e.value for e in at.error)
    assert len(rows(app_env, "reports")) == before


def test_pocket_ranking_and_pocket_page(app_env: Path) -> None:
    at = start("sekko", page="pages/titik.py")
    assert at.title[0].value == "Titik genangan kronis"
    ranking = at.dataframe[0].value
    assert ranking["chronic"].any() and list(ranking["rank"])[:3] == [1, 2, 3]
    top = ranking.iloc[0]["pocket"].lstrip("#")
    page = start("sekko", query={"id": top}, page="pages/titik.py")
    assert page.title[0].value == f"Titik genangan #{top}"
    assert int(page.metric[0].value) == int(ranking.iloc[0]["floods"])


def test_sda_queue_says_how_many_days_late(app_env: Path) -> None:
    sda = start("sda", page="pages/genangan.py")
    queue = sda.dataframe[0].value
    late = [str(f) for f in queue["flags"] if "terlambat" in str(f)]
    assert late, "the sample has reports past their deadline in the SDA queue"
    assert all(re.search(r"\b\d+ hari terlambat", f) for f in late), late


def test_list_draws_one_page_of_rows_and_turns_pages(app_env: Path) -> None:
    """The whole year is 455 reports: 100 rows are drawn at a time, newest first."""
    at = start("sekko", page="pages/genangan.py")
    at.date_input(key="g_dates").set_value((date(2025, 11, 1), date(2026, 11, 24))).run()
    since = datetime(2025, 10, 31, 17, 0)  # 1 November 2025, 00.00 WIB
    n = len([r for r in rows(app_env, "reports") if r["observed_at"] >= since])
    assert n > 200
    assert any(f"{n} laporan" in c.value for c in at.caption), [c.value for c in at.caption]
    first = at.dataframe[0].value
    assert len(first) == 100
    assert any(c.value == f"Baris 1–100 dari {n}" for c in at.caption)
    assert at.button(key="reports_prev").disabled
    at.button(key="reports_next").click().run()
    second = at.dataframe[0].value
    assert len(second) == 100 and not set(first["id"]) & set(second["id"])
    assert any(c.value == f"Baris 101–200 dari {n}" for c in at.caption)
    # Another filter starts the list again from its first page.
    at.checkbox(key="g_late").check().run()
    assert not any(c.value.startswith("Baris 101") for c in at.caption)
    late = at.dataframe[0].value
    assert 0 < len(late) <= 100 and late["late"].all()
