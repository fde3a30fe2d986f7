"""The meeting brief as files: a PDF (A4) with the map as a picture, the scoreboard,
the lists and a chart; an XLSX workbook with one sheet per list; the chart and map as
PNG; and a plain-text WhatsApp summary. All read one `Brief`, so every number equals
the page's, and all speak the brief's language (`Brief.lang`).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")  # no display on a server

import geopandas as gpd
import matplotlib.pyplot as plt
import pandas as pd
from fpdf import FPDF, FontFace
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from pantau.admin.bootstrap import has_sample_data
from pantau.city.seam import current
from pantau.city.timefmt import format_day, format_wib
from pantau.files.exports import xlsx_bytes
from pantau.geo.locations import current_boundaries
from pantau.kernel.i18n import t
from pantau.kernel.vocab import label
from pantau.meeting.review import (
    LINK_COLUMN,
    Brief,
    column_label,
    headline_changes,
    human_columns,
    list_title,
    sheet_name,
)
from pantau.store import Database

FONT = Path(matplotlib.__file__).parent / "mpl-data" / "fonts" / "ttf"
STATUS_COLOURS = {
    "belum_ditangani": "#D55E00",
    "dalam_penataan": "#E69F00",
    "tertata": "#009E73",
    "kembali_semrawut": "#CC79A7",
}
STATUS_MARKERS = {
    "belum_ditangani": "^",
    "dalam_penataan": "s",
    "tertata": "o",
    "kembali_semrawut": "D",
}
MAP_WIDTH_IN, MAP_DPI = 8.0, 250  # 2000 px across: sharp on a 1920 px projector
PDF_MAP_IN, PDF_DPI = 7.1, 250  # the map drawn at its printed size: 6.5 pt names stay 6.5 pt
TONE_RGB = {"good": (0, 115, 77), "bad": (179, 38, 30), "neutral": (80, 80, 80)}
# A map of more kelurahan than this (a province) names kecamatan only.
MAX_KELURAHAN_LABELS = 60
SCORE_KEYS = (
    "nama",
    "lokasi",
    "tertata",
    "persen_tertata",
    "terlambat",
    "penyisiran",
    "laporan_masuk",
    "laporan_ditutup",
    "tugas_selesai",
)


def score_columns(
    lang: str = "id", by_kelurahan: bool = False, by_kota: bool = False
) -> dict[str, str]:
    """Scoreboard column -> header: the first names the area (kota, kecamatan or
    kelurahan)."""
    area = "kota" if by_kota else "kelurahan" if by_kelurahan else "kecamatan"
    first = {"nama": column_label(area, lang)}
    if by_kelurahan:
        first["kecamatan"] = column_label("kecamatan", lang)
    return {**first, **{k: column_label(k, lang) for k in SCORE_KEYS[1:]}}


SCORE_COLUMNS = score_columns("id")


def map_png(
    db: Database, brief: Brief, width_in: float = MAP_WIDTH_IN, dpi: int = MAP_DPI
) -> bytes:
    """Kelurahan boundaries and names and every site coloured (and shaped) by its status
    as of the meeting, as a PNG."""
    return sites_map_png(db, brief.sites_then, brief.meeting, width_in, brief.lang, dpi)


@dataclass(frozen=True)
class MapLabel:
    text: str
    lon: float
    lat: float
    kind: str  # "kecamatan" (large, faint, behind) or "kelurahan" (small, dark)
    area: float = 0.0  # of its polygon, in square degrees: larger ones are placed first


def map_labels(boundaries: gpd.GeoDataFrame, kecamatan: dict[str, str]) -> list[MapLabel]:
    """The names the map writes: each kecamatan (by code in `kecamatan`) inside its
    kelurahan together, then each kelurahan inside its own polygon (left out for a
    province-wide map, which would be a pile of 267 names)."""
    if boundaries.empty:
        return []
    out = []
    merged = boundaries[["kecamatan_kode", "geometry"]].dissolve(by="kecamatan_kode")
    for code, shape in zip(merged.index, merged.geometry, strict=True):
        if str(code) in kecamatan:
            point = _inside(shape)
            out.append(MapLabel(kecamatan[str(code)], point.x, point.y, "kecamatan", shape.area))
    if len(boundaries) <= MAX_KELURAHAN_LABELS:
        for name, shape in zip(boundaries["nama"], boundaries.geometry, strict=True):
            point = _inside(shape)
            out.append(MapLabel(str(name), point.x, point.y, "kelurahan", shape.area))
    return out


def _inside(shape: BaseGeometry) -> Point:
    """The centroid when it lies inside `shape` (it reads best), else a point inside."""
    centre = shape.centroid
    return centre if shape.contains(centre) else shape.representative_point()


def sites_map_png(
    db: Database,
    sites: pd.DataFrame,
    day: date,
    width_in: float = MAP_WIDTH_IN,
    lang: str = "id",
    dpi: int = MAP_DPI,
) -> bytes:
    """The map picture for sites as they were on `day` (see meeting.sites_as_of)."""
    boundaries = current_boundaries(db)
    west, south, east, north = boundaries.total_bounds if not boundaries.empty else (0, 0, 1, 1)
    tall = min(max((north - south) / max(east - west, 1e-9), 0.3), 1.4)
    # As tall as the wilayah is (plus the title), so the map fills the picture's width.
    fig, ax = plt.subplots(figsize=(width_in, width_in * tall + 0.4), dpi=dpi)
    fig.subplots_adjust(
        left=0.005, right=0.995, bottom=0.005, top=1 - 0.4 / (width_in * tall + 0.4)
    )
    boundaries.plot(ax=ax, color="#f4f4f0", edgecolor="#555555", linewidth=0.6)
    for status, colour in STATUS_COLOURS.items():
        mine = sites[sites["status"] == status] if not sites.empty else sites
        if not mine.empty:
            ax.scatter(
                mine["lon"].astype(float),
                mine["lat"].astype(float),
                s=46,
                c=colour,
                marker=STATUS_MARKERS[status],
                edgecolors="black",
                linewidths=0.6,
                label=label("site_status", status, lang),
                zorder=3,
            )
    ax.set_axis_off()
    ax.set_aspect("equal")
    if not boundaries.empty:
        merged = boundaries[["kecamatan_kode", "geometry"]].dissolve(by="kecamatan_kode")
        merged.boundary.plot(ax=ax, color="#333333", linewidth=1.3)  # kecamatan outlines
        names = map_labels(boundaries, {k.kode: k.nama for k in current().kecamatan})
        _write_names(fig, ax, names, sites)
    ax.legend(loc="lower left", fontsize=8, frameon=True)
    ax.set_title(t("meeting_map_title", lang, day=format_day(day, lang)), fontsize=11)
    return _png(fig)


def _write_names(fig: Figure, ax: Axes, labels: list[MapLabel], sites: pd.DataFrame) -> None:
    """Kecamatan names large and faint behind everything, kelurahan names small and dark
    with a white halo. Each kelurahan name goes to the nearest spot around its point that
    covers no site marker and no name placed before it (largest area first), or, when
    none is free, to the spot that covers least (a kecamatan name counts for little)."""
    fig.canvas.draw()  # the axes take their final size (equal aspect) before measuring
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    to_pixels = ax.transData.transform
    radius = 0.75 * fig.dpi * _MARKER_PT / 72  # a marker's half width and a little, in px
    taken: list[tuple[Bbox, float]] = [  # what a name should not cover, and how much it counts
        (Bbox.from_extents(x - radius, y - radius, x + radius, y + radius), 1.0)
        for x, y in (
            to_pixels(sites[["lon", "lat"]].astype(float).to_numpy()) if not sites.empty else []
        )
    ]
    halo = [patheffects.withStroke(linewidth=2.2, foreground="white")]
    styles: dict[str, dict[str, Any]] = {
        "kecamatan": {"fontsize": 9.5, "fontweight": "bold", "color": "#8c8c8c", "zorder": 1.5},
        "kelurahan": {"fontsize": 6.5, "color": "#1a1a1a", "zorder": 2.8, "path_effects": halo},
    }
    for kind in ("kecamatan", "kelurahan"):
        names = [i for i in labels if i.kind == kind]
        for item in sorted(names, key=lambda i: -i.area):
            shown = item.text.upper() if kind == "kecamatan" else item.text
            text = ax.text(item.lon, item.lat, shown, ha="center", va="center", **styles[kind])
            box = text.get_window_extent(renderer).expanded(1.0, 1.15)
            if kind == "kecamatan":  # stays in the middle of its kecamatan, under the rest
                taken.append((box, 0.2))
                continue
            spots = [(dx * box.width, dy * box.height) for dx, dy in _NUDGES]
            dx, dy = min(
                spots,
                key=lambda d: (
                    sum(w * _overlap(box.translated(*d), o) for o, w in taken),
                    abs(d[0]) + abs(d[1]),
                ),
            )
            if (dx, dy) != (0.0, 0.0):
                x, y = to_pixels((item.lon, item.lat))
                lon, lat = ax.transData.inverted().transform((x + dx, y + dy))
                text.set_position((float(lon), float(lat)))
            taken.append((box.translated(dx, dy), 1.0))


def _overlap(a: Bbox, b: Bbox) -> float:
    w = min(a.x1, b.x1) - max(a.x0, b.x0)
    h = min(a.y1, b.y1) - max(a.y0, b.y0)
    return w * h if w > 0 and h > 0 else 0.0


# Where a name may move to clear the markers and other names: across in halves of its
# width, up or down in multiples of its height (the nearest free spot wins).
_NUDGES = [(dx, dy) for dx in (0.0, 0.3, -0.3, 0.55, -0.55) for dy in (0.0, 1.0, -1.0, 2.0, -2.0)]
_MARKER_PT = 7.0  # a marker of size 46 (points squared) is about 7 points across


def chart_png(brief: Brief) -> bytes:
    """Share of sites tidied and overdue sites per kecamatan, as a PNG bar chart."""
    return board_chart_png(brief.scoreboard, brief.lang)


def board_chart_png(
    scoreboard: pd.DataFrame,
    lang: str = "id",
    size_in: tuple[float, float] = (8.0, 3.4),
    font: float = 8.0,
) -> bytes:
    """The bar chart of a scoreboard (nama, persen_tertata, terlambat); `font` in points
    for every text in it."""
    tidy, late = t("meeting_chart_tidy", lang), t("meeting_chart_late", lang)
    board = scoreboard.sort_values("nama")
    fig, ax = plt.subplots(figsize=size_in, dpi=120)
    x = range(len(board))
    ax.bar([i - 0.2 for i in x], board["persen_tertata"], width=0.4, color="#009E73", label=tidy)
    ax2 = ax.twinx()
    ax2.bar([i + 0.2 for i in x], board["terlambat"], width=0.4, color="#D55E00", label=late)
    ax.set_xticks(list(x), board["nama"], fontsize=font)
    for axis in (ax, ax2):
        axis.tick_params(axis="y", labelsize=font)
    ax.set_ylabel(tidy, fontsize=font)
    ax2.set_ylabel(late, fontsize=font)
    ax.set_ylim(0, 100)
    ax.set_title(t("meeting_chart_title", lang), fontsize=font * 1.25, loc="left")
    fig.legend(loc="upper right", ncols=2, fontsize=font, frameon=False)
    fig.tight_layout()
    return _png(fig)


def _png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight")
    plt.close(fig)
    return buffer.getvalue()


def whatsapp(brief: Brief) -> str:
    """A plain-text summary to paste into the officials' WhatsApp group."""
    lang = brief.lang
    lines = [
        f"*{t('meeting_title', lang)} — {format_day(brief.meeting, lang)}*",
        t("meeting_compared", lang, day=format_day(brief.compare, lang)),
        "",
    ]
    for (name, value, _), moved in zip(brief.headline, headline_changes(brief), strict=True):
        lines.append(f"• {name}: {value} ({moved.text})")
    behind = brief.scoreboard.head(2)
    if not behind.empty:
        lines += [
            "",
            t(
                "meeting_attention",
                lang,
                items=", ".join(
                    t("meeting_attention_item", lang, name=r["nama"], n=r["terlambat"])
                    for _, r in behind.iterrows()
                ),
            ),
        ]
    for key, frame in brief.lists.items():
        lines.append(f"{list_title(key, lang)}: {len(frame)}")
    return "\n".join(lines)


