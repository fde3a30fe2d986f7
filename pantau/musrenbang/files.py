"""Usulan as files for the musrenbang: a table in the column order of the regional
plan's priority-programme table (CSV/XLSX through `pantau.files.exports`) with coordinates
and the evidence figures after it, and a printable A4 evidence sheet per usulan (the
map of the pocket with its reports, the flood days per year, photos, the numbers) in
the same PDF library and fonts as the meeting brief (`pantau.meeting.brief`)."""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

import matplotlib

matplotlib.use("Agg")  # no display on a server

import matplotlib.pyplot as plt
import pandas as pd
from fpdf import FPDF
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from pantau.city.timefmt import format_day, format_wib, to_wib
from pantau.files.exports import csv_bytes, xlsx_bytes
from pantau.floods.pockets import chronic_window
from pantau.geo.locations import current_boundaries
from pantau.kernel.i18n import number, t
from pantau.kernel.vocab import label
from pantau.meeting.brief import FONT
from pantau.musrenbang.evidence import loads
from pantau.musrenbang.usulan import FORWARDED, get_usulan, list_usulan
from pantau.store.ports import Store

# The regional plan's priority-programme table, its headings as the plan writes them.
PLAN_COLUMNS = (
    "No",
    "Prioritas",
    "Sasaran",
    "Program",
    "Kegiatan",
    "Sasaran kegiatan",
    "Lokasi (kelurahan)",
    "Volume",
    "Pagu",
    "Perangkat daerah penanggung jawab",
)
# Sasaran and Program of each type of work, in the plan's own nomenclature.
PROGRAMME = {
    "normalisasi_saluran": ("Berkurangnya genangan", "Program Pengelolaan Sumber Daya Air"),
    "pompa": ("Berkurangnya genangan", "Program Pengelolaan Sumber Daya Air"),
    "tanggul": ("Berkurangnya genangan rob", "Program Pengelolaan Sumber Daya Air"),
    "biopori": ("Meningkatnya resapan air", "Program Pengelolaan Sumber Daya Air"),
    "peninggian_jalan": ("Berkurangnya genangan di jalan", "Program Penyelenggaraan Jalan"),
    "penataan": ("Kawasan tertib dan tertata", "Program Penataan Bangunan dan Lingkungannya"),
    "lainnya": ("Berkurangnya genangan", "Program Pengelolaan Sumber Daya Air"),
}
EXTRA_COLUMNS = (
    "usulan_col_kecamatan",
    "usulan_col_rw_rt",
    "usulan_col_lat",
    "usulan_col_lon",
    "usulan_col_status",
    "usulan_col_floods",
    "usulan_col_max_depth",
    "usulan_col_typical_depth",
    "usulan_col_hours",
    "usulan_col_cause",
    "usulan_col_reports",
    "usulan_col_photos",
    "usulan_col_sweeps",
    "usulan_col_regressions",
    "usulan_col_participation",
    "usulan_col_evidence_at",
)


def _blank(value: Any) -> bool:
    return value is None or (not isinstance(value, (list, dict, str)) and bool(pd.isna(value)))


def volume_text(row: dict[str, Any], lang: str) -> str:
    if _blank(row.get("volume")):
        return ""
    return f"{float(row['volume']):g} {label('usulan_unit', str(row['unit']), lang)}"


def priority_text(row: dict[str, Any], lang: str) -> str:
    if bool(row.get("kecamatan_priority")):
        return t("usulan_prio_kecamatan", lang, n=int(row["kecamatan_rank"] or 0))
    if row["status"] in FORWARDED and not _blank(row.get("kecamatan_rank")):
        return t("usulan_prio_forwarded", lang, n=int(row["kecamatan_rank"]))
    return t("usulan_prio_kelurahan", lang, n=int(row["kelurahan_rank"]))


