"""The weekly meeting speaks the user's language everywhere (page data, PDF, XLSX,
WhatsApp) and names every ping-pong item by its code, name and kelurahan with a link
to its page, never 'Lokasi #1'."""

from __future__ import annotations

import io
import re
from datetime import date

import pandas as pd
import pytest
from pypdf import PdfReader

from pantau.meeting import brief as brief_files
from pantau.meeting.review import LIST_KEYS, build_brief
from pantau.store import Database
from tests.conftest import NOW

pytestmark = pytest.mark.both_engines
MEETING, COMPARE = date(2026, 11, 24), date(2026, 11, 17)
RAW_HEADERS = {"kode", "hari_terlambat", "hari_tergenang", "terdalam_cm", "tautan", "nomor"}
INDONESIAN = re.compile(
    r"\b(Rapat|dibanding|Lokasi|Laporan|terlambat|Tidak ada|halaman|Selasa|Angka|Peta)\b"
)


def _sites(db: Database) -> dict[str, dict]:  # type: ignore[type-arg]
    return {r["code"]: r for r in db.read().records.rows("sites")}


def test_ping_pong_items_carry_code_name_kelurahan_and_link(sample_copy: Database) -> None:
    brief = build_brief(sample_copy, MEETING, COMPARE, NOW)
    bounce = brief.lists["ping_pong"]
    assert not bounce.empty, "the sample has sites handed back and forth"
    sites = _sites(sample_copy)
    for row in bounce.to_dict("records"):
        assert not re.fullmatch(r"#\d+", str(row["kode"])), row
        site = sites[row["kode"]]
        assert row["nama"] == site["name"] and row["kelurahan"]
        assert row["tautan"] == f"/lokasi?id={site['id']}"
        assert row["urutan"].startswith("Kelurahan → Kecamatan")
    first = bounce.iloc[0]
    # The PDF names it too (code and the start of its name), and the workbook has it all.
    reader = PdfReader(io.BytesIO(brief_files.pdf(sample_copy, brief)))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert first["kode"] in text
    assert str(first["nama"])[:12] in text
    assert "Lokasi #" not in text
    sheets = pd.read_excel(io.BytesIO(brief_files.workbook(brief)), sheet_name=None)
    sheet = sheets["Bolak-balik"]
    assert list(sheet.columns) == ["Jenis", "Kode", "Nama", "Kelurahan", "Urutan tingkat", "Tautan"]
    assert first["kode"] in set(sheet["Kode"])
    assert first["nama"] in set(sheet["Nama"])
    assert first["tautan"] in set(sheet["Tautan"])


def test_english_brief_files_are_english_throughout(sample_copy: Database) -> None:
    brief = build_brief(sample_copy, MEETING, COMPARE, NOW, "en")
    names = [name for name, _, _ in brief.headline]
    assert names[:2] == ["Penataan sites", "Not yet handled"] and "Sweeps done" in names
    assert set(brief.lists["overdue"]["status"]) <= {
        "Not yet handled",
        "Being tidied",
        "Disorderly again",
    }
    sheets = pd.read_excel(io.BytesIO(brief_files.workbook(brief)), sheet_name=None)
    assert list(sheets) == [
        "Summary",
        "By kecamatan",
        "By kelurahan",
        "Status changes",
        "Disorderly again",
        "New chronic pockets",
        "Overdue sites",
        "Ping-pong",
        "Unanswered directives",
        "Siaga",
    ]
    for name, sheet in sheets.items():
        assert not RAW_HEADERS & set(sheet.columns), name
        assert not [c for c in sheet.columns if "_" in str(c)], (name, list(sheet.columns))
    assert list(sheets["Summary"].columns) == ["Figure", "This meeting", "Last meeting", "Change"]
    assert "Days late" in sheets["Overdue sites"].columns
    days = list(sheets["Overdue sites"]["Days late"])
    assert days == sorted(days, reverse=True)  # most late first
    assert "Ping-pong" in sheets and "Code" in sheets["Ping-pong"].columns
    text = brief_files.whatsapp(brief)
    assert text.startswith("*Pantau Wilayah weekly meeting — Tuesday, 24 November 2026*")
    assert "(compared with Tuesday, 17 November 2026)" in text
    assert "Overdue sites: " in text and not INDONESIAN.search(text), text
    reader = PdfReader(io.BytesIO(brief_files.pdf(sample_copy, brief)))
    pdf_text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    for phrase in (
        "Pantau Wilayah weekly meeting",
        "Headline numbers",
        "Scoreboard by kecamatan",
        "Ping-pong between offices",
        "Days late",
        "page 1",
        "Data as of 24 Nov 2026, 10:00 WIB",
    ):
        assert phrase in pdf_text, phrase
    for phrase in ("Angka utama", "Papan skor", "halaman", "Hari terlambat", "Tidak ada"):
        assert phrase not in pdf_text, phrase


def test_every_list_has_human_headers_in_both_languages(sample_copy: Database) -> None:
    from pantau.meeting.review import human_columns

    for lang in ("id", "en"):
        brief = build_brief(sample_copy, MEETING, COMPARE, NOW, lang)
        for key in LIST_KEYS:
            headers = list(human_columns(brief.lists[key], lang).columns)
            assert not [h for h in headers if "_" in h or h.islower()], (lang, key, headers)
