"""Hostile files against every import (sites, reports, groups; CSV and XLSX).

Each file either lands whole with clean text, or is refused — with problems per row, or
with one clear Indonesian sentence — and a refused file writes nothing. No other
exception may escape. One database serves the whole module (each landing row is unique),
so the suite runs in seconds.
"""

from __future__ import annotations

import io
import itertools
import random
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import openpyxl
import pytest

from pantau.access.auth import authenticate
from pantau.community.groups import MAX_IMPORT_ROWS, import_groups
from pantau.files.importing import read_table
from pantau.floods.importer import MAX_ROWS as MAX_REPORT_ROWS
from pantau.floods.importer import import_reports, suggest_mapping
from pantau.kernel.errors import InvalidInput
from pantau.sites.importer import MAX_ROWS as MAX_SITE_ROWS
from pantau.sites.importer import import_sites
from pantau.store import Database, open_database

pytestmark = pytest.mark.both_engines

NOW = datetime(2026, 11, 24, 3, 0)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
ENGLISH = re.compile(
    r"error|expected|delimiter|codec|traceback|not a zip|invalid|could not|exception|"
    r"line \d|column \d|none|nan\b",
    re.IGNORECASE,
)
INDONESIAN = re.compile(r"\b(berkas|baris|kolom|isi|sel)\b", re.IGNORECASE)
_serial = itertools.count(1)


# --- the three imports --------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    name: str
    table: str
    header: list[str]
    row: Callable[[int, str, str], list[str]]  # (unique n, text under test, free text)
    text_field: str  # the stored column that holds the text under test
    limit: int
    run: Callable[[Database, Any], tuple[bool, list[tuple[int, str, str]]]]


def _sites(db: Database, frame: Any) -> tuple[bool, list[tuple[int, str, str]]]:
    report = import_sites(db, authenticate(db, "admin", "demo-admin", NOW), frame, NOW)
    return report.ok, report.problems


def _reports(db: Database, frame: Any) -> tuple[bool, list[tuple[int, str, str]]]:
    admin = authenticate(db, "admin", "demo-admin", NOW)
    report = import_reports(db, admin, frame, suggest_mapping(list(frame.columns)), NOW)
    return report.ok, report.problems


def _groups(db: Database, frame: Any) -> tuple[bool, list[tuple[int, str, str]]]:
    ids, problems = import_groups(db, authenticate(db, "admin", "demo-admin", NOW), frame, NOW)
    return bool(ids) and not problems, problems


KINDS = [
    Kind(
        "sites", "sites",
        ["kode", "nama", "kategori", "bujur", "lintang", "tingkat", "unit", "alamat"],
        lambda n, text, free: [f"HX-{n}", f"Lokasi {n} {text}"[:120], "parkir_liar",
                               "106.8010", "-6.1050", "kelurahan", "Kel. PJR", free],
        "name", MAX_SITE_ROWS, _sites,
    ),
    Kind(
        "reports", "reports",
        ["Tanggal", "Jam", "Kelurahan", "Alamat", "Tinggi (cm)", "Penyebab", "Sumber",
         "Keterangan"],
        lambda n, text, free: ["03/11/2026", "16.30", "Pluit", f"Jl. Uji {n} {text}"[:300],
                               "30", "Rob", "Warga", free],
        "address", MAX_REPORT_ROWS, _reports,
    ),
    Kind(
        "groups", "community_groups",
        ["kelurahan", "jenis", "nama", "ketua"],
        lambda n, text, free: ["Pluit", "PKK", f"PKK Uji {n} {text}"[:120], free],
        "name", MAX_IMPORT_ROWS, _groups,
    ),
]  # fmt: skip


# --- writing files ------------------------------------------------------------------------


def _csv(rows: list[list[str]], sep: str = ";", encoding: str = "utf-8") -> bytes:
    return ("\r\n".join(sep.join(r) for r in rows) + "\r\n").encode(encoding)