def workbook(brief: Brief) -> bytes:
    """One sheet per list, plus the headline and both scoreboards."""
    lang = brief.lang
    headline = headline_frame(brief)
    code = {"kode": column_label("kode", lang)}
    kecamatan = brief.scoreboard.rename(columns={**code, **score_columns(lang)})
    kelurahan = brief.by_kelurahan.rename(
        columns={**code, **score_columns(lang, by_kelurahan=True)}
    )
    sheets = {sheet_name("summary", lang): headline}
    if not brief.by_kota.empty:
        sheets[sheet_name("kota", lang)] = brief.by_kota.rename(
            columns={**code, **score_columns(lang, by_kota=True)}
        )
    sheets[sheet_name("kecamatan", lang)] = kecamatan
    sheets[sheet_name("kelurahan", lang)] = kelurahan
    for key, frame in brief.lists.items():
        sheets[sheet_name(key, lang)] = human_columns(frame.map(_cell), lang)
    return xlsx_bytes(sheets)


def headline_frame(brief: Brief) -> pd.DataFrame:
    """The headline numbers as a table with human headers in the brief's language."""
    lang = brief.lang
    now, before = t("meeting_c_now", lang), t("meeting_c_before", lang)
    frame = pd.DataFrame(brief.headline, columns=[t("meeting_c_figure", lang), now, before])
    frame[t("meeting_c_change", lang)] = frame[now] - frame[before]
    return frame


