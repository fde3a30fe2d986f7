"""Importing genangan reports: mapping, every kind of bad row, duplicates, 10 000 rows."""

from __future__ import annotations

import math
from datetime import datetime

import numpy as np
import pandas as pd
import pytest

from pantau.access.auth import authenticate
from pantau.admin import integrity
from pantau.city.areas import kelurahan_list
from pantau.files.importing import read_table
from pantau.floods.importer import import_reports, suggest_mapping
from pantau.kernel.errors import NotAllowed
from pantau.store import Database

pytestmark = pytest.mark.both_engines

NOW = datetime(2026, 11, 24, 3, 0)
ROW = {
    "Waktu": "2026-11-20 14:30", "Bujur": "106.7905", "Lintang": "-6.1180",
    "Kedalaman (cm)": "45", "Penyebab": "Saluran tersumbat", "Sumber": "JAKI/CRM",
    "Nomor tiket": "JAKI-2026-000101", "Pelapor": "Pak Budi", "Telepon": "0812-3333-4444",
    "Alamat": "RW 03", "Catatan": "setelah hujan",
}  # fmt: skip


def _admin(db: Database):  # type: ignore[no-untyped-def]
    return authenticate(db, "admin", "demo-admin", NOW)


def _frame(rows: list[dict[str, str]]) -> pd.DataFrame:
    return read_table("laporan.csv", pd.DataFrame(rows).to_csv(index=False).encode())


def _run(db: Database, rows: list[dict[str, str]]):  # type: ignore[no-untyped-def]
    frame = _frame(rows)
    return import_reports(db, _admin(db), frame, suggest_mapping(list(frame.columns)), NOW)


def test_mapping_is_suggested_by_name() -> None:
    mapping = suggest_mapping(list(_frame([ROW]).columns))
    assert mapping["observed_at"] == "Waktu" and mapping["observed_time"] is None
    assert mapping["depth_cm"] == "Kedalaman (cm)" and mapping["kelurahan"] is None
    assert mapping["source_ref"] == "Nomor tiket" and mapping["reporter_phone"] == "Telepon"


def test_good_rows_land_in_pockets_with_wib_times(sample_copy: Database) -> None:
    second = {**ROW, "Nomor tiket": "JAKI-2026-000102", "Bujur": "106.8000", "Lintang": "-6.1100",
              "Kedalaman (cm)": "80"}  # fmt: skip
    frame = _frame([ROW, second])
    mapping = suggest_mapping(list(frame.columns))
    result = import_reports(sample_copy, _admin(sample_copy), frame, mapping, NOW)
    assert result.ok, result.text()
    stored = [r for r in sample_copy.read().records.rows("reports")
              if r["source_ref"] == "JAKI-2026-000101"]  # fmt: skip
    assert stored[0]["observed_at"] == datetime(2026, 11, 20, 7, 30)  # 14:30 WIB
    assert stored[0]["cause"] == "saluran_tersumbat" and stored[0]["source"] == "jaki"
    assert stored[0]["pocket_id"] is not None and stored[0]["kelurahan_kode"] == "31.72.01.1005"
    assert integrity.check(sample_copy).ok


@pytest.mark.parametrize(
    ("change", "column"),
    [
        ({"Waktu": "kemarin sore"}, "waktu"),
        ({"Waktu": "2027-01-01 10:00"}, "waktu"),  # in the future
        ({"Bujur": "abc"}, "bujur"),
        ({"Lintang": "6.118"}, "lintang"),
        ({"Bujur": "106.80", "Lintang": "-6.30"}, "lokasi"),  # South Jakarta
        ({"Kedalaman (cm)": "5000"}, "kedalaman"),
        ({"Kedalaman (cm)": "12.5"}, "kedalaman"),
        ({"Penyebab": "tsunami"}, "penyebab"),
        ({"Sumber": "merpati pos"}, "sumber"),
        ({"Nomor tiket": ""}, "tiket"),  # JAKI needs its ticket
        ({"Alamat": "x" * 400}, "alamat"),
    ],
)
def test_each_kind_of_bad_row_refuses_the_file(
    sample_copy: Database, change: dict[str, str], column: str
) -> None:
    good = {**ROW, "Nomor tiket": "JAKI-OK-1", "Bujur": "106.8000", "Lintang": "-6.1100"}
    bad = {**ROW, **change}
    frame = _frame([good, bad])
    mapping = suggest_mapping(list(frame.columns))
    before = sample_copy.read().records.count("reports")
    result = import_reports(sample_copy, _admin(sample_copy), frame, mapping, NOW)
    assert (3, column) in [(r, c) for r, c, _ in result.problems], result.text()
    assert sample_copy.read().records.count("reports") == before


