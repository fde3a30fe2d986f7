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

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import numpy as np
import pandas as pd

from pantau.access.permissions import Actor, event_user_id, require
from pantau.city import areas
from pantau.city.names import find_kelurahan, problem
from pantau.city.seam import current
from pantau.files.clerk_input import combine
from pantau.files.importing import ImportReport, header_key, match_headings
from pantau.floods.pocket_index import PocketIndex, metres
from pantau.floods.reports import MAX_DEPTH, MAX_TEXT, MIN_DEPTH, phone_ok
from pantau.geo.locations import current_boundaries, placer
from pantau.kernel.errors import Msg, Text
from pantau.kernel.events import create_event
from pantau.kernel.i18n import tn
from pantau.kernel.vocab import VOCABULARIES
from pantau.store import Database, tables
from pantau.store import events as event_store
from pantau.store import reports as report_store

FIELDS = (
    "observed_at", "observed_time", "lon", "lat", "kelurahan", "depth_cm", "cause", "source",
    "source_ref", "reporter_name", "reporter_phone", "address", "note",
)  # fmt: skip
REQUIRED = ("observed_at", "depth_cm", "cause", "source")  # and a point or a kelurahan
# Headings people use for each field, best first (compared by importing.header_key).
DATE_NAMES = (
    "tanggal",
    "tgl",
    "hari/tanggal",
    "hari tanggal",
    "tanggal kejadian",
    "tgl kejadian",
    "tanggal laporan",
    "tanggal lapor",
    "tgl lapor",
    "date",
)
MOMENT_NAMES = (
    "waktu",
    "observed_at",
    "tanggal waktu",
    "tanggal dan jam",
    "tanggal & jam",
    "waktu kejadian",
    "waktu laporan",
    "waktu lapor",
    "datetime",
    "timestamp",
)
TIME_NAMES = (
    "jam",
    "pukul",
    "pkl",
    "jam kejadian",
    "jam laporan",
    "jam lapor",
    "time",
    "observed_time",
)
NAMES: dict[str, tuple[str, ...]] = {
    "lon": ("bujur", "lon", "long", "lng", "longitude", "bujur timur", "bt", "koordinat x",
            "x"),
    "lat": ("lintang", "lat", "latitude", "lintang selatan", "ls", "koordinat y", "y"),
    "kelurahan": ("kelurahan", "kel", "nama kelurahan", "kode kelurahan", "kelurahan kode",
                  "wilayah kelurahan"),
    "depth_cm": ("kedalaman", "tinggi", "tinggi genangan", "tinggi air", "ketinggian",
                 "ketinggian air", "ketinggian genangan", "kedalaman genangan",
                 "kedalaman air", "depth", "depth_cm"),
    "cause": ("penyebab", "sebab", "penyebab genangan", "dugaan penyebab", "cause"),
    "source": ("sumber", "sumber laporan", "asal laporan", "kanal", "media laporan", "source"),
    "source_ref": ("tiket", "nomor tiket", "no tiket", "id tiket", "no laporan",
                   "nomor laporan", "id laporan", "ticket", "source_ref"),
    "reporter_name": ("pelapor", "nama pelapor", "nama", "reporter", "reporter_name"),
    "reporter_phone": ("telepon", "no hp", "nomor hp", "hp", "telp", "tlp", "no telp",
                       "no telepon", "nomor telepon", "telepon pelapor", "no hp pelapor",
                       "hp pelapor", "no wa", "whatsapp", "wa", "kontak", "reporter_phone"),
    "address": ("alamat", "lokasi", "alamat lokasi", "lokasi genangan", "alamat kejadian",
                "lokasi kejadian", "jalan", "nama jalan", "address"),
    "note": ("keterangan", "catatan", "ket", "uraian", "deskripsi", "note"),
}  # fmt: skip
MAX_ROWS = 50_000
MAX_AGE = timedelta(days=5 * 365)
WIB_OFFSET = timedelta(hours=7)  # WIB is UTC+7 all year (no daylight saving)


@dataclass
class ReportImport(ImportReport):
    new_pockets: int = 0

    def done(self, lang: str = "id") -> str:
        return tn("import_done_reports", self.added, lang, pockets=self.new_pockets)


def suggest_mapping(columns: list[str]) -> dict[str, str | None]:
    """For each field, the file column whose heading suggests it (None when none does).

    A date column ("Tanggal") is paired with a time column ("Jam", or "Waktu" beside a
    date column); a single "Waktu" column holds both.
    """
    found = match_headings(
        columns, {"date": DATE_NAMES, "time": TIME_NAMES, "moment": MOMENT_NAMES, **NAMES}
    )
    date_col, time_col, moment_col = found.pop("date"), found.pop("time"), found.pop("moment")
    if date_col and not time_col:
        time_col, moment_col = moment_col, None
    mapping: dict[str, str | None] = {
        "observed_at": date_col or moment_col,
        "observed_time": time_col if (date_col or moment_col) else None,
        **found,
    }
    return {f: mapping.get(f) for f in FIELDS}


