"""Queries behind the genangan pages: reports, pockets, the chronic ranking."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import duckdb
import pandas as pd

from pantau.city.seam import TIMEZONE
from pantau.kernel.vocab import codes_in_group

# A day in SQL is a day in the city's time: UTC plus this (WIB has no daylight saving).
LOCAL_OFFSET_MINUTES = int(
    (ZoneInfo(TIMEZONE).utcoffset(datetime(2000, 1, 1)) or timedelta(0)).total_seconds() // 60
)

# (statuses, cutoff): late when the status is one of them and recorded before the cutoff.
LateRules = Sequence[tuple[Sequence[str], datetime]]


def pocket_centres(cur: duckdb.DuckDBPyConnection) -> list[tuple[int, float, float]]:
    rows = cur.execute("SELECT id, lon, lat FROM pockets ORDER BY id").fetchall()
    return [(int(r[0]), float(r[1]), float(r[2])) for r in rows]


@dataclass(frozen=True)
class ReportFilter:
    """Which reports: observed in [since, until), in the area (a kelurahan, or a
    kecamatan or kota code prefix), with a status, owner level and source among those
    given (all when empty), only the late ones when `late` holds the lateness rules,
    only `ids` when given."""

    since: datetime | None = None
    until: datetime | None = None
    kecamatan: str | None = None
    kelurahan: str | None = None
    statuses: Sequence[str] = ()
    owner_levels: Sequence[str] = ()
    sources: Sequence[str] = ()
    late: LateRules | None = None
    ids: Sequence[int] | None = None


def _report_where(f: ReportFilter) -> tuple[str, list[Any]]:
    where: list[str] = ["TRUE"]
    params: list[Any] = []
    if f.since is not None:
        where.append("r.observed_at >= ?")
        params.append(f.since)
    if f.until is not None:
        where.append("r.observed_at < ?")
        params.append(f.until)
    if f.kelurahan:
        where.append("r.kelurahan_kode = ?")
        params.append(f.kelurahan)
    elif f.kecamatan:  # a kecamatan, or a kota (its code starts every kecamatan code)
        where.append("starts_with(r.kecamatan_kode, ?)")
        params.append(f.kecamatan)
    for column, values in (("status", f.statuses), ("owner_level", f.owner_levels),
                           ("source", f.sources)):  # fmt: skip
        if values:
            where.append(f"list_contains(?::VARCHAR[], r.{column})")
            params.append(list(values))
    if f.late is not None:
        sql, late_params = _late_sql(f.late)
        where.append(sql)
        params += late_params
    if f.ids is not None:
        where.append("list_contains(?::BIGINT[], r.id)")
        params.append([int(i) for i in f.ids])
    return " AND ".join(where), params


def _late_sql(late: LateRules) -> tuple[str, list[Any]]:
    """Late: the status is one of a rule's and the report was recorded before its
    cutoff (see `ServiceLevel.late_rules`)."""
    if not late:
        return "FALSE", []
    parts, params = [], []
    for statuses, cutoff in late:
        parts.append("(list_contains(?::VARCHAR[], r.status) AND r.created_at < ?)")
        params += [list(statuses), cutoff]
    return "(" + " OR ".join(parts) + ")", params


def report_frame(
    cur: duckdb.DuckDBPyConnection,
    which: ReportFilter = ReportFilter(),
    *,
    limit: int | None = None,
    offset: int = 0,
) -> pd.DataFrame:
    """The reports `which` selects (every column, personal data included: callers mask
    it) with kelurahan and kecamatan names, newest first; `limit` rows from `offset`
    (all when None)."""
    where, params = _report_where(which)
    page = ""
    if limit is not None:
        page = " LIMIT ? OFFSET ?"
        params += [int(limit), int(offset)]
    return cur.execute(
        "SELECT r.*, k.nama AS kelurahan, c.nama AS kecamatan FROM reports r"  # noqa: S608 - fixed clauses
        " LEFT JOIN kelurahan k ON k.kode = r.kelurahan_kode"
        " LEFT JOIN kecamatan c ON c.kode = r.kecamatan_kode"
        " WHERE " + where + " ORDER BY r.observed_at DESC, r.id DESC" + page,
        params,
    ).df()


def report_counts(
    cur: duckdb.DuckDBPyConnection,
    which: ReportFilter = ReportFilter(),
    *,
    late_rules: LateRules = (),
    flagged: Sequence[int] = (),
) -> tuple[int, int, int]:
    """(reports, late ones, flagged ones) among those `report_frame` returns for
    `which`; late by `late_rules`, flagged when the id is in `flagged`."""
    where, params = _report_where(which)
    late_sql, late_params = _late_sql(late_rules)
    row = cur.execute(
        f"SELECT count(*), count(*) FILTER (WHERE {late_sql}),"  # noqa: S608 - fixed clauses
        " count(*) FILTER (WHERE list_contains(?::BIGINT[], r.id)) FROM reports r"
        " WHERE " + where,
        [*late_params, [int(i) for i in flagged], *params],
    ).fetchone()
    assert row is not None
    return int(row[0]), int(row[1]), int(row[2])


def report_record(cur: duckdb.DuckDBPyConnection, report_id: int) -> dict[str, Any] | None:
    result = cur.execute(
        "SELECT r.*, k.nama AS kelurahan, c.nama AS kecamatan FROM reports r"
        " LEFT JOIN kelurahan k ON k.kode = r.kelurahan_kode"
        " LEFT JOIN kecamatan c ON c.kode = r.kecamatan_kode WHERE r.id = ?",
        [report_id],
    )
    row = result.fetchone()
    if row is None:
        return None
    return dict(zip([d[0] for d in result.description], row, strict=True))


def reports_near(
    cur: duckdb.DuckDBPyConnection,
    west: float,
    south: float,
    east: float,
    north: float,
    since: datetime,
    until: datetime,
) -> list[dict[str, Any]]:
    """Reports in a lon/lat box observed in [since, until), not duplicates or rejected."""
    result = cur.execute(
        "SELECT id, observed_at, lon, lat, depth_cm, status, pocket_id, source, source_ref"
        " FROM reports WHERE lon BETWEEN ? AND ? AND lat BETWEEN ? AND ?"
        " AND observed_at >= ? AND observed_at < ?"
        " AND NOT list_contains(?::VARCHAR[], status) ORDER BY observed_at",
        [west, east, south, north, since, until, list(codes_in_group("report_status", "closed"))],
    )
    names = [d[0] for d in result.description]
    return [dict(zip(names, r, strict=True)) for r in result.fetchall()]


def known_tickets(cur: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Complaint-system ticket numbers already stored, lower-cased -> report id."""
    rows = cur.execute(
        "SELECT lower(source_ref), min(id) FROM reports WHERE source_ref IS NOT NULL GROUP BY 1"
    ).fetchall()
    return {str(r[0]): int(r[1]) for r in rows}


