"""Adding sites: one by one (admin) or from a CSV/XLSX file, all or nothing.

Every row is validated — required columns, known category and owner level, a
point inside Jakarta Utara, a plausible date and interval, a code not used
before — and if any row is bad the whole file is refused with a report naming
each row and column. Rows land with their kelurahan joined and a create event.
Retiring a site keeps it (and its history) but takes it off lists and maps.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd

from pantau.access.permissions import Actor, event_user_id, require
from pantau.access.records import apply_change
from pantau.city import areas
from pantau.city.seam import current
from pantau.files import importing
from pantau.files.clerk_input import split_moment
from pantau.geo.locations import current_boundaries, placer
from pantau.kernel.errors import InvalidInput, Msg, Text, msg
from pantau.kernel.events import create_event
from pantau.kernel.i18n import tn
from pantau.kernel.vocab import SITE_OWNER_LEVELS, codes
from pantau.sites.rules import MAX_NAME, MAX_TEXT
from pantau.store import Database, tables
from pantau.store import events as event_store

# Headings people use for each field, best first (compared by importing.header_key, so
# case, spaces, punctuation and units do not matter).
NAMES: dict[str, tuple[str, ...]] = {
    "code": ("kode", "kode lokasi", "no lokasi", "code"),
    "name": ("nama", "nama lokasi", "lokasi penataan", "name"),
    "category": ("kategori", "jenis", "jenis penataan", "category"),
    "lon": ("bujur", "lon", "long", "lng", "longitude", "bujur timur", "bt", "x"),
    "lat": ("lintang", "lat", "latitude", "lintang selatan", "ls", "y"),
    "address": ("alamat", "lokasi", "alamat lokasi", "jalan", "address"),
    "owner_level": ("tingkat", "tingkat penanggung jawab", "level", "owner_level"),
    "owner_unit": ("unit", "penanggung jawab", "unit penanggung jawab", "pj", "owner_unit"),
    "target_date": ("target", "tanggal target", "target selesai", "tenggat", "batas waktu",
                    "target_date"),
    "sweep_interval_days": ("interval", "interval sisir", "interval penyisiran",
                            "sweep_interval_days"),
}  # fmt: skip
REQUIRED = ("code", "name", "category", "lon", "lat", "owner_level", "owner_unit")
MAX_ROWS = 5000


class ImportReport(importing.ImportReport):
    def done(self, lang: str = "id") -> str:
        return tn("import_done_sites", self.added, lang)


def _mapped(frame: pd.DataFrame, report: ImportReport) -> pd.DataFrame:
    found = importing.match_headings(frame.columns, NAMES)
    out = frame.rename(columns={c: f for f, c in found.items() if c is not None})
    missing = [c for c in REQUIRED if c not in out.columns]
    for column in missing:
        report.problems.append((1, column, Text("imp_required_column_missing")))
    return out


def _cell(row: pd.Series, name: str) -> str:
    value = row.get(name)
    return (
        ""
        if value is None or (isinstance(value, float) and np.isnan(value))
        else str(value).strip()
    )


def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return None


def _date(text: str) -> date:
    """A day as clerks write it (31/03/2027, 31 Maret 2027, 2027-03-31, an Excel date).
    Raises ValueError."""
    day, _ = split_moment(text)
    if day is None:
        raise ValueError(text)
    return day


def validate_rows(db: Database, frame: pd.DataFrame, report: ImportReport) -> list[dict[str, Any]]:
    """Clean rows (without placement yet); problems go into `report` (row = file line)."""
    frame = _mapped(frame, report)
    if report.problems:
        return []
    if len(frame) > MAX_ROWS:
        report.problems.append((1, "-", Text("imp_too_many_rows", limit=MAX_ROWS)))
        return []
    existing = {str(c).lower() for c in tables.read(db.cursor(), "sites", ["code"])["code"]}
    seen: dict[str, int] = {}
    clean: list[dict[str, Any]] = []
    for i, row in frame.iterrows():
        line = int(str(i)) + 2  # the header is line 1
        problems: list[tuple[str, str]] = []
        code = _cell(row, "code")
        if not code:
            problems.append(("kode", Text("imp_required")))
        elif code.lower() in existing:
            problems.append(("kode", Text("imp_site_code_taken", code=code)))
        elif code.lower() in seen:
            problems.append(("kode", Text("imp_also_in_row", value=code, row=seen[code.lower()])))
        seen.setdefault(code.lower(), line)
        name = _cell(row, "name")
        if not name or len(name) > MAX_NAME:
            problems.append(("nama", Text("imp_required_max", n=MAX_NAME)))
        category = _cell(row, "category").lower().replace(" ", "_")
        if category not in codes("site_category"):
            choices = ", ".join(codes("site_category"))
            shown = category or Msg("imp_empty")
            problems.append(("kategori", Text("imp_unknown_choose", value=shown, choices=choices)))
        lon, lat = _number(_cell(row, "lon")), _number(_cell(row, "lat"))
        problems += current().coordinate_problems(lon, lat)
        level = _cell(row, "owner_level").lower()
        if level not in SITE_OWNER_LEVELS:
            problems.append(("tingkat", Text("imp_owner_levels")))
        unit = _cell(row, "owner_unit")
        if not unit or len(unit) > MAX_NAME:
            problems.append(("unit", Text("imp_owner_unit_required")))
        address = _cell(row, "address")
        if len(address) > MAX_TEXT:
            problems.append(("alamat", Text("imp_max_chars", n=MAX_TEXT)))
        target: date | None = None
        if _cell(row, "target_date"):
            try:
                target = _date(_cell(row, "target_date"))
            except ValueError:
                problems.append(("target", Text("imp_date_like")))
        interval = 14
        if _cell(row, "sweep_interval_days"):
            number = _number(_cell(row, "sweep_interval_days"))
            if number is None or not 1 <= number <= 365 or number != int(number):
                problems.append(("interval", Text("imp_interval")))
            else:
                interval = int(number)
        report.problems += [(line, col, msg) for col, msg in problems]
        clean.append(
            {
                "_line": line, "code": code, "name": name, "category": category, "lon": lon,
                "lat": lat, "address": address or None, "owner_level": level,
                "owner_unit": unit, "target_date": target, "sweep_interval_days": interval,
            }
        )  # fmt: skip
    return clean


def import_sites(
    db: Database,
    actor: Actor,
    frame: pd.DataFrame,
    now: datetime,
    tolerance_m: float = 250.0,
    *,
    dry_run: bool = False,
) -> ImportReport:
    """Validate every row, then add all of them in one transaction — or none.

    Raises NotAllowed unless the actor may import; a bad file returns a report
    with `ok` False and writes nothing. `dry_run` checks everything (points too)
    and writes nothing.
    """
    require(actor, "import_data")
    report = ImportReport(rows=len(frame))
    rows = validate_rows(db, frame, report)
    if report.problems:
        return report
    if not rows:
        report.problems.append((1, "-", Text("imp_no_data_rows")))
        return report
    lon = np.array([r["lon"] for r in rows], dtype=float)
    lat = np.array([r["lat"] for r in rows], dtype=float)
    placed = placer(current_boundaries(db), tolerance_m)(lon, lat)
    names = {k.kode: k.nama for k in areas.kelurahan_list()}
    for row, place in zip(rows, placed.to_dict("records"), strict=True):
        if place["placement"] == "outside":
            nearest = names.get(str(place["nearest_kode"]), str(place["nearest_kode"]))
            far = Text("imp_far_from_kelurahan", metres=f"{place['distance_m']:.0f}", name=nearest)
            report.problems.append((row["_line"], "lokasi", Text("imp_outside", far=far)))
        row.update(
            kelurahan_kode=place["kelurahan_kode"],
            kecamatan_kode=place["kecamatan_kode"],
            placement=place["placement"],
        )
    if report.problems or dry_run:
        return report
    with db.transaction() as cur:
        ids = tables.reserve_ids(cur, "sites", len(rows))
        records = []
        for site_id, row in zip(ids, rows, strict=True):
            values = {k: v for k, v in row.items() if k != "_line"}
            values.update(
                id=site_id,
                status="belum_ditangani",
                created_at=now,
                updated_at=now,
                line_wkb=None,
                last_sweep_at=None,
                retired=False,
                is_sample=False,
            )  # fmt: skip — every column, so the create snapshot rebuilds the row exactly
            records.append(values)
        tables.insert_frame(cur, "sites", pd.DataFrame(records))
        event_store.append(
            cur,
            [
                create_event("site", int(v["id"]), {k: x for k, x in v.items() if k != "id"},
                             now, event_user_id(actor), "Impor berkas")
                for v in records
            ],
        )  # fmt: skip
    report.added = len(rows)
    return report


def add_site(
    db: Database, actor: Actor, values: dict[str, Any], now: datetime, tolerance_m: float = 250.0
) -> ImportReport:
    """Add one site (admin); the same checks as a file row. Raises NotAllowed."""
    require(actor, "manage_sites")
    frame = pd.DataFrame([{k: "" if v is None else str(v) for k, v in values.items()}])
    return import_sites(db, actor, frame, now, tolerance_m)


def retire_site(
    db: Database, actor: Actor, site_id: int, expected_version: int, reason: str, now: datetime
) -> dict[str, Any]:
    """Take a site off lists and maps, keeping its history. Raises NotAllowed,
    InvalidInput (no reason), NotFound, Conflict."""
    text = (reason or "").strip()
    if not text:
        raise InvalidInput("err_retire_reason", {"reason": msg("err_field_reason")})

    def check(stored: dict[str, Any]) -> None:
        require(actor, "manage_sites")
        if stored["retired"]:
            raise InvalidInput("err_site_retired")

    return apply_change(
        db, actor, "site", "sites", site_id, expected_version, {"retired": True}, now,
        check=check, action="retire", note=text,
    )  # fmt: skip