# What people write for a cause or a source besides the labels.
SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    "cause": {
        "hujan_lebat": ("hujan", "hujan deras", "curah hujan tinggi"),
        "rob": ("pasang laut", "air pasang", "banjir rob"),
        "luapan_kali": ("kali meluap", "sungai meluap", "luapan sungai"),
        "saluran_tersumbat": ("saluran mampet", "got mampet", "drainase tersumbat", "sampah"),
        "pompa_mati": ("pompa rusak", "pompa tidak berfungsi"),
        "tanggul_bocor": ("tanggul jebol", "tanggul rembes", "tanggul rusak", "tanggul"),
        "lainnya": ("lain-lain", "lain lain"),
    },
    "report_source": {
        "jaki": ("jaki", "crm", "jaki crm"),
        "rt_rw": ("rt", "rw", "ketua rt", "ketua rw", "pengurus rt"),
        "sudin_sda": ("sda", "dinas sda"),
        "media_sosial": ("medsos", "twitter", "instagram", "facebook"),
        "warga": ("masyarakat", "warga setempat"),
        "ppsu": ("petugas ppsu",),
        "cctv": ("kamera",),
    },
}


def read_times(
    frame: pd.DataFrame, mapping: dict[str, str | None], rows: int = 3
) -> list[tuple[int, str, datetime | None, str]]:
    """How the first `rows` rows' date (and time) cells are read, for the mapping
    preview: (file line, the cells as written, the WIB moment or None, why not)."""
    date_col, time_col = mapping.get("observed_at"), mapping.get("observed_time")
    if date_col not in frame.columns:
        return []
    out = []
    for i, raw in enumerate(frame.head(rows).to_dict("records")):
        cells = [_text(raw.get(date_col))]
        if time_col in frame.columns:
            cells.append(_text(raw.get(time_col)))
        local, _, why = combine(*cells)
        out.append((i + 2, " + ".join(c or "–" for c in cells), local, why))
    return out


def _lookup(vocabulary: str) -> dict[str, str]:
    """Codes, labels (id and en) and usual synonyms, as header_key keys, to codes."""
    out: dict[str, str] = {}
    for code, term in VOCABULARIES[vocabulary].items():
        for key in (code, term.id, term.en):
            out[header_key(key)] = code
    for code, words in SYNONYMS.get(vocabulary, {}).items():
        out.update({header_key(w): code for w in words})
    return out


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    return str(value).strip()


def _check_mapping(
    frame: pd.DataFrame, mapping: dict[str, str | None], report: ReportImport
) -> None:
    for name in REQUIRED:
        if not mapping.get(name) or mapping[name] not in frame.columns:
            report.problems.append((1, name, Text("imp_column_not_mapped")))
    point = all(mapping.get(n) in frame.columns for n in ("lon", "lat"))
    if not point and mapping.get("kelurahan") not in frame.columns:
        report.problems.append((1, "lokasi", Text("imp_map_location_columns")))
    if mapping.get("observed_time") and mapping["observed_time"] == mapping.get("observed_at"):
        report.problems.append((1, "observed_time", Text("imp_time_is_date_column")))


