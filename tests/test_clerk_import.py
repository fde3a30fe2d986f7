"""Report files as a city clerk makes them (issue 12 #13): separate date and time
columns, day-first dates, Indonesian headings, kelurahan by name."""

from __future__ import annotations

import io
from datetime import date, datetime, time

import openpyxl
import pytest

from pantau.access.auth import authenticate
from pantau.admin import integrity
from pantau.files.clerk_input import combine, parse_date, parse_time
from pantau.files.importing import read_table
from pantau.files.tables import header_key
from pantau.floods.importer import import_reports, suggest_mapping
from pantau.store import Database

pytestmark = pytest.mark.both_engines

NOW = datetime(2026, 11, 24, 3, 0)
HEADER = "No;Tanggal;Jam;Kelurahan;Alamat;Tinggi (cm);Penyebab;Sumber;Pelapor;No. HP;Keterangan"
CLERK_CSV = [
    "1;03/11/2026;16.30;Pluit;Jl. Pluit Karang Ayu RT 05/03;30;Hujan deras;Warga;Pak Budi;"
    "0812-1111-2222;surut pukul 18.00",
    "2;03/11/2026;16:45;Kel. Penjaringan;Gg. Lontar RW 07;45;Saluran mampet;RT/RW;Bu Sri;;",
    "3;4 Nov 2026;0830;kali baru;Jl. Kalibaru Timur;20;Rob;PPSU;;;pasang",
    "4;5 Agustus 2026;4.30 PM;Sunter Jaya;Jl. Sunter Permai;60;Pompa mati;Sudin SDA;;;",
]


def _admin(db: Database):  # type: ignore[no-untyped-def]
    return authenticate(db, "admin", "demo-admin", NOW)


def _csv(lines: list[str]) -> bytes:
    return ("\n".join([HEADER, *lines]) + "\n").encode("utf-8-sig")


def _import(db: Database, name: str, content: bytes):  # type: ignore[no-untyped-def]
    frame = read_table(name, content)
    return import_reports(db, _admin(db), frame, suggest_mapping(list(frame.columns)), NOW)


def _stored(db: Database, since_id: int) -> list[dict[str, object]]:
    return sorted(
        (r for r in db.read().records.rows("reports") if r["id"] > since_id),
        key=lambda r: r["id"],
    )


def _last_id(db: Database) -> int:
    return max(int(r["id"]) for r in db.read().records.rows("reports"))


def test_headings_are_recognised_as_clerks_write_them() -> None:
    mapping = suggest_mapping(HEADER.split(";"))
    assert mapping["observed_at"] == "Tanggal" and mapping["observed_time"] == "Jam"
    assert mapping["depth_cm"] == "Tinggi (cm)" and mapping["kelurahan"] == "Kelurahan"
    assert mapping["reporter_phone"] == "No. HP" and mapping["note"] == "Keterangan"
    assert mapping["lon"] is None and mapping["address"] == "Alamat"
    for heading in ("Tinggi genangan", "TINGGI AIR (cm)", "Ketinggian", "kedalaman_cm",
                    "Tinggi genangan rata-rata"):  # fmt: skip
        assert suggest_mapping(["Waktu", heading])["depth_cm"] == heading
    other = suggest_mapping(["Hari/Tanggal", "Waktu", "Lintang", "Bujur", "Lokasi", "Telp"])
    assert other["observed_at"] == "Hari/Tanggal" and other["observed_time"] == "Waktu"
    assert (other["lat"], other["lon"]) == ("Lintang", "Bujur")
    assert (other["address"], other["reporter_phone"]) == ("Lokasi", "Telp")
    assert suggest_mapping(["Latitude", "Longitude"])["lat"] == "Latitude"
    assert header_key(" No. HP ") == header_key("no_hp") == "nohp"


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("03/11/2026", date(2026, 11, 3)),
        ("3-11-2026", date(2026, 11, 3)),
        ("3.11.26", date(2026, 11, 3)),
        ("3 Nov 2026", date(2026, 11, 3)),
        ("3 November 2026", date(2026, 11, 3)),
        ("3 Agustus 2026", date(2026, 8, 3)),
        ("Selasa, 3 November 2026", date(2026, 11, 3)),
        ("2026-11-03", date(2026, 11, 3)),
        ("46329", date(2026, 11, 3)),  # an Excel day number
        ("12/03/2026", date(2026, 3, 12)),  # day first, always
        ("11/31/2026", None),
        ("kemarin", None),
    ],
)
def test_dates_day_first(text: str, day: date | None) -> None:
    assert parse_date(text) == day


@pytest.mark.parametrize(
    ("text", "at"),
    [
        ("16.30", time(16, 30)),
        ("16:30", time(16, 30)),
        ("16:30:00", time(16, 30)),
        ("16.3", time(16, 30)),  # what Excel keeps of 16.30 typed into a number cell
        ("9.05", time(9, 5)),
        ("1630", time(16, 30)),
        ("930", time(9, 30)),
        ("16", time(16, 0)),
        ("4.30 PM", time(16, 30)),
        ("12 am", time(0, 0)),
        ("pukul 16.30 WIB", time(16, 30)),
        ("25.00", None),
        ("16.75", None),
        ("sore", None),
    ],
)
def test_times(text: str, at: time | None) -> None:
    assert parse_time(text) == at