_CONTROL = dict.fromkeys([*range(0, 9), 11, 12, *range(14, 32)])


def _cell(value: object) -> object:
    """Text a spreadsheet accepts (user-typed notes may hold control characters)."""
    return value.translate(_CONTROL) if isinstance(value, str) else value


class _Pdf(FPDF):
    lang = "id"
    sample = False  # the database holds the labelled sample data: every page says so

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("DejaVu", size=8)
        page = t("meeting_pdf_page", self.lang, n=self.page_no())
        if self.sample:
            page = f"{t('meeting_pdf_sample', self.lang)} · {page}"
        self.cell(0, 8, page, align="C")


def pdf(db: Database, brief: Brief, now_text: str | None = None) -> bytes:
    """The A4 brief. Page 1: the headline with its changes in words, the map with
    kelurahan names and the scoreboard; then the chart and the lists, each column as
    wide as its text needs."""
    lang = brief.lang
    doc = _Pdf(orientation="P", unit="mm", format="A4")
    doc.lang = lang
    doc.sample = has_sample_data(db)
    doc.add_font("DejaVu", "", str(FONT / "DejaVuSans.ttf"))
    doc.add_font("DejaVu", "B", str(FONT / "DejaVuSans-Bold.ttf"))
    doc.set_auto_page_break(auto=True, margin=15)
    doc.add_page()
    _title(doc, brief, now_text or format_wib(brief.at, lang))
    _heading(doc, t("meeting_pdf_headline", lang))
    headline = headline_frame(brief)
    changes = headline_changes(brief)
    _table(
        doc,
        list(headline.columns),
        [[n, str(v), str(b), c.text] for (n, v, b), c in zip(brief.headline, changes, strict=True)],
        [74, 30, 30, 46],
        tones=[c.tone for c in changes],
    )
    _heading(doc, t("meeting_pdf_map", lang))
    doc.image(io.BytesIO(map_png(db, brief, width_in=PDF_MAP_IN, dpi=PDF_DPI)), w=180)
    boards = [("meeting_pdf_scoreboard", brief.scoreboard, score_columns(lang))]
    if not brief.by_kota.empty:  # a province-wide brief leads with the kota
        kota = score_columns(lang, by_kota=True)
        boards.insert(0, ("meeting_pdf_scoreboard_kota", brief.by_kota, kota))
    for title, frame, columns in boards:
        _heading(doc, t(title, lang))
        _table(
            doc,
            list(columns.values()),
            [[str(v) for v in row] for row in frame[list(columns)].itertuples(index=False)],
            [30, 16, 17, 19, 21, 21, 20, 21, 21],
            size=8,
        )
    doc.image(io.BytesIO(chart_png(brief)), w=170)
    for key, frame in brief.lists.items():
        _heading(doc, f"{list_title(key, lang)} ({len(frame)})")
        if frame.empty:
            doc.set_font("DejaVu", size=9)
            doc.cell(0, 6, t("meeting_none", lang), new_x="LMARGIN", new_y="NEXT")
            continue
        # A path inside the app means nothing on paper: the code names the record.
        shown = frame.drop(columns=[c for c in (LINK_COLUMN,) if c in frame.columns])
        head = [column_label(c, lang) for c in shown.columns]
        rows = [[str(v)[:60] for v in row] for row in shown.head(40).itertuples(index=False)]
        _table(doc, head, rows, column_widths(head, rows), size=7)
        if len(shown) > 40:
            doc.set_font("DejaVu", size=8)
            more = t("meeting_more_rows", lang, n=len(shown) - 40)
            doc.cell(0, 6, more, new_x="LMARGIN", new_y="NEXT")
    return bytes(doc.output())


