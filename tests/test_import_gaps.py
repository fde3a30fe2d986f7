"""Import gaps found by an attack on the app (issue 13 #11, #17, #10): header-only files,
phone numbers, duplicate headings, huge cells, empty files, UTF-16 and latin-1 files,
and a row limit that stops reading instead of parsing a whole huge file first."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from pantau.access.auth import authenticate
from pantau.admin.cli import main
from pantau.files.importing import read_table
from pantau.floods.importer import import_reports, suggest_mapping
from pantau.kernel.errors import InvalidInput
from pantau.store import Database

pytestmark = pytest.mark.both_engines

NOW = datetime(2026, 11, 24, 3, 0)
HEADER = ["Tanggal", "Jam", "Kelurahan", "Alamat", "Tinggi (cm)", "Penyebab", "Sumber", "No. HP"]
ROW = ["03/11/2026", "16.30", "Pluit", "Jl. Pluit Karang Ayu", "30", "Rob", "Warga", ""]


def _csv(rows: list[list[str]], sep: str = ";") -> bytes:
    return "\n".join(sep.join(r) for r in rows).encode("utf-8") + b"\n"


def _xlsx(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _import(db: Database, name: str, content: bytes):  # type: ignore[no-untyped-def]
    frame = read_table(name, content)
    admin = authenticate(db, "admin", "demo-admin", NOW)
    return import_reports(db, admin, frame, suggest_mapping(list(frame.columns)), NOW)


# --- #11: a header-only reports file ---------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [("laporan.csv", _csv([HEADER])), ("laporan.xlsx", _xlsx([HEADER]))],
)
def test_a_header_only_reports_file_is_refused_not_a_crash(
    sample_copy: Database, name: str, content: bytes
) -> None:
    before = sample_copy.read().records.count("reports")
    result = _import(sample_copy, name, content)
    assert not result.ok and "tidak berisi baris data" in result.text()
    assert sample_copy.read().records.count("reports") == before


def test_a_header_only_reports_file_on_the_command_line(
    sample_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "r.duckdb"
    db.write_bytes(sample_file.read_bytes())
    header_only = tmp_path / "laporan.csv"
    header_only.write_bytes(_csv([HEADER]))
    assert main(["--db", str(db), "reports", "import", str(header_only)]) == 1
    assert "tidak berisi baris data" in capsys.readouterr().out


# --- #17: smaller gaps ------------------------------------------------------------------


@pytest.mark.parametrize("phone", ["=1+1", "0812-abc", "12"])
def test_the_reporter_phone_is_checked_as_the_form_checks_it(
    sample_copy: Database, phone: str
) -> None:
    before = sample_copy.read().records.count("reports")
    result = _import(sample_copy, "laporan.csv", _csv([HEADER, [*ROW[:-1], phone]]))
    assert [(r, c) for r, c, _ in result.problems] == [(2, "telepon")], result.text()
    assert sample_copy.read().records.count("reports") == before
    good = _import(sample_copy, "laporan.csv", _csv([HEADER, [*ROW[:-1], "+62 812-3333 4444"]]))
    assert good.ok, good.text()


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_repeated_heading_is_refused_naming_the_column(kind: str) -> None:
    rows = [[*HEADER, "Tinggi (cm)"], [*ROW, "80"]]
    content = _csv(rows) if kind == "csv" else _xlsx(list(rows))
    with pytest.raises(InvalidInput, match=r"Tinggi \(cm\)") as caught:
        read_table(f"laporan.{kind}", content)
    assert "kolom 5 dan 9" in str(caught.value)


def test_a_huge_cell_is_refused_naming_its_row_and_column() -> None:
    rows = [HEADER, ROW, [*ROW[:3], "x" * 140_000, *ROW[4:]]]
    with pytest.raises(InvalidInput, match="baris 3") as caught:
        read_table("laporan.csv", _csv(rows))
    assert "Alamat" in str(caught.value) and "140000" in str(caught.value).replace(".", "")


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\n\n  \n"])
def test_an_empty_file_says_so_in_indonesian(content: bytes) -> None:
    with pytest.raises(InvalidInput, match="kosong") as caught:
        read_table("laporan.csv", content)
    assert "delimiter" not in str(caught.value)


def test_excel_unicode_text_is_read() -> None:
    """Excel's "Unicode text": UTF-16 little endian with a BOM, tab separated."""
    text = "\r\n".join(
        "\t".join(r) for r in [HEADER, [*ROW[:3], "Jl. Kebon Bawang — “Gang Haji”", *ROW[4:]]]
    )
    frame = read_table("laporan.txt", b"\xff\xfe" + text.encode("utf-16-le"))
    assert list(frame.columns) == HEADER
    assert frame.loc[0, "Alamat"] == "Jl. Kebon Bawang — “Gang Haji”"
    assert read_table("laporan.csv", text.encode("utf-16")).loc[0, "Kelurahan"] == "Pluit"


