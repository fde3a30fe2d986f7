"""Usulan as files: the plan's priority-programme table (CSV and XLSX, opened again
and read) and the per-usulan evidence sheet (a PDF, its text read back)."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from pypdf import PdfReader

from pantau.musrenbang.evidence import loads
from pantau.musrenbang.files import (
    PLAN_COLUMNS,
    evidence_pdf,
    flood_chart_png,
    plan_csv,
    plan_table,
    plan_xlsx,
)
from pantau.musrenbang.usulan import Draft, draft_from_pocket, edit_usulan, get_usulan, move_usulan
from pantau.store import Database
from tests.conftest import NOW
from tests.test_usulan import ADMIN, CAMAT, KALIBARU, KEC, LURAH, create_usulan, draft

pytestmark = pytest.mark.both_engines
POCKET = 39  # Kalibaru's most flooded pocket in the sample, mostly rob


def _forward(db: Database, uid: int, version: int) -> None:
    row = get_usulan(db, uid)
    ready = Draft(
        title=row["title"],
        work_type=row["work_type"],
        kelurahan_kode=row["kelurahan_kode"],
        office=row["office"],
        volume=350.0,
        unit="m",
        budget=1_500_000_000,
        participation=row["participation"],
    )
    edit_usulan(db, LURAH, uid, version, ready, NOW)
    move_usulan(db, LURAH, uid, version + 1, "diteruskan", NOW)


def test_the_table_follows_the_plans_column_order(sample_copy: Database) -> None:
    from_pocket = draft_from_pocket(sample_copy, LURAH, POCKET, NOW)
    _forward(sample_copy, from_pocket, 1)
    move_usulan(sample_copy, CAMAT, from_pocket, 3, "prioritas", NOW)
    create_usulan(sample_copy, LURAH, draft(7), NOW)
    table = plan_table(sample_copy, 2026, kelurahan=KALIBARU)
    assert tuple(table.columns[: len(PLAN_COLUMNS)]) == PLAN_COLUMNS == (
        "No", "Prioritas", "Sasaran", "Program", "Kegiatan", "Sasaran kegiatan",
        "Lokasi (kelurahan)", "Volume", "Pagu", "Perangkat daerah penanggung jawab",
    )  # fmt: skip
    first = table.iloc[0]
    evidence = loads(get_usulan(sample_copy, from_pocket)["evidence_json"])
    assert first["No"] == 1 and first["Prioritas"] == "Prioritas kecamatan 1"
    assert first["Kegiatan"] == "Tanggul" and first["Lokasi (kelurahan)"] == "Kalibaru"
    assert first["Volume"] == "350 meter" and first["Pagu"] == 1_500_000_000
    assert first["Perangkat daerah penanggung jawab"] == "Sudin SDA"
    assert first["Hari banjir (12 bulan)"] == evidence["floods"] > 0
    assert first["Kedalaman maks (cm)"] == evidence["max_depth"]
    assert -7 < first["Lintang"] < -5 and 106 < first["Bujur"] < 108
    assert table.iloc[1]["Prioritas"] == "Urutan kelurahan 2"
    english = plan_table(sample_copy, 2026, kelurahan=KALIBARU, lang="en")
    assert english.columns[:10].tolist() == list(PLAN_COLUMNS)  # the plan's own headings
    assert "Flood days (12 months)" in english.columns
    assert english.iloc[0]["Kegiatan"] == "Embankment"


def test_csv_and_xlsx_open_with_the_same_columns_and_rows(sample_copy: Database) -> None:
    uid = draft_from_pocket(sample_copy, LURAH, POCKET, NOW)
    _forward(sample_copy, uid, 1)
    create_usulan(sample_copy, LURAH, draft(2, title="=HYPERLINK(1)"), NOW)
    table = plan_table(sample_copy, 2026, kecamatan=KEC)
    from_csv = pd.read_csv(io.BytesIO(plan_csv(table)), encoding="utf-8-sig")
    from_xlsx = pd.read_excel(io.BytesIO(plan_xlsx(table, 2026)), sheet_name="Usulan 2026")
    for frame in (from_csv, from_xlsx):
        assert list(frame.columns) == list(table.columns)
        assert len(frame) == 2
        assert frame.iloc[0]["Sasaran kegiatan"] == table.iloc[0]["Sasaran kegiatan"]
    assert not str(from_csv.iloc[1]["Sasaran kegiatan"]).startswith("=")  # defused


def test_the_forwarded_only_table_is_the_camats(sample_copy: Database) -> None:
    uid = draft_from_pocket(sample_copy, LURAH, POCKET, NOW)
    _forward(sample_copy, uid, 1)
    create_usulan(sample_copy, LURAH, draft(2), NOW)
    table = plan_table(sample_copy, 2026, kecamatan=KEC, forwarded_only=True)
    assert len(table) == 1 and table.iloc[0]["Prioritas"] == "Diteruskan, urutan kecamatan 1"


def test_the_evidence_sheet_is_a_pdf_with_title_numbers_map_and_chart(
    sample_copy: Database,
) -> None:
    uid = draft_from_pocket(sample_copy, LURAH, POCKET, NOW)
    row = get_usulan(sample_copy, uid)
    evidence = loads(row["evidence_json"])
    data = evidence_pdf(sample_copy, uid, NOW)
    assert data.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(data))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert row["title"] in text
    assert "LEMBAR BUKTI USULAN MUSRENBANG 2026" in text and "DATA CONTOH" in text.upper()
    assert f"Hari banjir dalam 12 bulan {evidence['floods']}" in text
    assert f"{evidence['max_depth']} cm" in text and "Rob" in text
    images = sum(len(page.images) for page in reader.pages)
    assert images >= 2  # the map and the flood-day chart
    assert reader.metadata is not None and reader.metadata.title == row["title"]
    english = " ".join(
        p.extract_text()
        for p in PdfReader(io.BytesIO(evidence_pdf(sample_copy, uid, NOW, "en"))).pages
    )
    assert "Flood days in 12 months" in english


def test_a_decided_usulan_prints_its_reason(sample_copy: Database) -> None:
    uid = create_usulan(sample_copy, LURAH, draft(1), NOW)
    move_usulan(sample_copy, LURAH, uid, 1, "diteruskan", NOW)
    move_usulan(sample_copy, ADMIN, uid, 2, "tidak_diterima", NOW, reason="Sudah ada di RKPD")
    text = " ".join(
        p.extract_text() for p in PdfReader(io.BytesIO(evidence_pdf(sample_copy, uid, NOW))).pages
    )
    assert "Sudah ada di RKPD" in text and "Tidak diterima" in text


def test_the_chart_is_a_png() -> None:
    assert flood_chart_png([[2025, 9], [2026, 13]], "id").startswith(b"\x89PNG")
