"""Several warnings from one file: all or nothing, with a report per row and column."""

from __future__ import annotations

from datetime import datetime

import pytest

from pantau.access.permissions import Actor
from pantau.files.importing import read_table
from pantau.kernel.errors import NotAllowed
from pantau.siaga.importer import import_warnings
from pantau.siaga.warnings import covered
from pantau.store import Database

pytestmark = pytest.mark.both_engines

NOW = datetime(2026, 11, 24, 3, 0)
SDA = Actor(5, "sda", "Sudin SDA", "sda")
GOOD = (
    "Jenis;Tingkat;Sumber;Rujukan;Mulai;Selesai;Kelurahan;Catatan\n"
    "Rob;Siaga;BMKG;Maritim 24/11;24/11/2026 17.00;25/11/2026 01.00;Pluit, Kamal Muara;\n"
    "hujan_lebat;awas;bpbd;;25/11/2026 13:00;25/11/2026 20:00;;Hujan lebat sore\n"
)


def _frame(text: str):  # type: ignore[no-untyped-def]
    return read_table("peringatan.csv", text.encode("utf-8"))


def test_a_good_file_lands_whole_with_events(area_db: Database) -> None:
    report = import_warnings(area_db, SDA, _frame(GOOD), NOW)
    assert report.ok, report.text()
    assert report.added == 2 and report.text("en") == "2 warnings added."
    rows = area_db.read().records.rows("warnings")
    assert [r["kind"] for r in rows] == ["rob", "hujan_lebat"]
    assert len(covered(rows[0])) == 2 and "31.72.01.1005" in covered(rows[0])
    assert rows[0]["starts_at"] == datetime(2026, 11, 24, 10, 0)
    assert rows[1]["coverage"] == "otomatis" and len(covered(rows[1])) == 31
    events = [e for e in area_db.read().records.rows("events") if e["record_type"] == "warning"]
    assert len(events) == 2 and all(e["user_id"] == SDA.id for e in events)


def test_one_bad_row_refuses_the_file_naming_row_and_column(area_db: Database) -> None:
    bad = GOOD + (
        "Tsunami;siaga;bmkg;;26/11/2026 10.00;26/11/2026 09.00;Plut Raya;\n"
        "rob;waspada;manual;;kemarin;26/11/2026 09.00;;\n"
    )
    report = import_warnings(area_db, SDA, _frame(bad), NOW)
    assert not report.ok and report.added == 0
    where = {(row, column) for row, column, _ in report.problems}
    assert {(4, "jenis"), (4, "selesai"), (4, "kelurahan"), (5, "mulai")} <= where
    assert area_db.read().records.count("warnings") == 0
    assert "Row 4" in report.text("en") or "row 4" in report.text("en").lower()


def test_a_missing_column_is_named(area_db: Database) -> None:
    report = import_warnings(area_db, SDA, _frame("Jenis;Tingkat\nrob;siaga\n"), NOW)
    assert {c for _, c, _ in report.problems} >= {"sumber", "mulai", "selesai"}


def test_only_those_who_manage_warnings_import_them(area_db: Database) -> None:
    with pytest.raises(NotAllowed):
        import_warnings(area_db, Actor(4, "l", "Lurah", "lurah", "31.72.01", "31.72.01.1005"),
                        _frame(GOOD), NOW)  # fmt: skip