def _cell(ref: str, value: str | None) -> str:
    if value is None:
        return f'<c r="{ref}" s="0"/>'  # a formatted cell with nothing in it
    if value.startswith("=") and value.endswith(")"):
        return f'<c r="{ref}"><f>{escape(value[1:])}</f></c>'  # a formula, no cached value
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(value)}</t></is></c>'


def _xlsx(rows: list[list[str | None]]) -> bytes:
    """A workbook written directly (fast even for 50 000 rows), with inline strings,
    formulas and formatted empty cells as spreadsheets write them."""
    body = "".join(
        f'<row r="{i}">'
        + "".join(_cell(f"{chr(65 + j)}{i}", v) for j, v in enumerate(row))
        + "</row>"
        for i, row in enumerate(rows, start=1)
    )
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{body}</sheetData></worksheet>"
    )
    source = io.BytesIO()
    openpyxl.Workbook().save(source)
    out = io.BytesIO()
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            zout.writestr(item, sheet.encode() if item.filename.endswith("sheet1.xml") else data)
    return out.getvalue()


def _png() -> bytes:
    return (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
        b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8"
        b"N\x00\x00\x00\x00IEND\xaeB`\x82"
    )


# --- the hostile files --------------------------------------------------------------------

LAND, REFUSE = "land", "refuse"


@dataclass(frozen=True)
class Case:
    name: str
    formats: tuple[str, ...]
    expect: str  # LAND or REFUSE
    build: Callable[[Kind, str, int], bytes]  # (kind, format, unique n) -> file content
    stored_text: str | None = None  # what the text column must hold after landing
    said: str | None = None  # a word the refusal must contain


def _table(kind: Kind, fmt: str, rows: list[list[str]], **csv: Any) -> bytes:
    return _csv(rows, **csv) if fmt == "csv" else _xlsx(list(rows))


def _blank_rows(kind: Kind, fmt: str, n: int) -> bytes:
    """One row, then 10 000 blank ones (empty fields; formatted empty cells in XLSX)."""
    if fmt == "csv":
        return _csv([kind.header, kind.row(n, "sepi", ""), *[[""] * len(kind.header)] * 10_000])
    return _xlsx([kind.header, kind.row(n, "sepi", ""), *[[None] * len(kind.header)] * 10_000])


def _over_the_limit(kind: Kind, fmt: str, n: int) -> bytes:
    return _table(
        kind, fmt, [kind.header, *(kind.row(n + i, "", "") for i in range(kind.limit + 1))]
    )