def validate(
    db: Database,
    frame: pd.DataFrame,
    mapping: dict[str, str | None],
    now: datetime,
    radius_m: float,
    report: ReportImport,
) -> list[dict[str, Any]]:
    """Clean rows; problems (row = file line, header is line 1) go into `report`.

    A row without coordinates but with a kelurahan (name or code) is placed at the
    kelurahan's inside point, flagged approximate, like a report typed with a
    kelurahan and an address (it then needs the address).
    """
    _check_mapping(frame, mapping, report)
    if report.problems:
        return []
    if len(frame) > MAX_ROWS:
        report.problems.append((1, "-", Text("imp_too_many_rows", limit=MAX_ROWS)))
        return []
    causes, sources = _lookup("cause"), _lookup("report_source")
    tickets = report_store.known_tickets(db.cursor())
    seen_tickets: dict[str, int] = {}
    rows: list[dict[str, Any]] = []
    columns = {f: c for f in FIELDS if (c := mapping.get(f)) in frame.columns}
    records = frame.to_dict("records")
    for i, raw in enumerate(records):
        line = i + 2
        get = {f: _text(raw.get(c)) if (c := columns.get(f)) else "" for f in FIELDS}
        bad: list[tuple[str, str]] = []
        local, column, why = combine(get["observed_at"], get["observed_time"])
        observed = None if local is None else local - WIB_OFFSET
        if observed is None:
            bad.append((column or "waktu", why))
        elif observed > now + timedelta(minutes=10):
            bad.append(("waktu", Text("imp_in_future")))
        elif observed < now - MAX_AGE:
            bad.append(("waktu", Text("imp_over_5_years")))
        lon, lat, kel = None, None, None
        if get["lon"] or get["lat"] or not get["kelurahan"]:
            lon, lat = _number(get["lon"]), _number(get["lat"])
            bad += current().coordinate_problems(lon, lat)
        if get["kelurahan"]:
            match = find_kelurahan(get["kelurahan"])
            if match.kode is None:
                bad.append(("kelurahan", problem(match, "kelurahan")))
            elif lon is None:
                kel = areas.kelurahan(match.kode)
                if not get["address"]:
                    bad.append(("alamat", Text("imp_address_without_point")))
        depth = _number(get["depth_cm"])
        if depth is None or depth != int(depth) or not MIN_DEPTH <= depth <= MAX_DEPTH:
            bad.append(("kedalaman", Text("imp_depth", low=MIN_DEPTH, high=MAX_DEPTH)))
        cause = causes.get(header_key(get["cause"]))
        if cause is None:
            bad.append(("penyebab", Text("imp_unknown", value=get["cause"] or Msg("imp_empty"))))
        source = sources.get(header_key(get["source"]))
        if source is None:
            bad.append(("sumber", Text("imp_unknown", value=get["source"] or Msg("imp_empty"))))
        ref = get["source_ref"] or None
        if source == "jaki" and not ref:
            bad.append(("tiket", Text("imp_jaki_ticket")))
        if ref:
            key = ref.lower()
            if key in tickets:
                bad.append(("tiket", Text("imp_ticket_stored", ref=ref, id=tickets[key])))
            elif key in seen_tickets:
                bad.append(("tiket", Text("imp_also_in_row", value=ref, row=seen_tickets[key])))
            seen_tickets.setdefault(key, line)
        if get["reporter_phone"] and not phone_ok(get["reporter_phone"]):
            bad.append(("telepon", Text("imp_phone_example")))
        for name, label in (
            ("address", "alamat"),
            ("note", "catatan"),
            ("reporter_name", "pelapor"),
        ):
            if len(get[name]) > MAX_TEXT:
                bad.append((label, Text("imp_max_chars", n=MAX_TEXT)))
        report.problems += [(line, c, m) for c, m in bad]
        rows.append(
            {
                "_line": line, "observed_at": observed,
                "lon": kel.inside_lon if kel else lon, "lat": kel.inside_lat if kel else lat,
                "_kelurahan": kel.kode if kel else None,
                "depth_cm": int(depth) if depth is not None else None, "cause": cause,
                "source": source, "source_ref": ref, "reporter_name": get["reporter_name"] or None,
                "reporter_phone": get["reporter_phone"] or None, "address": get["address"] or None,
                "note": get["note"] or None,
            }
        )  # fmt: skip
    if rows and not report.problems:  # a header-only file has nothing to compare
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
    earlier row of the file, is a duplicate. A row placed by its kelurahan only is a
    duplicate of an earlier row with the same kelurahan, hour and address."""
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
            Text("imp_stored_report", id=int(r["id"])))  # fmt: skip
    by_address: dict[tuple[str, int, str], int] = {}
    for row in rows:
        if row["_kelurahan"]:
            hour = int(row["observed_at"].timestamp() // 3600)
            same = (row["_kelurahan"], hour, header_key(row["address"]))
            if same in by_address:
                why = Text("imp_same_place_row", row=by_address[same])
                report.problems.append((row["_line"], "duplikat", why))
            by_address.setdefault(same, row["_line"])
            continue
        hit = find(row["lon"], row["lat"], row["observed_at"])
        if hit is not None:
            report.problems.append((row["_line"], "duplikat", Text("imp_same_point", what=hit)))
        add(row["lon"], row["lat"], row["observed_at"], Text("imp_row", row=row["_line"]))


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
        report.problems.append((1, "-", Text("imp_no_data_rows")))
        return report
    lon = np.array([r["lon"] for r in rows], dtype=float)
    lat = np.array([r["lat"] for r in rows], dtype=float)
    placed = placer(current_boundaries(db), tolerance_m)(lon, lat).to_dict("records")
    for row, spot in zip(rows, placed, strict=True):
        if row["_kelurahan"]:  # placed by its kelurahan: that kelurahan's inside point
            kel = areas.kelurahan(row["_kelurahan"])
            spot = {"kelurahan_kode": kel.kode, "kecamatan_kode": kel.kecamatan_kode,
                    "placement": "inside"}  # fmt: skip
        elif spot["placement"] == "outside":
            far = Text("imp_far_from_nearest", metres=f"{spot['distance_m']:.0f}")
            report.problems.append((row["_line"], "lokasi", Text("imp_outside", far=far)))
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
            if row["_kelurahan"]:  # an approximate place joins no pocket
                row["pocket_id"] = None
                continue
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
            values = {k: v for k, v in row.items() if not k.startswith("_")}
            values["pocket_id"] = real.get(values["pocket_id"], values["pocket_id"])
            values.update(
                approx_location=row["_kelurahan"] is not None, owner_level="kelurahan",
                status="dilaporkan", duplicate_of=None, reject_reason=None, verified_at=None,
                handled_at=None, receded_at=None, closed_at=None, is_sample=False, created_at=now,
                updated_at=now,
            )  # fmt: skip
            events.append(create_event("report", report_id, values, now, user, "Impor berkas"))
            records.append({"id": report_id, **values})
        if new_pockets:
            tables.insert_frame(cur, "pockets", pd.DataFrame(new_pockets))
        tables.insert_frame(cur, "reports", pd.DataFrame(records))
        event_store.append(cur, events)
    report.added = len(rows)
    report.new_pockets = len(new_pockets)