def test_date_and_time_cells_combine() -> None:
    assert combine("03/11/2026", "16.30")[0] == datetime(2026, 11, 3, 16, 30)
    assert combine("2026-11-03 00:00:00", "16:30:00")[0] == datetime(2026, 11, 3, 16, 30)
    assert combine("3 Nov 2026 pukul 16.30")[0] == datetime(2026, 11, 3, 16, 30)
    assert combine("03/11/2026")[1:] == (
        "jam", "jam tidak ada: petakan kolom jam atau tulis mis. 03/11/2026 16.30"
    )  # fmt: skip
    assert combine("03/11/2026 16.30", "17.00")[1] == "jam"  # the two disagree


def test_clerk_csv_lands_whole(sample_copy: Database) -> None:
    before = _last_id(sample_copy)
    result = _import(sample_copy, "laporan-kelurahan.csv", _csv(CLERK_CSV))
    assert result.ok, result.text()
    rows = _stored(sample_copy, before)
    assert len(rows) == 4
    first = rows[0]
    assert first["observed_at"] == datetime(2026, 11, 3, 9, 30)  # 16:30 WIB
    assert first["kelurahan_kode"] == "31.72.01.1005" and first["approx_location"]
    assert first["depth_cm"] == 30 and first["cause"] == "hujan_lebat"
    assert first["pocket_id"] is None and first["reporter_phone"] == "0812-1111-2222"
    assert [r["kelurahan_kode"] for r in rows] == [
        "31.72.01.1005", "31.72.01.1001", "31.72.04.1004", "31.72.02.1002"
    ]  # fmt: skip
    assert rows[2]["observed_at"] == datetime(2026, 11, 4, 1, 30)  # 08:30 WIB
    assert rows[3]["observed_at"] == datetime(2026, 8, 5, 9, 30)  # 4.30 PM WIB
    assert [r["source"] for r in rows] == ["warga", "rt_rw", "ppsu", "sudin_sda"]
    assert integrity.check(sample_copy).ok


def test_one_bad_row_refuses_the_whole_csv(sample_copy: Database) -> None:
    before = sample_copy.read().records.count("reports")
    bad = [*CLERK_CSV]
    bad[1] = bad[1].replace("16:45", "25.45")
    bad[2] = bad[2].replace("kali baru", "Plut")
    result = _import(sample_copy, "laporan.csv", _csv(bad))
    assert not result.ok
    problems = {(r, c): m for r, c, m in result.problems}
    assert "25.45" in problems[(3, "jam")]
    assert "Pluit (Kec. Penjaringan)" in problems[(4, "kelurahan")]
    assert set(problems) == {(3, "jam"), (4, "kelurahan")}  # the good rows are not blamed
    assert "baris 3, jam" in result.text()
    assert sample_copy.read().records.count("reports") == before


def _clerk_xlsx(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["No", "Tanggal", "Jam", "Kelurahan", "Lintang", "Bujur", "Tinggi genangan",
                  "Penyebab", "Sumber", "No Tiket", "Keterangan"])  # fmt: skip
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


XLSX_ROWS: list[list[object]] = [
    [1, date(2026, 11, 3), time(16, 30), "Pluit", -6.1181, 106.7911, 35, "Rob", "JAKI",
     "JAKI-KLERK-1", None],
    [2, "03/11/2026", 16.3, "Kel. Pluit", -6.1104, 106.7832, 50, "hujan lebat", "warga",
     None, "16.30 diketik sebagai angka"],
    [3, datetime(2026, 11, 4, 7, 15), None, "Kalibaru", None, None, 25, "Rob", "PPSU", None,
     None],
]  # fmt: skip


def test_clerk_xlsx_with_real_date_and_time_cells_lands_whole(sample_copy: Database) -> None:
    before = _last_id(sample_copy)
    rows = [[*r] for r in XLSX_ROWS]
    rows[2][4:6] = [None, None]
    result = _import(sample_copy, "rekap.xlsx", _clerk_xlsx(rows[:2]))
    assert result.ok, result.text()
    stored = _stored(sample_copy, before)
    assert [r["observed_at"] for r in stored] == [datetime(2026, 11, 3, 9, 30)] * 2
    assert {r["kelurahan_kode"] for r in stored} == {"31.72.01.1005"}
    assert not any(r["approx_location"] for r in stored) and all(r["pocket_id"] for r in stored)
    assert stored[0]["source_ref"] == "JAKI-KLERK-1" and stored[0]["depth_cm"] == 35


def test_xlsx_row_without_coordinates_needs_an_address(sample_copy: Database) -> None:
    before = sample_copy.read().records.count("reports")
    result = _import(sample_copy, "rekap.xlsx", _clerk_xlsx(XLSX_ROWS))
    assert [(r, c) for r, c, _ in result.problems] == [(4, "alamat")], result.text()
    assert sample_copy.read().records.count("reports") == before