SMART = "“Gang Haji” – Blok A’s"
BIG = "x" * 200_000
CASES = [
    Case("empty", ("csv", "xlsx"), REFUSE,
         lambda k, f, n: b"" if f == "csv" else _xlsx([]), said="kosong"),
    Case("header only", ("csv", "xlsx"), REFUSE,
         lambda k, f, n: _table(k, f, [k.header]), said="tidak berisi baris data"),
    Case("binary garbage", ("csv", "xlsx"), REFUSE,
         lambda k, f, n: random.Random(n).randbytes(4096)),
    Case("png renamed", ("csv", "xlsx"), REFUSE, lambda k, f, n: _png(), said="PNG"),
    Case("utf-16 tab (Excel Unicode text)", ("csv",), LAND,
         lambda k, f, n: b"\xff\xfe" + _csv([k.header, k.row(n, "Pondok “Indah” — Ñ", "")],
                                            sep="\t", encoding="utf-16-le"),
         stored_text="Pondok “Indah” — Ñ"),
    Case("latin-1", ("csv",), LAND,
         lambda k, f, n: _csv([k.header, k.row(n, "Café Ñoño", "")], encoding="latin-1"),
         stored_text="Café Ñoño"),
    Case("cp1252 smart quotes", ("csv",), LAND,
         lambda k, f, n: _csv([k.header, k.row(n, SMART, "")], sep=",", encoding="cp1252"),
         stored_text=SMART),
    Case("smart quotes", ("xlsx",), LAND,
         lambda k, f, n: _xlsx([k.header, k.row(n, SMART, "")]), stored_text=SMART),
    Case("duplicate columns", ("csv", "xlsx"), REFUSE,
         lambda k, f, n: _table(k, f, [[*k.header, k.header[2]], [*k.row(n, "", ""), "x"]]),
         said="terulang"),
    Case("200 000-character cell", ("csv", "xlsx"), REFUSE,
         lambda k, f, n: _table(k, f, [k.header, k.row(n, "", ""), k.row(n + 1, "", BIG)]),
         said="baris 3"),
    Case("NUL and \\x01 in cells", ("csv",), LAND,
         lambda k, f, n: _csv([k.header, k.row(n, "Ba\x00gus\x01 sekali", "ca\x01tatan")]),
         stored_text="Bagus sekali"),
    Case("escaped control characters", ("xlsx",), LAND,
         lambda k, f, n: _xlsx([k.header, k.row(n, "a_x0000_b_x0001_c", "")]),
         stored_text="a_x0000_b_x0001_c"),
    Case("formula cells", ("csv", "xlsx"), LAND,
         lambda k, f, n: _table(k, f, [k.header, k.row(n, "biasa", '=HYPERLINK("http://x.example","klik")')]),
         stored_text="biasa"),
    Case("10 000 blank rows", ("csv", "xlsx"), LAND,
         _blank_rows,
         stored_text="sepi"),
    Case("huge row count", ("csv", "xlsx"), REFUSE,
         _over_the_limit,
         said="paling banyak"),
]  # fmt: skip


def _matrix() -> list[Any]:
    return [
        pytest.param(kind, case, fmt, id=f"{kind.name}-{fmt}-{case.name}")
        for kind in KINDS
        for case in CASES
        for fmt in case.formats
    ]


# --- the suite ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shared_db(sample_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    path = tmp_path_factory.mktemp("hostile") / "pantau.duckdb"
    path.write_bytes(sample_file.read_bytes())
    db = open_database(path)
    yield db
    db.close()


def _counts(db: Database) -> dict[str, int]:
    return {k.table: db.read().records.count(k.table) for k in KINDS} | {
        "events": db.read().records.count("events")
    }


def _sentence(message: str) -> None:
    assert INDONESIAN.search(message), message
    assert not ENGLISH.search(message), message
    assert len(message) < 400, message


@pytest.mark.parametrize(("kind", "case", "fmt"), _matrix())
def test_a_hostile_file_lands_whole_or_is_refused_cleanly(
    shared_db: Database, kind: Kind, case: Case, fmt: str
) -> None:
    n = next(_serial) * 100_000
    content = case.build(kind, fmt, n)
    before = _counts(shared_db)
    try:
        frame = read_table(f"berkas.{fmt}", content, max_rows=kind.limit)
    except InvalidInput as refused:
        _sentence(str(refused))
        assert case.expect == REFUSE, f"refused: {refused}"
        assert case.said is None or case.said in str(refused), str(refused)
        assert _counts(shared_db) == before
        return
    ok, problems = kind.run(shared_db, frame)
    if not ok:
        assert problems, "refused without a reason"
        for row, column, message in problems:
            assert isinstance(row, int) and 1 <= row <= len(frame) + 1
            assert column and message and not ENGLISH.search(message), (row, column, message)
        assert case.expect == REFUSE, problems[:5]
        assert case.said is None or any(case.said in m for _, _, m in problems), problems
        assert _counts(shared_db) == before
        return
    assert case.expect == LAND
    after = _counts(shared_db)
    assert after[kind.table] == before[kind.table] + len(frame) == before[kind.table] + 1
    stored = max(shared_db.read().records.rows(kind.table), key=lambda r: r["id"])
    for value in stored.values():
        assert not (isinstance(value, str) and CONTROL.search(value)), stored
    assert case.stored_text is not None and case.stored_text in str(stored[kind.text_field])