def test_duplicates_against_stored_reports_and_within_the_file(sample_copy: Database) -> None:
    frame = _frame([ROW])
    mapping = suggest_mapping(list(frame.columns))
    assert import_reports(sample_copy, _admin(sample_copy), frame, mapping, NOW).ok
    again = import_reports(sample_copy, _admin(sample_copy), frame, mapping, NOW)
    assert again.problems[0][1] == "tiket" and "sudah tersimpan" in again.problems[0][2]
    same_spot = {**ROW, "Nomor tiket": "JAKI-LAIN-9", "Waktu": "2026-11-20 14:50"}
    result = import_reports(sample_copy, _admin(sample_copy), _frame([same_spot]), mapping, NOW)
    assert result.problems[0][1] == "duplikat" and "laporan tersimpan" in result.problems[0][2]
    twice = [{**ROW, "Nomor tiket": "A-1", "Waktu": "2026-10-01 08:00"},
             {**ROW, "Nomor tiket": "A-2", "Waktu": "2026-10-01 08:20"}]  # fmt: skip
    result = import_reports(sample_copy, _admin(sample_copy), _frame(twice), mapping, NOW)
    assert (3, "duplikat") in [(r, c) for r, c, _ in result.problems]


def test_unmapped_required_column(sample_copy: Database) -> None:
    frame = _frame([ROW])
    mapping = suggest_mapping(list(frame.columns)) | {"cause": None}
    result = import_reports(sample_copy, _admin(sample_copy), frame, mapping, NOW)
    assert (1, "cause", "kolom wajib belum dipetakan") in result.problems


def test_only_admin_imports(sample_copy: Database) -> None:
    sda = authenticate(sample_copy, "sda", "demo-sda", NOW)
    frame = _frame([ROW])
    with pytest.raises(NotAllowed):
        import_reports(sample_copy, sda, frame, suggest_mapping(list(frame.columns)), NOW)


def test_ten_thousand_rows(sample_copy: Database) -> None:
    rng = np.random.default_rng(3)
    centres = [(k.inside_lon, k.inside_lat) for k in kelurahan_list()]
    n = 10_000
    pick = rng.integers(0, len(centres), n)
    rows = pd.DataFrame(
        {
            "waktu": [
                f"2026-{1 + i % 10:02d}-{1 + i % 28:02d} {i % 24:02d}:{i % 60:02d}"
                for i in range(n)
            ],
            "bujur": [f"{centres[p][0] + rng.uniform(-0.002, 0.002):.6f}" for p in pick],
            "lintang": [f"{centres[p][1] + rng.uniform(-0.002, 0.002):.6f}" for p in pick],
            "kedalaman": rng.integers(10, 150, n).astype(str),
            "penyebab": rng.choice(["rob", "hujan lebat", "Saluran tersumbat"], n),
            "sumber": "ppsu",
        }
    )
    frame = read_table("besar.csv", rows.to_csv(index=False).encode())
    mapping = suggest_mapping(list(frame.columns))
    before = sample_copy.read().records.count("reports")
    result = import_reports(sample_copy, _admin(sample_copy), frame, mapping, NOW)
    if not result.ok:  # random points may hit the same spot and hour: they must be named
        assert all(c == "duplikat" for _, c, _ in result.problems), result.text()[:500]
        keep = sorted({r - 2 for r, _, _ in result.problems})
        frame = frame.drop(index=keep).reset_index(drop=True)
        result = import_reports(sample_copy, _admin(sample_copy), frame, mapping, NOW)
    assert result.ok, result.text()[:500]
    assert sample_copy.read().records.count("reports") == before + len(frame)
    assert result.new_pockets > 0
    assert math.isclose(len(frame), n, rel_tol=0.05)