def report_keys(cur: duckdb.DuckDBPyConnection, since: datetime) -> pd.DataFrame:
    """id, observed_at, lon, lat of reports since `since` (duplicate checks on import)."""
    return cur.execute(
        "SELECT id, observed_at, lon, lat FROM reports WHERE observed_at >= ?", [since]
    ).df()


def pocket_stats(
    cur: duckdb.DuckDBPyConnection,
    since: datetime,
    until: datetime,
    kecamatan: str | None = None,
    kelurahan: str | None = None,
) -> pd.DataFrame:
    """Per pocket over [since, until) under the area filter (a kelurahan, or a kecamatan
    or kota code prefix): flood days (distinct days in the city's time), reports, max
    and typical depth, typical hours until receded, the most common cause, open reports,
    last flood; most flood days first. The map, the pocket ranking and the meeting all
    read this one query."""
    where: list[str] = ["TRUE"]
    params: list[Any] = [
        LOCAL_OFFSET_MINUTES,
        list(codes_in_group("report_status", "open")),
        since,
        until,
        list(codes_in_group("report_status", "closed")),
    ]
    if kelurahan:
        where.append("p.kelurahan_kode = ?")
        params.append(kelurahan)
    elif kecamatan:  # a kecamatan, or a kota
        where.append("starts_with(p.kecamatan_kode, ?)")
        params.append(kecamatan)
    return cur.execute(
        "SELECT p.id, p.lon, p.lat, p.name, p.kelurahan_kode, p.kecamatan_kode,"  # noqa: S608 - fixed clauses
        " k.nama AS kelurahan, c.nama AS kecamatan,"
        " count(DISTINCT CAST(r.observed_at + to_minutes(CAST(? AS INTEGER)) AS DATE)) AS floods,"
        " count(r.id) AS reports, max(r.depth_cm) AS max_depth,"
        " median(r.depth_cm) AS typical_depth,"
        " median(date_diff('minute', r.observed_at, r.receded_at) / 60.0) AS typical_hours,"
        " mode(r.cause) AS main_cause, max(r.observed_at) AS last_flood,"
        " count(r.id) FILTER (WHERE list_contains(?::VARCHAR[], r.status)) AS open_reports"
        " FROM pockets p LEFT JOIN kelurahan k ON k.kode = p.kelurahan_kode"
        " LEFT JOIN kecamatan c ON c.kode = p.kecamatan_kode"
        " JOIN reports r ON r.pocket_id = p.id AND r.observed_at >= ? AND r.observed_at < ?"
        " AND NOT list_contains(?::VARCHAR[], r.status)"
        " WHERE " + " AND ".join(where) + " GROUP BY ALL ORDER BY floods DESC, max_depth DESC,"
        " p.id",
        params,
    ).df()


def pocket_causes(
    cur: duckdb.DuckDBPyConnection, pocket_id: int, since: datetime, until: datetime
) -> list[tuple[str, int]]:
    rows = cur.execute(
        "SELECT cause, count(*) AS n FROM reports WHERE pocket_id = ? AND observed_at >= ?"
        " AND observed_at < ? AND NOT list_contains(?::VARCHAR[], status)"
        " GROUP BY cause ORDER BY n DESC, cause",
        [pocket_id, since, until, list(codes_in_group("report_status", "closed"))],
    ).fetchall()
    return [(str(r[0]), int(r[1])) for r in rows]
