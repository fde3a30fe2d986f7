"""Changes said in words (better / worse, not colour alone) in every meeting file, and
the PDF brief's pages: headline, map and scoreboard on page 1, and a map that names
every kelurahan inside its own shape."""

from __future__ import annotations

import io
from datetime import date

import geopandas as gpd
import pytest
from pypdf import PdfReader
from shapely.geometry import Point, box

from pantau.geo.locations import current_boundaries
from pantau.meeting import brief as brief_files
from pantau.meeting.review import build_brief, change, headline_changes, rise_is
from pantau.store import Database
from tests.conftest import NOW

pytestmark = pytest.mark.both_engines

MEETING, COMPARE = date(2026, 11, 24), date(2026, 11, 17)


@pytest.mark.parametrize(
    ("delta", "rise", "lang", "tone", "text"),
    [
        (3, 1, "id", "good", "▲ +3 lebih baik"),
        (3, -1, "id", "bad", "▲ +3 lebih buruk"),
        (-2, 1, "en", "bad", "▼ −2 worse"),
        (-2, -1, "en", "good", "▼ −2 better"),
        (5, 0, "id", "neutral", "▲ +5 naik"),
        (-1, 0, "en", "neutral", "▼ −1 down"),
        (0, 1, "id", "neutral", "= 0 tetap"),
        (0, -1, "en", "neutral", "= 0 unchanged"),
    ],
)
def test_a_change_says_which_way_in_words(
    delta: int, rise: int, lang: str, tone: str, text: str
) -> None:
    moved = change(delta, rise, lang)
    assert (moved.delta, moved.tone, moved.text) == (delta, tone, text)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_headline_figure_knows_which_way_is_good(sample_copy: Database, lang: str) -> None:
    brief = build_brief(sample_copy, MEETING, COMPARE, NOW, lang)
    # sites, belum, dalam, tertata, kembali semrawut, overdue, in, closed, sweeps, tasks
    expected = [0, -1, 0, 1, -1, -1, -1, 1, 1, 1]
    assert [rise_is(name, lang) for name, _, _ in brief.headline] == expected
    changes = headline_changes(brief)
    assert [c.delta for c in changes] == [v - b for _, v, b in brief.headline]
    closed = changes[7]  # the sample closed 11 reports the week before and none this week
    assert closed.tone == "bad" and closed.text.startswith("▼ −")
    assert rise_is("Not a headline figure", lang) == 0


def test_map_names_every_kelurahan_and_kecamatan_inside_its_own_shape(
    sample_copy: Database,
) -> None:
    boundaries = current_boundaries(sample_copy)
    kecamatan = {"31.72.01": "Penjaringan", "31.72.05": "Pademangan"}
    labels = brief_files.map_labels(boundaries, kecamatan)
    kelurahan = [label for label in labels if label.kind == "kelurahan"]
    assert sorted(label.text for label in kelurahan) == sorted(boundaries["nama"])
    assert sorted(label.text for label in labels if label.kind == "kecamatan") == [
        "Pademangan",
        "Penjaringan",
    ]
    shapes = dict(zip(boundaries["nama"], boundaries.geometry, strict=True))
    for label in kelurahan:
        assert shapes[label.text].contains(Point(label.lon, label.lat)), label.text


def test_a_province_map_names_kecamatan_only() -> None:
    many = brief_files.MAX_KELURAHAN_LABELS + 1
    boundaries = gpd.GeoDataFrame(
        {
            "kode": [f"31.71.01.{1000 + i}" for i in range(many)],
            "nama": [f"Kel {i}" for i in range(many)],
            "kecamatan_kode": ["31.71.01"] * many,
        },
        geometry=[box(i, 0, i + 1, 1) for i in range(many)],
        crs="EPSG:4326",
    )
    labels = brief_files.map_labels(boundaries, {"31.71.01": "Gambir"})
    assert [(label.text, label.kind) for label in labels] == [("Gambir", "kecamatan")]
    small = boundaries.head(3)
    assert len(brief_files.map_labels(small, {"31.71.01": "Gambir"})) == 4


def test_pdf_first_page_holds_headline_map_and_scoreboard(sample_copy: Database) -> None:
    brief = build_brief(sample_copy, MEETING, COMPARE, NOW)
    reader = PdfReader(io.BytesIO(brief_files.pdf(sample_copy, brief)))
    first = " ".join(reader.pages[0].extract_text().split())
    for heading in ("Angka utama", "Peta", "Papan skor per kecamatan"):
        assert heading in first, heading
    assert "▼ −11 lebih buruk" in first  # closed reports: a change in words
    assert len(reader.pages[0].images) == 1  # the map
    assert 2 <= len(reader.pages) <= 3
    # A list's heading never ends a page without its table.
    for page in reader.pages[:-1]:
        last = page.extract_text().strip().splitlines()[-2:]
        assert not any(line.rstrip().endswith(")") and "(" in line for line in last), last


def test_list_columns_in_the_pdf_are_as_wide_as_their_text() -> None:
    head = ["Kode", "Nama", "Hari terlambat"]
    rows = [["CTH-PAD-38", "Parkir liar sekitar pasar Ancol (contoh)", "246"]]
    widths = brief_files.column_widths(head, rows)
    assert sum(widths) == pytest.approx(180)
    # The code's 10 characters, the name's 40, the short header on one line (14).
    assert widths == pytest.approx([180 * n / 64 for n in (10, 40, 14)])


def test_whatsapp_says_each_change_in_words(sample_copy: Database) -> None:
    brief = build_brief(sample_copy, MEETING, COMPARE, NOW, "en")
    text = brief_files.whatsapp(brief)
    for (name, value, _), moved in zip(brief.headline, headline_changes(brief), strict=True):
        assert f"• {name}: {value} ({moved.text})" in text
