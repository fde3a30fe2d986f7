"""The meeting brief as files: a PDF (A4) with the map as a picture, the scoreboard,
the lists and a chart; an XLSX workbook with one sheet per list; the chart and map as
PNG; and a plain-text WhatsApp summary. All read one `Brief`, so every number equals
the page's, and all speak the brief's language (`Brief.lang`).
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display on a server

import matplotlib.pyplot as plt
import pandas as pd
from fpdf import FPDF
from matplotlib.figure import Figure

from pantau.bootstrap import has_sample_data
from pantau.db import Database
from pantau.i18n import t
from pantau.locations import current_boundaries
from pantau.meeting import LINK_COLUMN, Brief, column_label, human_columns, list_title, sheet_name
from pantau.safetext import xlsx_bytes
from pantau.timefmt import format_day, format_wib
from pantau.vocab import label

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


def map_png(db: Database, brief: Brief, width_in: float = 10.0) -> bytes:
    """Kelurahan boundaries and every site coloured (and shaped) by its status as of
    the meeting, as a PNG."""
    return sites_map_png(db, brief.sites_then, brief.meeting, width_in, brief.lang)


def sites_map_png(
    db: Database, sites: pd.DataFrame, day: date, width_in: float = 10.0, lang: str = "id"
) -> bytes:
    """The map picture for sites as they were on `day` (see meeting.sites_as_of)."""
    boundaries = current_boundaries(db)
    fig, ax = plt.subplots(figsize=(width_in, width_in * 0.42), dpi=120)
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
    ax.legend(loc="lower left", fontsize=8, frameon=True)
    ax.set_title(t("meeting_map_title", lang, day=format_day(day, lang)), fontsize=11)
    return _png(fig)


def chart_png(brief: Brief) -> bytes:
    """Share of sites tidied and overdue sites per kecamatan, as a PNG bar chart."""
    lang = brief.lang
    tidy, late = t("meeting_chart_tidy", lang), t("meeting_chart_late", lang)
    board = brief.scoreboard.sort_values("nama")
    fig, ax = plt.subplots(figsize=(8, 3.4), dpi=120)
    x = range(len(board))
    ax.bar([i - 0.2 for i in x], board["persen_tertata"], width=0.4, color="#009E73", label=tidy)
    ax2 = ax.twinx()
    ax2.bar([i + 0.2 for i in x], board["terlambat"], width=0.4, color="#D55E00", label=late)
    ax.set_xticks(list(x), board["nama"], fontsize=8)
    ax.set_ylabel(tidy)
    ax2.set_ylabel(late)
    ax.set_ylim(0, 100)
    fig.legend(loc="upper right", fontsize=8)
    ax.set_title(t("meeting_chart_title", lang), fontsize=10)
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
    for name, value, before in brief.headline:
        delta = value - before
        lines.append(f"• {name}: {value} ({'+' if delta > 0 else ''}{delta})")
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
    """The A4 brief: headline with changes, the map, the scoreboard and chart, the lists."""
    lang = brief.lang
    doc = _Pdf(orientation="P", unit="mm", format="A4")
    doc.lang = lang
    doc.sample = has_sample_data(db)
    doc.add_font("DejaVu", "", str(FONT / "DejaVuSans.ttf"))
    doc.add_font("DejaVu", "B", str(FONT / "DejaVuSans-Bold.ttf"))
    doc.set_auto_page_break(auto=True, margin=15)
    doc.add_page()
    doc.set_font("DejaVu", "B", 16)
    doc.cell(0, 9, t("meeting_title", lang), new_x="LMARGIN", new_y="NEXT")
    if doc.sample:  # never mistaken for official figures once printed or forwarded
        doc.set_font("DejaVu", "B", 11)
        doc.set_text_color(160, 90, 0)
        doc.multi_cell(0, 6, t("sample_banner", lang), new_x="LMARGIN", new_y="NEXT")
        doc.set_text_color(0, 0, 0)
    doc.set_font("DejaVu", size=10)
    doc.cell(
        0,
        6,
        t(
            "meeting_city_line",
            lang,
            day=format_day(brief.meeting, lang),
            compare=format_day(brief.compare, lang),
        ),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    asof = now_text or format_wib(brief.at, lang)
    doc.cell(0, 6, t("meeting_data_asof", lang, asof=asof), new_x="LMARGIN", new_y="NEXT")
    _heading(doc, t("meeting_pdf_headline", lang))
    headline = headline_frame(brief)
    _table(
        doc,
        list(headline.columns),
        [[n, str(v), str(b), f"{'+' if v - b > 0 else ''}{v - b}"] for n, v, b in brief.headline],
        [80, 30, 30, 30],
    )
    _heading(doc, t("meeting_pdf_map", lang))
    doc.image(io.BytesIO(map_png(db, brief)), w=180)
    doc.add_page()
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
        columns_shown = list(shown.columns)
        width = 180 / len(columns_shown)
        _table(
            doc,
            [column_label(c, lang) for c in columns_shown],
            [[str(v)[:60] for v in row] for row in shown.head(40).itertuples(index=False)],
            [width] * len(columns_shown),
            size=7,
        )
        if len(shown) > 40:
            doc.set_font("DejaVu", size=8)
            more = t("meeting_more_rows", lang, n=len(shown) - 40)
            doc.cell(0, 6, more, new_x="LMARGIN", new_y="NEXT")
    return bytes(doc.output())


def _heading(doc: FPDF, text: str) -> None:
    doc.ln(3)
    doc.set_font("DejaVu", "B", 12)
    doc.cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")


def _table(
    doc: FPDF, head: list[str], rows: list[list[str]], widths: list[float], size: int = 9
) -> None:
    doc.set_font("DejaVu", size=size)
    with doc.table(col_widths=widths, text_align="LEFT", line_height=size * 0.55) as table:
        header = table.row()
        for cell in head:
            header.cell(cell)
        for values in rows:
            row = table.row()
            for value in values:
                row.cell(value)