def plan_table(
    db: Store,
    year: int,
    *,
    kecamatan: str | None = None,
    kelurahan: str | None = None,
    forwarded_only: bool = False,
    lang: str = "id",
) -> pd.DataFrame:
    """The usulan of a year in an area as the plan's priority-programme table (kecamatan
    priorities first, then the forwarded ones in the camat's order, then the drafts in
    the lurah's), with coordinates and evidence figures after the plan's columns."""
    frame = list_usulan(
        db, year, kecamatan=kecamatan, kelurahan=kelurahan, forwarded_only=forwarded_only
    )
    if not frame.empty:
        frame = frame.assign(
            _p=~frame["kecamatan_priority"].astype(bool),
            _f=~frame["status"].isin(FORWARDED),
        ).sort_values(["_p", "_f", "kecamatan_rank", "kelurahan_kode", "kelurahan_rank", "id"])
    rows = []
    for n, record in enumerate(frame.to_dict("records"), start=1):
        row = {str(k): v for k, v in record.items()}
        evidence = loads(row["evidence_json"])
        goal, programme = PROGRAMME.get(str(row["work_type"]), PROGRAMME["lainnya"])
        causes = evidence.get("causes") or []
        rw_rt = "/".join(str(row[k]) for k in ("rw", "rt") if not _blank(row[k]))
        values = [
            n,
            priority_text(row, lang),
            goal,
            programme,
            label("usulan_work", str(row["work_type"]), lang),
            row["title"],
            row["kelurahan"],
            volume_text(row, lang),
            None if _blank(row["budget"]) else int(row["budget"]),
            row["office"],
            row["kecamatan"],
            rw_rt,
            None if _blank(row["lat"]) else round(float(row["lat"]), 6),
            None if _blank(row["lon"]) else round(float(row["lon"]), 6),
            label("usulan_status", str(row["status"]), lang),
            evidence.get("floods"),
            evidence.get("max_depth"),
            evidence.get("typical_depth"),
            evidence.get("typical_hours"),
            label("cause", str(causes[0][0]), lang) if causes else "",
            evidence.get("reports"),
            evidence.get("photos"),
            evidence.get("sweeps"),
            evidence.get("regressions"),
            row["participation"] or "",
            format_wib(row["evidence_at"], lang) if not _blank(row["evidence_at"]) else "",
        ]
        rows.append(values)
    columns = [*PLAN_COLUMNS, *(t(key, lang) for key in EXTRA_COLUMNS)]
    return pd.DataFrame(rows, columns=columns)


def plan_csv(table: pd.DataFrame) -> bytes:
    return csv_bytes(table)


def plan_xlsx(table: pd.DataFrame, year: int) -> bytes:
    return xlsx_bytes({f"Usulan {year}": table})


# --- the evidence sheet --------------------------------------------------------------


class _Sheet(FPDF):
    lang = "id"
    sample = False

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("DejaVu", size=8)
        page = t("meeting_pdf_page", self.lang, n=self.page_no())
        if self.sample:
            page = f"{t('meeting_pdf_sample', self.lang)} · {page}"
        self.cell(0, 8, page, align="C")


def _png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight")
    plt.close(fig)
    return buffer.getvalue()


CLOSE_UP_DEG = 0.0007  # the least half side of the close-up (about 80 m)


def place_map_png(db: Store, row: dict[str, Any], reports: pd.DataFrame, lang: str) -> bytes:
    """Two panels drawn from the stored boundaries and points: the usulan's kelurahan
    (neighbours faint) with its place, and a close-up of the place with the pocket's
    reports sized by depth. A PNG."""
    boundaries = current_boundaries(db)
    own = boundaries[boundaries["kode"] == row["kelurahan_kode"]]
    fig, (whole, close) = plt.subplots(1, 2, figsize=(8.0, 4.0), dpi=160)
    here = None if _blank(row.get("lon")) else (float(row["lon"]), float(row["lat"]))
    if here is None and not reports.empty:
        here = (float(reports["lon"].median()), float(reports["lat"].median()))
    for ax in (whole, close):
        boundaries.plot(ax=ax, color="#f7f7f4", edgecolor="#bbbbbb", linewidth=0.5)
        if not own.empty:
            own.plot(ax=ax, color="#eef3f8", edgecolor="#333333", linewidth=1.2)
        ax.set_aspect("equal")
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_xlabel("")
        ax.set_ylabel("")
    if not own.empty:
        west, south, east, north = own.total_bounds
        pad = max(east - west, north - south) * 0.08
        whole.set_xlim(west - pad, east + pad)
        whole.set_ylim(south - pad, north + pad)
    if not reports.empty:
        close.scatter(
            reports["lon"].astype(float),
            reports["lat"].astype(float),
            s=10 + reports["depth_cm"].astype(float) / 2,
            c="#0072B2",
            alpha=0.6,
            edgecolors="white",
            linewidths=0.5,
            label=t("usulan_map_reports", lang, n=len(reports)),
            zorder=4,
        )
    if here is not None:
        for ax, size in ((whole, 150), (close, 160)):
            ax.scatter(
                [here[0]], [here[1]], s=size, marker="*", c="#D55E00", edgecolors="black",
                linewidths=0.7, label=t("usulan_map_place", lang), zorder=3,
            )  # fmt: skip
        x, y = here
        if not reports.empty:
            span = max(
                CLOSE_UP_DEG,
                float((reports["lon"].astype(float) - x).abs().max()) * 1.4,
                float((reports["lat"].astype(float) - y).abs().max()) * 1.4,
            )
        else:
            span = CLOSE_UP_DEG
        close.set_xlim(x - span, x + span)
        close.set_ylim(y - span, y + span)
        whole.add_patch(
            Rectangle((x - span, y - span), 2 * span, 2 * span, fill=False,
                          edgecolor="#D55E00", linewidth=1.0, zorder=5)
        )  # fmt: skip
    if close.get_legend_handles_labels()[0]:
        close.legend(loc="lower left", fontsize=7, frameon=True)
    whole.set_title(t("usulan_map_title", lang, kelurahan=row["kelurahan"]), fontsize=9)
    close.set_title(t("usulan_map_close", lang), fontsize=9)
    fig.tight_layout()
    return _png(fig)


