"""Importing genangan reports from a spreadsheet or the complaint system's export.

Columns are mapped by name (a suggestion the user can change after a preview).
Every row is checked — a time in WIB that is not in the future, coordinates
inside Jakarta Utara, a known cause and source, a plausible depth — and compared
with stored reports (same ticket number, or the same spot within the pocket
radius and the same hour). If any row is bad, nothing is stored and the report
names each row and column. Good files land in one transaction, each report in
its pocket (new pockets as needed), each with its create event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import numpy as np
import pandas as pd

from pantau.db import Database, tables
from pantau.db import events as event_store
from pantau.db import reports as report_store
from pantau.events import create_event
from pantau.importing import ImportReport
from pantau.locations import current_boundaries, placer
from pantau.permissions import Actor, event_user_id, require
from pantau.pocket_index import PocketIndex, metres
from pantau.reports import MAX_DEPTH, MAX_TEXT, MIN_DEPTH
from pantau.vocab import VOCABULARIES

FIELDS = (
    "observed_at", "lon", "lat", "depth_cm", "cause", "source", "source_ref",
    "reporter_name", "reporter_phone", "address", "note",
)  # fmt: skip
REQUIRED = ("observed_at", "lon", "lat", "depth_cm", "cause", "source")
# Column names (lower case, spaces as _) that suggest a field.
NAMES: dict[str, tuple[str, ...]] = {
    "observed_at": ("waktu", "observed_at", "tanggal_waktu", "waktu_kejadian", "tanggal"),
    "lon": ("bujur", "lon", "longitude", "lng", "x"),
    "lat": ("lintang", "lat", "latitude", "y"),
    "depth_cm": ("kedalaman", "kedalaman_cm", "depth_cm", "tinggi_air", "tinggi_air_cm"),
    "cause": ("penyebab", "cause", "sebab"),
    "source": ("sumber", "source", "kanal"),
    "source_ref": ("tiket", "nomor_tiket", "no_tiket", "source_ref", "ticket"),
    "reporter_name": ("pelapor", "nama_pelapor", "reporter_name"),
    "reporter_phone": ("telepon", "no_hp", "telepon_pelapor", "reporter_phone"),
    "address": ("alamat", "lokasi", "address"),
    "note": ("catatan", "keterangan", "note"),
}
MAX_ROWS = 50_000
MAX_AGE = timedelta(days=5 * 365)
TIME_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y %H.%M",
                "%d-%m-%Y %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M")  # fmt: skip


@dataclass
class ReportImport(ImportReport):
    new_pockets: int = 0

    def done(self) -> str:
        return f"{self.added} laporan disimpan ({self.new_pockets} titik genangan baru)."


def suggest_mapping(columns: list[str]) -> dict[str, str | None]:
    """For each field, the file column whose name suggests it (None when none does)."""
    normal = {re.sub(r"[^a-z0-9]+", "_", str(c).lower()).strip("_"): str(c) for c in columns}
    return {f: next((normal[n] for n in NAMES[f] if n in normal), None) for f in FIELDS}


def _lookup(vocabulary: str) -> dict[str, str]:
    """Codes and labels (id and en), lower-cased, to codes."""
    out: dict[str, str] = {}
    for code, term in VOCABULARIES[vocabulary].items():
        for key in (code, term.id, term.en, code.replace("_", " ")):
            out[key.strip().lower()] = code
    if vocabulary == "report_source":
        out.update({"jaki": "jaki", "crm": "jaki", "rt": "rt_rw", "rw": "rt_rw"})
    return out


def _to_utc(text: str) -> datetime | None:
    """A local (WIB) time in one of TIME_FORMATS as naive UTC."""
    for fmt in TIME_FORMATS:
        try:
            local = datetime.strptime(text.strip(), fmt)
        except ValueError:
            continue
        return local - timedelta(hours=7)  # WIB is UTC+7 all year (no daylight saving)
    return None


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    return str(value).strip()


def validate(
    db: Database,
    frame: pd.DataFrame,
    mapping: dict[str, str | None],
    now: datetime,
    radius_m: float,
    report: ReportImport,
) -> list[dict[str, Any]]:
    """Clean rows; problems (row = file line, header is line 1) go into `report`."""
    for name in REQUIRED:
        if not mapping.get(name) or mapping[name] not in frame.columns:
            report.problems.append((1, name, "kolom wajib belum dipetakan"))
    if report.problems:
        return []
    if len(frame) > MAX_ROWS:
        report.problems.append((1, "-", f"paling banyak {MAX_ROWS} baris per berkas"))
        return []
    causes, sources = _lookup("cause"), _lookup("report_source")
    tickets = report_store.known_tickets(db.cursor())
    seen_tickets: dict[str, int] = {}
    rows: list[dict[str, Any]] = []
    columns = {f: mapping.get(f) for f in FIELDS}
    records = frame.to_dict("records")
    for i, raw in enumerate(records):
        line = i + 2
        get = {f: _text(raw.get(c)) if c else "" for f, c in columns.items()}
        bad: list[tuple[str, str]] = []
        observed = _to_utc(get["observed_at"])
        if observed is None:
            bad.append(
                ("waktu", "tanggal dan jam WIB, mis. 2026-11-20 14:30 atau 20/11/2026 14:30")
            )
        elif observed > now + timedelta(minutes=10):
            bad.append(("waktu", "di masa depan"))
        elif observed < now - MAX_AGE:
            bad.append(("waktu", "lebih dari 5 tahun lalu"))
        lon, lat = _number(get["lon"]), _number(get["lat"])
        if lon is None or not 106.0 < lon < 107.5:
            bad.append(("bujur", "angka bujur, mis. 106.79"))
        if lat is None or not -7.0 < lat < -5.5:
            bad.append(("lintang", "angka lintang, mis. -6.12"))
        depth = _number(get["depth_cm"])
        if depth is None or depth != int(depth) or not MIN_DEPTH <= depth <= MAX_DEPTH:
            bad.append(("kedalaman", f"bilangan bulat {MIN_DEPTH}–{MAX_DEPTH} (cm)"))
        cause = causes.get(get["cause"].lower())
        if cause is None:
            bad.append(("penyebab", f"{get['cause'] or '(kosong)'} tidak dikenal"))
        source = sources.get(get["source"].lower())
        if source is None:
            bad.append(("sumber", f"{get['source'] or '(kosong)'} tidak dikenal"))
        ref = get["source_ref"] or None
        if source == "jaki" and not ref:
            bad.append(("tiket", "laporan JAKI/CRM perlu nomor tiket"))
        if ref:
            key = ref.lower()
            if key in tickets:
                bad.append(("tiket", f"{ref} sudah tersimpan sebagai laporan #{tickets[key]}"))
            elif key in seen_tickets:
                bad.append(("tiket", f"{ref} juga ada di baris {seen_tickets[key]}"))
            seen_tickets.setdefault(key, line)
        for name, label in (
            ("address", "alamat"),
            ("note", "catatan"),
            ("reporter_name", "pelapor"),
        ):
            if len(get[name]) > MAX_TEXT:
                bad.append((label, f"paling banyak {MAX_TEXT} karakter"))
        report.problems += [(line, c, m) for c, m in bad]
        rows.append(
            {
                "_line": line, "observed_at": observed, "lon": lon, "lat": lat,
                "depth_cm": int(depth) if depth is not None else None, "cause": cause,
                "source": source, "source_ref": ref, "reporter_name": get["reporter_name"] or None,
                "reporter_phone": get["reporter_phone"] or None, "address": get["address"] or None,
                "note": get["note"] or None,
            }
        )  # fmt: skip
    if not report.problems:
        _stored_duplicates(db, rows, radius_m, report)
    return rows


def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return None


def _stored_duplicates(
    db: Database, rows: list[dict[str, Any]], radius_m: float, report: ReportImport
) -> None:
    """A row at the same spot (within the radius) and hour as a stored report, or as an
    earlier row of the file, is a duplicate."""
    earliest = min(r["observed_at"] for r in rows) - timedelta(hours=1)
    stored = report_store.report_keys(db.cursor(), earliest)
    cells: dict[tuple[int, int, int], list[tuple[float, float, str]]] = {}

    def key(lon: float, lat: float, at: datetime) -> tuple[int, int, int]:
        x, y = metres(lon, lat)
        return int(x // radius_m), int(y // radius_m), int(at.timestamp() // 3600)

    def add(lon: float, lat: float, at: datetime, what: str) -> None:
        cells.setdefault(key(lon, lat, at), []).append((*metres(lon, lat), what))

    def find(lon: float, lat: float, at: datetime) -> str | None:
        cx, cy, ch = key(lon, lat, at)
        x, y = metres(lon, lat)
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for dh in (-1, 0, 1):
                    for px, py, what in cells.get((cx + dx, cy + dy, ch + dh), ()):
                        if ((px - x) ** 2 + (py - y) ** 2) ** 0.5 <= radius_m:
                            return what
        return None

    for r in stored.to_dict("records"):
        add(float(r["lon"]), float(r["lat"]), pd.Timestamp(r["observed_at"]).to_pydatetime(),
            f"laporan tersimpan #{int(r['id'])}")  # fmt: skip
    for row in rows:
        hit = find(row["lon"], row["lat"], row["observed_at"])
        if hit is not None:
            report.problems.append(
                (row["_line"], "duplikat", f"titik dan jam yang sama dengan {hit}")
            )
        add(row["lon"], row["lat"], row["observed_at"], f"baris {row['_line']}")


def import_reports(
    db: Database,
    actor: Actor,
    frame: pd.DataFrame,
    mapping: dict[str, str | None],
    now: datetime,
    *,
    radius_m: float = 50.0,
    tolerance_m: float = 250.0,
    dry_run: bool = False,
) -> ReportImport:
    """Check every row, then store all of them in one transaction — or none.

    Raises NotAllowed unless the actor may import.
    """
    require(actor, "import_data")
    report = ReportImport(rows=len(frame))
    rows = validate(db, frame, mapping, now, radius_m, report)
    if report.problems:
        return report
    if not rows:
        report.problems.append((1, "-", "berkas tidak berisi baris data"))
        return report
    lon = np.array([r["lon"] for r in rows], dtype=float)
    lat = np.array([r["lat"] for r in rows], dtype=float)
    placed = placer(current_boundaries(db), tolerance_m)(lon, lat).to_dict("records")
    for row, spot in zip(rows, placed, strict=True):
        if spot["placement"] == "outside":
            report.problems.append(
                (row["_line"], "lokasi", f"di luar Jakarta Utara ({spot['distance_m']:.0f} m dari "
                 f"kelurahan terdekat)")
            )  # fmt: skip
        row.update(kelurahan_kode=spot["kelurahan_kode"], kecamatan_kode=spot["kecamatan_kode"],
                   placement=spot["placement"])  # fmt: skip
    if report.problems or dry_run:
        return report
    _store(db, actor, rows, now, radius_m, report)
    return report


def _store(
    db: Database,
    actor: Actor,
    rows: list[dict[str, Any]],
    now: datetime,
    radius_m: float,
    report: ReportImport,
) -> None:
    user = event_user_id(actor)
    with db.transaction() as cur:
        index = PocketIndex(radius_m, report_store.pocket_centres(cur))
        new_pockets: list[dict[str, Any]] = []
        for row in sorted(rows, key=lambda r: r["observed_at"]):
            hit = index.nearest(row["lon"], row["lat"])
            if hit is None:
                pocket = {"lon": row["lon"], "lat": row["lat"], "name": None,
                          "kelurahan_kode": row["kelurahan_kode"],
                          "kecamatan_kode": row["kecamatan_kode"],
                          "placement": row["placement"], "created_at": now}  # fmt: skip
                pocket["id"] = -len(new_pockets) - 1  # placeholder until ids are reserved
                new_pockets.append(pocket)
                index.add(pocket["id"], row["lon"], row["lat"])
                row["pocket_id"] = pocket["id"]
            else:
                row["pocket_id"] = hit[0]
        real = dict(
            zip(
                [p["id"] for p in new_pockets],
                tables.reserve_ids(cur, "pockets", len(new_pockets)) if new_pockets else [],
                strict=True,
            )
        )
        for p in new_pockets:
            p["id"] = real[p["id"]]
        events = [
            create_event("pocket", p["id"], {k: v for k, v in p.items() if k != "id"}, now, user,
                         "Impor berkas")
            for p in new_pockets
        ]  # fmt: skip
        ids = tables.reserve_ids(cur, "reports", len(rows))
        records = []
        for report_id, row in zip(ids, rows, strict=True):
            values = {k: v for k, v in row.items() if k != "_line"}
            values["pocket_id"] = real.get(values["pocket_id"], values["pocket_id"])
            values.update(
                approx_location=False, owner_level="kelurahan", status="dilaporkan",
                duplicate_of=None, reject_reason=None, verified_at=None, handled_at=None,
                receded_at=None, closed_at=None, is_sample=False, created_at=now, updated_at=now,
            )  # fmt: skip
            events.append(create_event("report", report_id, values, now, user, "Impor berkas"))
            records.append({"id": report_id, **values})
        if new_pockets:
            tables.insert_frame(cur, "pockets", pd.DataFrame(new_pockets))
        tables.insert_frame(cur, "reports", pd.DataFrame(records))
        event_store.append(cur, events)
    report.added = len(rows)
    report.new_pockets = len(new_pockets)
