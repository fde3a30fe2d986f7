"""Genangan reports as lists (with service-level flags and personal data masked for
those who may not see it), the SDA queue, exports, and the chronic-pocket ranking."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import numpy as np
import pandas as pd

from pantau.access.permissions import Actor, Area, allowed
from pantau.access.privacy import HIDDEN, PERSONAL_FIELDS
from pantau.files.exports import csv_bytes, points_geojson, xlsx_bytes
from pantau.floods.pockets import chronic_stats, chronic_window
from pantau.floods.sla import ServiceLevel
from pantau.kernel.vocab import label
from pantau.sites import rules as site_rules
from pantau.store import Database
from pantau.store import mapdata as map_queries
from pantau.store import reports as report_store

PERSONAL = sorted(PERSONAL_FIELDS["report"])


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


@dataclass(frozen=True)
class ReportCounts:
    reports: int
    late: int
    ping_pong: int


def _bouncing(db: Database) -> set[int]:
    """Reports handed back and forth between levels (ping-pong)."""
    return site_rules.ping_pong_ids(map_queries.owner_level_changes(db.cursor(), "report"))


def _filters(
    q: ReportQuery, now: datetime, sla: ServiceLevel, bouncing: set[int]
) -> report_store.ReportFilter:
    """The store's filter for `q` (late and ping-pong included)."""
    return report_store.ReportFilter(
        since=q.since,
        until=q.until,
        kecamatan=q.kecamatan,
        kelurahan=q.kelurahan,
        statuses=q.statuses,
        owner_levels=q.owner_levels,
        sources=q.sources,
        late=sla.late_rules(now) if q.late_only else None,
        ids=sorted(bouncing) if q.ping_pong_only else None,
    )


def report_rows(
    db: Database,
    actor: Actor,
    q: ReportQuery,
    now: datetime,
    sla: ServiceLevel,
    *,
    presentation: bool = False,
    offset: int = 0,
    limit: int | None = None,
) -> pd.DataFrame:
    """Reports under `q`, newest first, with `response_late`, `followup_late`, `late`,
    `ping_pong`; reporter fields masked row by row unless the actor may see them.
    Filtered in the database; `limit` rows from `offset` (every row when None), so a
    page of the list costs the same however many reports there are."""
    bouncing = _bouncing(db)
    frame = report_store.report_frame(
        db.cursor(), _filters(q, now, sla, bouncing), limit=limit, offset=offset
    )
    frame = _flag(frame, now, sla, bouncing)
    return mask_personal(frame.reset_index(drop=True), actor, presentation=presentation)


def report_counts(db: Database, q: ReportQuery, now: datetime, sla: ServiceLevel) -> ReportCounts:
    """How many reports `report_rows` gives for `q`, how many of them are late and
    how many ping-pong — counted in the database."""
    bouncing = _bouncing(db)
    n, late, ping = report_store.report_counts(
        db.cursor(),
        _filters(q, now, sla, bouncing),
        late_rules=sla.late_rules(now),
        flagged=sorted(bouncing),
    )
    return ReportCounts(n, late, ping)


def flag_reports(
    db: Database, frame: pd.DataFrame, now: datetime, sla: ServiceLevel
) -> pd.DataFrame:
    """`frame` with `response_late`, `followup_late`, `late` and `ping_pong`."""
    return _flag(frame, now, sla, _bouncing(db))


def _flag(
    frame: pd.DataFrame, now: datetime, sla: ServiceLevel, bouncing: set[int]
) -> pd.DataFrame:
    out = frame.copy()
    out["response_late"] = sla.response_late_mask(out["status"], out["created_at"], now)
    out["followup_late"] = sla.followup_late_mask(out["status"], out["created_at"], now)
    out["late"] = sla.late_mask(out["status"], out["created_at"], now)
    out["ping_pong"] = out["id"].astype("int64").isin(bouncing).to_numpy(dtype=bool)
    return out


def allowed_rows(frame: pd.DataFrame, actor: Actor, action: str) -> np.ndarray:
    """`allowed(actor, action, area)` for every row's area (`kecamatan_kode`,
    `kelurahan_kode`), asked once per area rather than once per row."""
    may: dict[tuple[object, object], bool] = {}
    out = np.empty(len(frame), dtype=bool)
    for i, area in enumerate(zip(frame["kecamatan_kode"], frame["kelurahan_kode"], strict=True)):
        ok = may.get(area)
        if ok is None:
            ok = may[area] = allowed(actor, action, Area(*area))
        out[i] = ok
    return out


def mask_personal(frame: pd.DataFrame, actor: Actor, *, presentation: bool = False) -> pd.DataFrame:
    """Reporter name and phone replaced by HIDDEN on rows the actor may not see."""
    out = frame.copy()
    if out.empty:
        return out
    visible = (
        np.zeros(len(out), dtype=bool)
        if presentation
        else allowed_rows(out, actor, "read_personal")
    )
    for column in PERSONAL:
        values = out[column].astype(object)
        keep = visible | values.isna().to_numpy(dtype=bool)
        out[column] = list(values.where(keep, HIDDEN))
    return out


def pocket_reports(db: Database, actor: Actor, pocket_id: int, at: datetime) -> pd.DataFrame:
    """A pocket's reports within `pockets.chronic_window(at)` (the window its page and
    its chronic flag use), personal data masked for `actor`."""
    since, until = chronic_window(at)
    frame = report_store.report_frame(db.cursor(), report_store.ReportFilter(since, until))
    return mask_personal(frame[frame["pocket_id"] == pocket_id].reset_index(drop=True), actor)


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
    return points_geojson(export_frame(frame, actor))


def chronic_ranking(
    db: Database,
    now: datetime,
    kecamatan: str | None = None,
    kelurahan: str | None = None,
    limit: int | None = None,
) -> pd.DataFrame:
    """Pockets by flood days over the last 12 months (then deepest), with `chronic`
    (see `pockets.chronic_stats`) and `rank`."""
    stats = chronic_stats(db, now, kecamatan, kelurahan)
    stats["rank"] = range(1, len(stats) + 1)
    return stats.head(limit) if limit else stats