def flood_chart_png(by_year: list[list[int]], lang: str) -> bytes:
    """Flood days per year as a bar chart (PNG)."""
    fig, ax = plt.subplots(figsize=(6.0, 2.4), dpi=160)
    years = [str(y) for y, _ in by_year]
    days = [int(n) for _, n in by_year]
    bars = ax.bar(years, days, color="#0072B2")
    ax.bar_label(bars, fontsize=8)
    ax.set_ylabel(t("usulan_chart_days", lang), fontsize=8)
    ax.tick_params(labelsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_title(t("usulan_chart_title", lang), fontsize=10, loc="left")
    fig.tight_layout()
    return _png(fig)


def _pairs(doc: FPDF, pairs: list[tuple[str, str]]) -> None:
    doc.set_font("DejaVu", size=9)
    with doc.table(col_widths=(55, 125), text_align="LEFT", line_height=5) as table:
        for name, value in pairs:
            row = table.row()
            row.cell(name)
            row.cell(value)


def _heading(doc: FPDF, text: str) -> None:
    if doc.will_page_break(30):
        doc.add_page()
    doc.ln(3)
    doc.set_font("DejaVu", "B", 12)
    doc.cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")


def budget_text(budget: Any, lang: str) -> str:
    """An estimated budget as the language writes it ("Rp 1.250.000" / "Rp 1,250,000"),
    or "" when none is given."""
    return "" if _blank(budget) else f"Rp {number(float(budget), lang, digits=0)}"


def _figure(value: Any, unit: str = "", lang: str = "id") -> str:
    if _blank(value):
        return "–"
    return f"{number(value, lang)}{unit}" if isinstance(value, float) else f"{value}{unit}"


def evidence_numbers(evidence: dict[str, Any], lang: str) -> list[tuple[str, str]]:
    """The evidence as (name, figure) lines, in `lang`."""
    if evidence.get("kind") == "pocket":
        causes = ", ".join(
            f"{label('cause', str(c), lang)} ({n})" for c, n in evidence.get("causes") or []
        )
        return [
            (t("usulan_ev_floods", lang), _figure(evidence.get("floods"))),
            (t("usulan_ev_max_depth", lang), _figure(evidence.get("max_depth"), " cm")),
            (t("usulan_ev_typical_depth", lang), _figure(evidence.get("typical_depth"), " cm")),
            (
                t("usulan_ev_hours", lang),
                _figure(evidence.get("typical_hours"), t("usulan_hours_unit", lang), lang),
            ),
            (t("usulan_ev_causes", lang), causes or "–"),
            (t("usulan_ev_reports", lang), _figure(evidence.get("reports"))),
            (t("usulan_ev_photos", lang), _figure(evidence.get("photos"))),
        ]
    if evidence.get("kind") == "site":
        return [
            (t("usulan_ev_site", lang), f"{evidence.get('site_code')} {evidence.get('site_name')}"),
            (t("usulan_ev_sweeps", lang), _figure(evidence.get("sweeps"))),
            (t("usulan_ev_regressions", lang), _figure(evidence.get("regressions"))),
        ]
    return []


def evidence_pdf(db: Store, usulan_id: int, now: datetime, lang: str = "id") -> bytes:
    """The A4 evidence sheet of one usulan for the forum. Raises NotFound."""
    row = get_usulan(db, usulan_id)
    evidence = loads(row["evidence_json"])
    doc = _Sheet(orientation="P", unit="mm", format="A4")
    doc.lang, doc.sample = lang, db.read().meta.has_sample_data()
    doc.add_font("DejaVu", "", str(FONT / "DejaVuSans.ttf"))
    doc.add_font("DejaVu", "B", str(FONT / "DejaVuSans-Bold.ttf"))
    doc.set_title(str(row["title"]))
    doc.set_auto_page_break(auto=True, margin=15)
    doc.add_page()
    doc.set_font("DejaVu", "B", 9)
    doc.cell(0, 5, t("usulan_pdf_kicker", lang, year=int(row["year"])), new_x="LMARGIN",
             new_y="NEXT")  # fmt: skip
    doc.set_font("DejaVu", "B", 15)
    doc.multi_cell(0, 8, str(row["title"]), new_x="LMARGIN", new_y="NEXT")
    if doc.sample:  # never passed off as official figures
        doc.set_font("DejaVu", "B", 10)
        doc.set_text_color(160, 90, 0)
        doc.multi_cell(0, 5, t("sample_banner", lang), new_x="LMARGIN", new_y="NEXT")
        doc.set_text_color(0, 0, 0)
    doc.set_font("DejaVu", size=9)
    line = t("usulan_pdf_printed", lang, at=format_wib(now, lang))
    doc.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    rw_rt = " / ".join(f"{k.upper()} {row[k]}" for k in ("rw", "rt") if not _blank(row[k]))
    place = f"Kel. {row['kelurahan']}, Kec. {row['kecamatan']}" + (f", {rw_rt}" if rw_rt else "")
    if not _blank(row["lat"]):
        place += f" ({float(row['lat']):.5f}, {float(row['lon']):.5f})"
    budget = budget_text(row["budget"], lang) or "–"
    _heading(doc, t("usulan_pdf_what", lang))
    _pairs(
        doc,
        [
            (t("usulan_f_status", lang), label("usulan_status", str(row["status"]), lang)),
            (t("usulan_f_priority", lang), priority_text(row, lang)),
            (t("usulan_f_work", lang), label("usulan_work", str(row["work_type"]), lang)),
            (t("usulan_f_place", lang), place),
            (t("usulan_f_volume", lang), volume_text(row, lang) or "–"),
            (t("usulan_f_budget", lang), budget),
            (t("usulan_f_office", lang), str(row["office"])),
            (t("usulan_f_participation", lang), str(row["participation"] or "–")),
            *(
                [(t("usulan_f_reason", lang), str(row["decision_reason"]))]
                if not _blank(row["decision_reason"])
                else []
            ),
        ],
    )
    _heading(doc, t("usulan_pdf_evidence", lang))
    doc.set_font("DejaVu", size=9)
    asof = format_wib(row["evidence_at"], lang) if not _blank(row["evidence_at"]) else "–"
    doc.multi_cell(0, 5, t("usulan_pdf_evidence_asof", lang, at=asof), new_x="LMARGIN",
                   new_y="NEXT")  # fmt: skip
    numbers = evidence_numbers(evidence, lang)
    if numbers:
        _pairs(doc, numbers)
    reports = pd.DataFrame(columns=["id", "lon", "lat", "depth_cm"])
    thumbs: list[bytes] = []
    if evidence.get("kind") == "pocket":
        at = datetime.fromisoformat(str(evidence.get("computed_at") or now.isoformat()))
        since, until = chronic_window(at)
        reports = db.read().usulan.pocket_reports(int(evidence["pocket_id"]), since, until)
        _, thumbs = db.read().usulan.report_photos(reports["id"].tolist(), limit=4)
    _heading(doc, t("usulan_pdf_map", lang))
    doc.image(io.BytesIO(place_map_png(db, row, reports, lang)), w=180)
    if evidence.get("flood_days_by_year"):
        _heading(doc, t("usulan_chart_title", lang))
        doc.image(io.BytesIO(flood_chart_png(evidence["flood_days_by_year"], lang)), w=150)
    if evidence.get("kind") == "site" and evidence.get("history"):
        _heading(doc, t("usulan_pdf_sweeps", lang))
        lines = [
            (format_day(to_wib(datetime.fromisoformat(d)).date(), lang), label_sweep(r, lang))
            for d, r in evidence["history"]
        ]
        _pairs(doc, lines)
    if thumbs:
        _heading(doc, t("usulan_pdf_photos", lang))
        y = doc.get_y()
        for i, thumb in enumerate(thumbs):
            doc.image(io.BytesIO(thumb), x=15 + i * 45, y=y, w=42)
        doc.ln(45)
    if evidence.get("tasks"):
        _heading(doc, t("usulan_pdf_community", lang))
        _pairs(
            doc,
            [
                (format_day(datetime.fromisoformat(x["day"]).date(), lang), f"{x['title']}"
                 + (f" — {x['groups']}" if x["groups"] else ""))
                for x in evidence["tasks"]
            ],
        )  # fmt: skip
    return bytes(doc.output())


def label_sweep(result: str, lang: str) -> str:
    return t("usulan_sweep_disorderly" if result == "semrawut" else "usulan_sweep_orderly", lang)
