"""One validator per record type: a bad field gets the same message from the form and
from a file row, in both languages, and the form widgets take their limits from it."""

from __future__ import annotations

import ast
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest

from pantau.access.auth import authenticate
from pantau.files.importing import read_table
from pantau.floods import fields as report_fields
from pantau.floods.importer import COLUMN_LABELS as REPORT_COLUMNS
from pantau.floods.importer import import_reports, suggest_mapping
from pantau.floods.reports import clean_fields
from pantau.kernel.errors import InvalidInput
from pantau.sites import fields as site_fields
from pantau.sites.importer import COLUMN_LABELS as SITE_COLUMNS
from pantau.sites.importer import import_sites
from pantau.sites.rules import validate_site_fields
from pantau.store import Database

pytestmark = pytest.mark.both_engines

NOW = datetime(2026, 11, 24, 3, 0)
ROOT = Path(__file__).resolve().parents[1]

SITE_ROW = {
    "kode": "JU-901", "nama": "PKL Jl. Pluit Raya", "kategori": "pkl", "bujur": "106.7905",
    "lintang": "-6.1180", "alamat": "Jl. Pluit Raya", "tingkat": "kelurahan",
    "unit": "Kelurahan Pluit", "target": "31/03/2027", "interval": "14",
}  # fmt: skip
REPORT_ROW = {
    "Waktu": "2026-11-20 14:30", "Bujur": "106.7905", "Lintang": "-6.1180",
    "Kedalaman (cm)": "45", "Penyebab": "Saluran tersumbat", "Sumber": "Warga",
    "Nomor tiket": "", "Pelapor": "Pak Budi", "Telepon": "0812-3333-4444",
    "Alamat": "RW 03", "Catatan": "setelah hujan",
}  # fmt: skip


def _admin(db: Database):  # type: ignore[no-untyped-def]
    return authenticate(db, "admin", "demo-admin", NOW)


def _file(rows: list[dict[str, str]]) -> pd.DataFrame:
    return read_table("berkas.csv", pd.DataFrame(rows).to_csv(index=False).encode())


# (form field, its value in the form, file column, its cell in a file)
SITE_CASES = [
    ("name", "", "nama", ""),
    ("name", "x" * 121, "nama", "x" * 121),
    ("address", "y" * 301, "alamat", "y" * 301),
    ("category", "kebun", "kategori", "kebun"),
    ("sweep_interval_days", 0, "interval", "0"),
    ("sweep_interval_days", 400, "interval", "400"),
    ("target_date", "besok", "target", "besok"),
]


@pytest.mark.parametrize(("field", "typed", "column", "cell"), SITE_CASES)
def test_a_bad_site_field_reads_the_same_in_the_form_and_in_a_file(
    sample_copy: Database, field: str, typed: object, column: str, cell: str
) -> None:
    with pytest.raises(InvalidInput) as err:
        validate_site_fields({field: typed})
    report = import_sites(
        sample_copy, _admin(sample_copy), _file([{**SITE_ROW, column: cell}]), NOW
    )
    assert not report.ok and report.added == 0
    (line, where, text) = report.problems[0]
    assert (line, where) == (2, SITE_COLUMNS[field])
    assert text == err.value.fields[field]
    assert text.text("en") == err.value.field_messages("en")[field]  # type: ignore[attr-defined]
    assert text.text("en") != text  # really translated


REPORT_CASES = [
    ("depth_cm", "0", "Kedalaman (cm)", "0"),
    ("depth_cm", "35.5", "Kedalaman (cm)", "35,5"),
    ("cause", "gempa", "Penyebab", "gempa"),
    ("source", "", "Sumber", ""),
    ("reporter_phone", "12ab", "Telepon", "12ab"),
    ("note", "z" * 301, "Catatan", "z" * 301),
]


@pytest.mark.parametrize(("field", "typed", "column", "cell"), REPORT_CASES)
def test_a_bad_report_field_reads_the_same_in_the_form_and_in_a_file(
    sample_copy: Database, field: str, typed: str, column: str, cell: str
) -> None:
    good = {"depth_cm": 45, "cause": "rob", "source": "warga", "observed_at": NOW}
    with pytest.raises(InvalidInput) as err:
        clean_fields({**good, field: typed}, NOW, max_age=None)
    frame = _file([{**REPORT_ROW, column: cell}])
    result = import_reports(
        sample_copy, _admin(sample_copy), frame, suggest_mapping(list(frame.columns)), NOW
    )
    assert not result.ok and result.added == 0
    (line, where, text) = result.problems[0]
    assert (line, where) == (2, REPORT_COLUMNS[field])
    assert text == err.value.fields[field]
    assert text.text("en") == err.value.field_messages("en")[field]  # type: ignore[attr-defined]


def test_labels_and_usual_words_are_read_the_same_way_everywhere() -> None:
    values, problems = report_fields.check(
        {"depth_cm": "40", "cause": "Got mampet", "source": "JAKI/CRM", "source_ref": "T-1",
         "observed_at": NOW},
        NOW, max_age=None,
    )  # fmt: skip
    assert not problems
    assert (values["cause"], values["source"], values["depth_cm"]) == (
        "saluran_tersumbat",
        "jaki",
        40,
    )
    site, problems = site_fields.check({"category": "PKL", "target_date": "31 Maret 2027"})
    assert not problems and site["category"] == "pkl" and str(site["target_date"]) == "2027-03-31"


def _numbers_in_calls(path: Path, names: set[str]) -> list[tuple[str, int]]:
    """Number literals passed as `max_chars`/`min_value`/`max_value` (or positionally
    to `number_input`) in a page module."""
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        for kw in node.keywords:
            if kw.arg in names and isinstance(kw.value, ast.Constant):
                found.append((kw.arg, int(kw.value.value)))
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr == "number_input":
            found += [("pos", int(a.value)) for a in node.args[1:3] if isinstance(a, ast.Constant)]
    return found


@pytest.mark.parametrize("module", ["pages/lapor.py", "pantau/ui/siteform.py"])
def test_form_widgets_take_their_limits_from_the_validator(module: str) -> None:
    limits = _numbers_in_calls(ROOT / module, {"max_chars", "min_value", "max_value"})
    fixed = {("max_chars", 60), ("max_chars", 20)}  # a ticket number, a phone number
    assert set(limits) <= fixed, limits
