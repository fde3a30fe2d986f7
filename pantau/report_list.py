"""Genangan reports as lists (with service-level flags and personal data masked for
those who may not see it), the SDA queue, exports, and the chronic-pocket ranking."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta

import pandas as pd

from pantau import sites as site_rules
from pantau.db import Database
from pantau.db import mapdata as map_queries
from pantau.db import reports as report_store
from pantau.permissions import Actor, Area, allowed
from pantau.pockets import is_chronic
from pantau.privacy import HIDDEN, PERSONAL_FIELDS
from pantau.safetext import csv_bytes, xlsx_bytes
from pantau.sla import ServiceLevel
from pantau.vocab import label

PERSONAL = sorted(PERSONAL_FIELDS["report"])
OPEN = ("dilaporkan", "diverifikasi", "ditangani")


@dataclass(frozen=True)
class ReportQuery:
    since: datetime | None = None
    until: datetime | None = None
    kecamatan: str | None = None
    kelurahan: str | None = None
    statuses: tuple[str, ...] = ()
    owner_levels: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    late_only: bool = False
    ping_pong_only: bool = False


def report_rows(
    db: Database,
    actor: Actor,
    q: ReportQuery,
    now: datetime,
    sla: ServiceLevel,
    *,
    presentation: bool = False,
) -> pd.DataFrame:
    """Reports under `q`, newest first, with `response_late`, `followup_late`, `late`,
    `ping_pong`; reporter fields masked row by row unless the actor may see them."""
    frame = report_store.report_frame(db.cursor(), q.since, q.until, q.kecamatan, q.kelurahan)
    for column, values in (("status", q.statuses), ("owner_level", q.owner_levels),
                           ("source", q.sources)):  # fmt: skip
        if values:
            frame = frame[frame[column].isin(values)]
    frame = flag_reports(db, frame, now, sla)
    if q.late_only:
        frame = frame[frame["late"]]
    if q.ping_pong_only:
        frame = frame[frame["ping_pong"]]
    return mask_personal(frame.reset_index(drop=True), actor, presentation=presentation)


def flag_reports(
    db: Database, frame: pd.DataFrame, now: datetime, sla: ServiceLevel
) -> pd.DataFrame:
    out = frame.copy()
    created = [pd.Timestamp(t).to_pydatetime() for t in out["created_at"]]
    out["response_late"] = [
        sla.response_late(s, c, now) for s, c in zip(out["status"], created, strict=True)
    ]
    out["followup_late"] = [
        sla.followup_late(s, c, now) for s, c in zip(out["status"], created, strict=True)
    ]
    out["late"] = out["response_late"] | out["followup_late"]
    bouncing = site_rules.ping_pong_ids(map_queries.owner_level_changes(db.cursor(), "report"))
    out["ping_pong"] = out["id"].map(lambda i: int(i) in bouncing)
    return out


def mask_personal(frame: pd.DataFrame, actor: Actor, *, presentation: bool = False) -> pd.DataFrame:
    """Reporter name and phone replaced by HIDDEN on rows the actor may not see."""
    out = frame.copy()
    if out.empty:
        return out
    visible = [
        not presentation and allowed(actor, "read_personal", Area(kec, kel))
        for kec, kel in zip(out["kecamatan_kode"], out["kelurahan_kode"], strict=True)
    ]
    for column in PERSONAL:
        out[column] = [
            v if ok or v is None or (isinstance(v, float) and pd.isna(v)) else HIDDEN
            for v, ok in zip(out[column], visible, strict=True)
        ]
    return out


EXPORT_COLUMNS = (
    "id", "observed_at", "created_at", "verified_at", "handled_at", "receded_at", "closed_at",
    "status", "owner_level", "pocket_id", "kecamatan", "kelurahan", "kelurahan_kode", "address",
    "lon", "lat", "approx_location", "depth_cm", "cause", "source", "source_ref",
    "duplicate_of", "reject_reason", "note", "response_late", "followup_late", "ping_pong",
)  # fmt: skip


def export_frame(frame: pd.DataFrame, actor: Actor, lang: str = "id") -> pd.DataFrame:
    """The columns of a report file. Personal data is included only when the actor may
    read it for every row in the file; otherwise the columns are left out entirely."""
    columns = list(EXPORT_COLUMNS)
    if not frame.empty and not (frame[PERSONAL] == HIDDEN).any().any():
        columns += PERSONAL
    out = frame[columns].copy()
    out["status_label"] = [label("report_status", s, lang) for s in out["status"]]
    out["cause_label"] = [label("cause", c, lang) for c in out["cause"]]
    return out


def to_csv(frame: pd.DataFrame, actor: Actor) -> bytes:
    return csv_bytes(export_frame(frame, actor))


def to_xlsx(frame: pd.DataFrame, actor: Actor) -> bytes:
    return xlsx_bytes({"laporan_genangan": export_frame(frame, actor)})


def to_geojson(frame: pd.DataFrame, actor: Actor) -> bytes:
    out = export_frame(frame, actor)
    features = []
    for row in out.to_dict("records"):
        lon, lat = row["lon"], row["lat"]
        props = {
            k: None if v is None or (isinstance(v, float) and pd.isna(v)) or v is pd.NaT
            else (v.isoformat() if hasattr(v, "isoformat") else v)
            for k, v in row.items() if k not in ("lon", "lat")
        }  # fmt: skip
        features.append(
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
             "properties": props}
        )  # fmt: skip
    return json.dumps(
        {"type": "FeatureCollection", "features": features}, ensure_ascii=False, default=str
    ).encode("utf-8")


def chronic_ranking(
    db: Database,
    now: datetime,
    kecamatan: str | None = None,
    kelurahan: str | None = None,
    limit: int | None = None,
) -> pd.DataFrame:
    """Pockets by flood days over the last 12 months (then deepest), with `chronic`."""
    stats = report_store.pocket_stats(
        db.cursor(), now - timedelta(days=365), now + timedelta(minutes=1), kecamatan, kelurahan
    )
    stats["chronic"] = stats["floods"].map(lambda n: is_chronic(int(n)))
    stats["rank"] = range(1, len(stats) + 1)
    return stats.head(limit) if limit else stats
