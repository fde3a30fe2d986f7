"""The meeting brief as files: a PDF (A4, Indonesian) with the map as a picture, the
scoreboard, the lists and a chart; an XLSX workbook with one sheet per list; the
chart and map as PNG; and a plain-text WhatsApp summary. All read one `Brief`, so
every number equals the page's.
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

from pantau.db import Database
from pantau.locations import current_boundaries
from pantau.meeting import LIST_TITLES, Brief
from pantau.timefmt import format_day, format_wib
from pantau.vocab import SITE_STATUSES

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
SCORE_COLUMNS = {
    "nama": "Kecamatan",
    "lokasi": "Lokasi",
    "tertata": "Tertata",
    "persen_tertata": "% tertata",
    "terlambat": "Terlambat",
    "penyisiran": "Penyisiran",
    "laporan_masuk": "Lap. masuk",
    "laporan_ditutup": "Lap. ditutup",
    "tugas_selesai": "Tugas selesai",
}


def map_png(db: Database, brief: Brief, width_in: float = 10.0) -> bytes:
    """Kelurahan boundaries and every site coloured (and shaped) by its status as of
    the meeting, as a PNG."""
    return sites_map_png(db, brief.sites_then, brief.meeting, width_in)


def sites_map_png(db: Database, sites: pd.DataFrame, day: date, width_in: float = 10.0) -> bytes:
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
                label=_status_label(status),
                zorder=3,
            )
    ax.set_axis_off()
    ax.set_aspect("equal")
    ax.legend(loc="lower left", fontsize=8, frameon=True)
    ax.set_title(f"Lokasi penataan per {format_day(day)}", fontsize=11)
    return _png(fig)


def chart_png(brief: Brief) -> bytes:
    """Share of sites tidied and overdue sites per kecamatan, as a PNG bar chart."""
    board = brief.scoreboard.sort_values("nama")
    fig, ax = plt.subplots(figsize=(8, 3.4), dpi=120)
    x = range(len(board))
    ax.bar(
        [i - 0.2 for i in x], board["persen_tertata"], width=0.4, color="#009E73", label="% tertata"
    )
    ax2 = ax.twinx()
    ax2.bar([i + 0.2 for i in x], board["terlambat"], width=0.4, color="#D55E00", label="terlambat")
    ax.set_xticks(list(x), board["nama"], fontsize=8)
    ax.set_ylabel("% tertata")
    ax2.set_ylabel("lokasi terlambat")
    ax.set_ylim(0, 100)
    fig.legend(loc="upper right", fontsize=8)
    ax.set_title("Per kecamatan", fontsize=10)
    fig.tight_layout()
    return _png(fig)


def _png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight")
    plt.close(fig)
    return buffer.getvalue()


def _status_label(code: str) -> str:
    return next(t.id for t in SITE_STATUSES if t.code == code)


def whatsapp(brief: Brief) -> str:
    """A plain-text summary to paste into the officials' WhatsApp group."""
    lines = [
        f"*Rapat mingguan Pantau Wilayah — {format_day(brief.meeting)}*",
        f"(dibanding {format_day(brief.compare)})",
        "",
    ]
    for name, value, before in brief.headline:
        delta = value - before
        lines.append(f"• {name}: {value} ({'+' if delta > 0 else ''}{delta})")
    behind = brief.scoreboard.head(2)
    if not behind.empty:
        lines += [
            "",
            "Perlu perhatian: "
            + ", ".join(
                f"Kec. {r['nama']} ({r['terlambat']} terlambat)" for _, r in behind.iterrows()
            ),
        ]
    for key, frame in brief.lists.items():
        lines.append(f"{LIST_TITLES[key]}: {len(frame)}")
    return "\n".join(lines)


def workbook(brief: Brief) -> bytes:
    """One sheet per list, plus the headline and both scoreboards."""
    buffer = io.BytesIO()
    headline = pd.DataFrame(brief.headline, columns=["angka", "rapat_ini", "rapat_lalu"])
    headline["perubahan"] = headline["rapat_ini"] - headline["rapat_lalu"]
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        headline.to_excel(writer, sheet_name="ringkasan", index=False)
        brief.scoreboard.to_excel(writer, sheet_name="per_kecamatan", index=False)
        brief.by_kelurahan.to_excel(writer, sheet_name="per_kelurahan", index=False)
        for key, frame in brief.lists.items():
            frame.to_excel(writer, sheet_name=key[:31], index=False)
    return buffer.getvalue()


class _Pdf(FPDF):
    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("DejaVu", size=8)
        self.cell(0, 8, f"Pantau Wilayah · halaman {self.page_no()}", align="C")


def pdf(db: Database, brief: Brief, now_text: str | None = None) -> bytes:
    """The A4 brief: headline with changes, the map, the scoreboard and chart, the lists."""
    doc = _Pdf(orientation="P", unit="mm", format="A4")
    doc.add_font("DejaVu", "", str(FONT / "DejaVuSans.ttf"))
    doc.add_font("DejaVu", "B", str(FONT / "DejaVuSans-Bold.ttf"))
    doc.set_auto_page_break(auto=True, margin=15)
    doc.add_page()
    doc.set_font("DejaVu", "B", 16)
    doc.cell(0, 9, "Rapat mingguan Pantau Wilayah", new_x="LMARGIN", new_y="NEXT")
    doc.set_font("DejaVu", size=10)
    doc.cell(
        0,
        6,
        f"Kota Administrasi Jakarta Utara · {format_day(brief.meeting)}, "
        f"dibanding {format_day(brief.compare)}",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    doc.cell(0, 6, f"Data per {now_text or format_wib(brief.at)}", new_x="LMARGIN", new_y="NEXT")
    _heading(doc, "Angka utama")
    _table(
        doc,
        ["Angka", "Rapat ini", "Rapat lalu", "Perubahan"],
        [[n, str(v), str(b), f"{'+' if v - b > 0 else ''}{v - b}"] for n, v, b in brief.headline],
        [80, 30, 30, 30],
    )
    _heading(doc, "Peta")
    doc.image(io.BytesIO(map_png(db, brief)), w=180)
    doc.add_page()
    _heading(doc, "Papan skor per kecamatan")
    board = brief.scoreboard[list(SCORE_COLUMNS)]
    _table(
        doc,
        list(SCORE_COLUMNS.values()),
        [[str(v) for v in row] for row in board.itertuples(index=False)],
        [30, 16, 17, 19, 21, 21, 20, 21, 21],
        size=8,
    )
    doc.image(io.BytesIO(chart_png(brief)), w=170)
    for key, frame in brief.lists.items():
        _heading(doc, f"{LIST_TITLES[key]} ({len(frame)})")
        if frame.empty:
            doc.set_font("DejaVu", size=9)
            doc.cell(0, 6, "Tidak ada.", new_x="LMARGIN", new_y="NEXT")
            continue
        columns = list(frame.columns)
        width = 180 / len(columns)
        _table(
            doc,
            [c.replace("_", " ").capitalize() for c in columns],
            [[str(v)[:60] for v in row] for row in frame.head(40).itertuples(index=False)],
            [width] * len(columns),
            size=7,
        )
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
