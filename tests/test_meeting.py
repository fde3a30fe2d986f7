"""The weekly meeting: WIB week boundaries, 'as of' from the log, brief numbers equal
the page's, the PDF opens with its sections, the CLI brief."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from pantau.access.auth import authenticate
from pantau.kernel.events import tracked
from pantau.meeting import brief as brief_files
from pantau.meeting.review import (
    LIST_TITLES,
    build_brief,
    default_dates,
    meeting_moment,
    sites_as_of,
)
from pantau.sites.actions import change_status, record_sweep
from pantau.store import Database

pytestmark = pytest.mark.both_engines

NOW = datetime(2026, 11, 24, 3, 0)


def test_meeting_day_ends_at_midnight_wib() -> None:
    now = datetime(2026, 12, 31, 12, 0)
    assert meeting_moment(date(2026, 11, 30), now) == datetime(2026, 11, 30, 16, 59, 59, 999999)
    assert meeting_moment(date(2026, 12, 31), now) == now  # today: up to now
    assert default_dates(datetime(2026, 11, 30, 17, 30)) == (date(2026, 12, 1), date(2026, 11, 24))


def test_as_of_rebuilt_from_the_log_matches_a_snapshot(sample_copy: Database) -> None:
    snapshot_at = NOW
    snapshot = {r["id"]: tracked(r) for r in sample_copy.read().records.rows("sites")}
    lurah = authenticate(sample_copy, "lurah.pluit", "demo-lurah", NOW)
    later = NOW + timedelta(days=3)
    site = next(
        r
        for r in sample_copy.read().records.rows("sites")
        if r["kelurahan_kode"] == "31.72.01.1005" and r["status"] != "tertata"
    )
    nxt = {"belum_ditangani": "dalam_penataan", "kembali_semrawut": "dalam_penataan"}
    if site["status"] in nxt:
        change_status(
            sample_copy, lurah, site["id"], site["version"], nxt[site["status"]], "maju", later
        )
    rebuilt = sites_as_of(sample_copy, snapshot_at)
    assert len(rebuilt) == len(snapshot)
    for row in rebuilt.to_dict("records"):
        expected = snapshot[row["id"]]
        got = {k: row.get(k) for k in expected}
        assert {k: None if v != v else v for k, v in got.items()} == expected  # NaN -> None
    after = sites_as_of(sample_copy, later)
    assert (after.set_index("id").loc[site["id"], "status"] != site["status"]) or (
        site["status"] not in nxt
    )


def test_changes_in_the_week_are_listed(sample_copy: Database) -> None:
    lurah = authenticate(sample_copy, "lurah.pluit", "demo-lurah", NOW)
    site = next(
        r
        for r in sample_copy.read().records.rows("sites")
        if r["kelurahan_kode"] == "31.72.01.1005"
    )
    sample_copy.read().records.update("sites", site["id"], {"status": "tertata"})
    record_sweep(
        sample_copy,
        lurah,
        site["id"],
        site["version"],
        "semrawut",
        "PKL kembali",
        NOW - timedelta(days=1),
    )
    brief = build_brief(sample_copy, date(2026, 11, 24), date(2026, 11, 17), NOW)
    assert site["code"] in set(brief.lists["changed"]["kode"])
    assert site["code"] in set(brief.lists["regressed"]["kode"])
    sweeps = dict((n, v) for n, v, _ in brief.headline)["Penyisiran dilakukan"]
    assert sweeps >= 1


def test_comparison_must_be_earlier(sample_copy: Database) -> None:
    with pytest.raises(ValueError):
        build_brief(sample_copy, date(2026, 11, 17), date(2026, 11, 24), NOW)


def test_pdf_has_every_section_and_the_page_numbers(sample_copy: Database) -> None:
    brief = build_brief(sample_copy, date(2026, 11, 24), date(2026, 11, 17), NOW)
    reader = PdfReader(io.BytesIO(brief_files.pdf(sample_copy, brief)))
    text = "\n".join(page.extract_text() for page in reader.pages)
    for section in ("Angka utama", "Peta", "Papan skor per kecamatan", *LIST_TITLES.values()):
        assert section in text, section
    for name, value, before in brief.headline:
        assert f"{name} {value} {before}" in " ".join(text.split()), name
    for row in brief.scoreboard.itertuples(index=False):
        assert f"{row.nama} {row.lokasi} {row.tertata} {row.persen_tertata}" in " ".join(
            text.split()
        )
    assert len(reader.pages) >= 2


def test_pdf_of_sample_data_says_so_on_every_page(sample_copy: Database) -> None:
    """A printed or forwarded brief must never pass for official figures."""

    brief = build_brief(sample_copy, date(2026, 11, 24), date(2026, 11, 17), NOW)
    reader = PdfReader(io.BytesIO(brief_files.pdf(sample_copy, brief)))
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    assert "DEMO · DATA CONTOH" in pages[0]
    assert all("DATA CONTOH, bukan data resmi" in page for page in pages)
    sample_copy.read().meta.put("sample_data", "0")  # a real database's brief: no mark
    reader = PdfReader(io.BytesIO(brief_files.pdf(sample_copy, brief)))
    assert not any("DATA CONTOH" in (page.extract_text() or "") for page in reader.pages)


def test_workbook_whatsapp_and_pngs(sample_copy: Database) -> None:
    import pandas as pd

    brief = build_brief(sample_copy, date(2026, 11, 24), date(2026, 11, 17), NOW)
    sheets = pd.read_excel(io.BytesIO(brief_files.workbook(brief)), sheet_name=None)
    lists = {brief_files.sheet_name(key) for key in brief.lists}
    assert {"Ringkasan", "Per kecamatan", "Per kelurahan", *lists} == set(sheets)
    assert list(sheets["Ringkasan"]["Rapat ini"]) == [v for _, v, _ in brief.headline]
    assert len(sheets["Per kelurahan"]) == 31
    text = brief_files.whatsapp(brief)
    for name, value, _ in brief.headline:
        assert f"• {name}: {value} " in text
    assert brief_files.map_png(sample_copy, brief)[:4] == b"\x89PNG"
    assert brief_files.chart_png(brief)[:4] == b"\x89PNG"


def test_cli_brief(sample_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from pantau.admin.cli import main

    db = tmp_path / "b.duckdb"
    db.write_bytes(sample_file.read_bytes())
    out = tmp_path / "brief.pdf"
    assert main(["--db", str(db), "brief", "--date", "2026-11-24", "--out", str(out)]) == 0
    assert PdfReader(str(out)).pages
    with pytest.raises(SystemExit) as usage:
        main(["--db", str(db), "brief", "--date", "24-11-2026", "--out", str(out)])
    assert usage.value.code == 2 and "YYYY-MM-DD" in capsys.readouterr().err
    text = tmp_path / "wa.txt"
    assert main(["--db", str(db), "brief", "--date", "2026-11-24", "--out", str(text)]) == 0
    assert text.read_text(encoding="utf-8").startswith("*Rapat mingguan Pantau Wilayah")