def column_widths(head: list[str], rows: list[list[str]], total: float = 180.0) -> list[float]:
    """Widths (mm) summing to `total`, each column's share following its longest text
    (its header on one line when short, its longest value), within bounds so that a
    long note wraps rather than squeezing the codes."""

    def header(text: str) -> int:
        return len(text) if len(text) <= 16 else max(len(w) for w in text.split())

    need = [min(max(header(h), *(len(r[i]) for r in rows), 4), 40) for i, h in enumerate(head)]
    return [total * n / sum(need) for n in need]


def _title(doc: FPDF, brief: Brief, asof: str) -> None:
    lang = brief.lang
    doc.set_font("DejaVu", "B", 16)
    doc.cell(0, 9, t("meeting_title", lang), new_x="LMARGIN", new_y="NEXT")
    if doc.sample:  # type: ignore[attr-defined]  # never passed off as official figures
        doc.set_font("DejaVu", "B", 11)
        doc.set_text_color(160, 90, 0)
        doc.multi_cell(0, 6, t("sample_banner", lang), new_x="LMARGIN", new_y="NEXT")
        doc.set_text_color(0, 0, 0)
    doc.set_font("DejaVu", size=10)
    day, compare = format_day(brief.meeting, lang), format_day(brief.compare, lang)
    line = t("meeting_city_line", lang, day=day, compare=compare)
    doc.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    doc.cell(0, 6, t("meeting_data_asof", lang, asof=asof), new_x="LMARGIN", new_y="NEXT")


def _heading(doc: FPDF, text: str) -> None:
    """A section heading, on the next page when its first rows would not follow it."""
    if doc.will_page_break(11 + 20):
        doc.add_page()
    doc.ln(3)
    doc.set_font("DejaVu", "B", 12)
    doc.cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")


def _table(
    doc: FPDF,
    head: list[str],
    rows: list[list[str]],
    widths: list[float],
    size: int = 9,
    tones: list[str] | None = None,
) -> None:
    """A table; with `tones`, each row's last cell is coloured good, bad or neutral."""
    doc.set_font("DejaVu", size=size)
    with doc.table(col_widths=widths, text_align="LEFT", line_height=size * 0.55) as table:
        header = table.row()
        for cell in head:
            header.cell(cell)
        for i, values in enumerate(rows):
            row = table.row()
            for j, value in enumerate(values):
                last = tones is not None and j == len(values) - 1
                tone = TONE_RGB[tones[i]] if tones is not None and last else None
                row.cell(value, style=FontFace(color=tone, emphasis="BOLD") if tone else None)