@pytest.mark.parametrize(
    ("encoding", "address"),
    [("latin-1", "Jl. Pluit Café Ñ"), ("cp1252", "Jl. “Muara” Karang – Blok Z’s")],
)
@pytest.mark.parametrize("sep", [";", ",", "\t"])
def test_latin1_and_cp1252_files_are_decoded(encoding: str, address: str, sep: str) -> None:
    rows = [HEADER, [*ROW[:3], address, *ROW[4:]]]
    content = "\n".join(sep.join(r) for r in rows).encode(encoding)
    frame = read_table("laporan.csv", content)
    assert list(frame.columns) == HEADER
    assert frame.loc[0, "Alamat"] == address


# --- #10: the row limit stops reading ----------------------------------------------------


def _xlsx_with_a_poisoned_row(rows: int) -> bytes:
    """A hand-made workbook of `rows` data rows, then a row whose cell points at a shared
    string that does not exist: reading that row fails, so a reader that stops at the
    limit never meets it."""
    cells = ['<row r="1"><c r="A1" t="inlineStr"><is><t>Nama</t></is></c></row>']
    cells += [
        f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>baris {i}</t></is></c></row>'
        for i in range(2, rows + 2)
    ]
    cells.append(f'<row r="{rows + 2}"><c r="A{rows + 2}" t="s"><v>999</v></c></row>')
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{''.join(cells)}</sheetData></worksheet>"
    )
    source = io.BytesIO(_xlsx([["Nama"]]))
    out = io.BytesIO()
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = sheet.encode()
            zout.writestr(item, data)
    return out.getvalue()


def test_the_xlsx_reader_stops_once_past_the_limit() -> None:
    content = _xlsx_with_a_poisoned_row(30)
    with pytest.raises(InvalidInput, match="lebih dari 20 baris") as caught:
        read_table("lokasi.xlsx", content, max_rows=20)
    assert "paling banyak 20" in str(caught.value)
    with pytest.raises(InvalidInput, match="tidak dapat dibaca"):
        read_table("lokasi.xlsx", content, max_rows=100)  # read to the end: the bad row


def test_the_csv_reader_stops_once_past_the_limit() -> None:
    """The parser reads ahead a block at a time, so the broken last line (an unclosed
    quote) sits a megabyte further on: reaching it would refuse for the quote instead."""
    lines = [["Nama", "Jenis"]] + [[f"n{i}", "pkk"] for i in range(100_000)] + [['"a', "b"]]
    with pytest.raises(InvalidInput, match="lebih dari 20 baris"):
        read_table("kelompok.csv", _csv(lines, ","), max_rows=20)
    with pytest.raises(InvalidInput, match="tidak pernah ditutup"):
        read_table("kelompok.csv", _csv(lines, ","), max_rows=200_000)
    assert len(read_table("kelompok.csv", _csv(lines[:31], ","), max_rows=30)) == 30


def test_trailing_blank_rows_do_not_count() -> None:
    rows = [HEADER, ROW] + [[""] * len(HEADER)] * 50
    assert len(read_table("laporan.csv", _csv(rows), max_rows=5)) == 1
    assert (
        len(read_table("laporan.xlsx", _xlsx([HEADER, ROW, *[[None] * 8] * 50]), max_rows=5)) == 1
    )


def test_the_command_line_refuses_an_oversized_sites_file_while_reading(
    sample_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from pantau.sites.importer import MAX_ROWS

    db = tmp_path / "s.duckdb"
    db.write_bytes(sample_file.read_bytes())
    big = tmp_path / "lokasi.csv"
    lines = ["kode;nama;kategori;bujur;lintang;tingkat;unit"]
    lines += [f"X-{i};n;pkl;106.8;-6.1;kelurahan;u" for i in range(MAX_ROWS + 60_000)]
    big.write_text("\n".join(lines) + '\n"broken;row', encoding="utf-8")
    assert main(["--db", str(db), "sites", "import", str(big)]) == 1
    assert f"paling banyak {MAX_ROWS}" in capsys.readouterr().err
