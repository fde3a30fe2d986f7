"""Queries behind the genangan pages: reports, pockets, the chronic ranking."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd

from pantau.city.seam import TIMEZONE
from pantau.kernel.vocab import codes_in_group
from pantau.store.cursor import Cursor
from pantau.store.ports import LateRules, ReportFilter  # re-exported for the store's own modules

# A day in SQL is a day in the city's time: UTC plus this (WIB has no daylight saving).
LOCAL_OFFSET_MINUTES = int(
    (ZoneInfo(TIMEZONE).utcoffset(datetime(2000, 1, 1)) or timedelta(0)).total_seconds() // 60
)


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


class ReportRepo:
    """Genangan reports, pockets, the chronic ranking (`session.reports`), on one cursor."""

    def __init__(self, cur: Cursor) -> None:
        self._cur = cur

    def pocket_centres(self) -> list[tuple[int, float, float]]:
        rows = self._cur.execute("SELECT id, lon, lat FROM pockets ORDER BY id").fetchall()
        return [(int(r[0]), float(r[1]), float(r[2])) for r in rows]

    def report_frame(
        self,
        which: ReportFilter = ReportFilter(),  # noqa: B008 - a frozen dataclass
        *,
        limit: int | None = None,
        offset: int = 0,
    ) -> pd.DataFrame:
        where, params = _report_where(which)
        page = ""
        if limit is not None:
            page = " LIMIT ? OFFSET ?"
            params += [int(limit), int(offset)]
        return self._cur.execute(
            "SELECT r.*, k.nama AS kelurahan, c.nama AS kecamatan FROM reports r"  # noqa: S608 - fixed clauses
            " LEFT JOIN kelurahan k ON k.kode = r.kelurahan_kode"
            " LEFT JOIN kecamatan c ON c.kode = r.kecamatan_kode"
            " WHERE " + where + " ORDER BY r.observed_at DESC, r.id DESC" + page,
            params,
        ).df()

    def report_counts(
        self,
        which: ReportFilter = ReportFilter(),  # noqa: B008 - a frozen dataclass
        *,
        late_rules: LateRules = (),
        flagged: Sequence[int] = (),
    ) -> tuple[int, int, int]:
        where, params = _report_where(which)
        late_sql, late_params = _late_sql(late_rules)
        row = self._cur.execute(
            f"SELECT count(*), count(*) FILTER (WHERE {late_sql}),"  # noqa: S608 - fixed clauses
            " count(*) FILTER (WHERE list_contains(?::BIGINT[], r.id)) FROM reports r"
            " WHERE " + where,
            [*late_params, [int(i) for i in flagged], *params],
        ).fetchone()
        assert row is not None
        return int(row[0]), int(row[1]), int(row[2])

    def report_record(self, report_id: int) -> dict[str, Any] | None:
        result = self._cur.execute(
            "SELECT r.*, k.nama AS kelurahan, c.nama AS kecamatan FROM reports r"
            " LEFT JOIN kelurahan k ON k.kode = r.kelurahan_kode"
            " LEFT JOIN kecamatan c ON c.kode = r.kecamatan_kode WHERE r.id = ?",
            [report_id],
        )
        row = result.fetchone()
        if row is None:
            return None
        return dict(zip([d[0] for d in result.description or []], row, strict=True))

    def reports_near(
        self,
        west: float,
        south: float,
        east: float,
        north: float,
        since: datetime,
        until: datetime,
    ) -> list[dict[str, Any]]:
        result = self._cur.execute(
            "SELECT id, observed_at, lon, lat, depth_cm, status, pocket_id, source, source_ref"
            " FROM reports WHERE lon BETWEEN ? AND ? AND lat BETWEEN ? AND ?"
            " AND observed_at >= ? AND observed_at < ?"
            " AND NOT list_contains(?::VARCHAR[], status) ORDER BY observed_at",
            [
                west,
                east,
                south,
                north,
                since,
                until,
                list(codes_in_group("report_status", "closed")),
            ],
        )
        names = [d[0] for d in result.description or []]
        return [dict(zip(names, r, strict=True)) for r in result.fetchall()]

    def known_tickets(self) -> dict[str, int]:
        rows = self._cur.execute(
            "SELECT lower(source_ref), min(id) FROM reports WHERE source_ref IS NOT NULL GROUP BY 1"
        ).fetchall()
        return {str(r[0]): int(r[1]) for r in rows}

    def report_keys(self, since: datetime) -> pd.DataFrame:
        return self._cur.execute(
            "SELECT id, observed_at, lon, lat FROM reports WHERE observed_at >= ?", [since]
        ).df()

    def pocket_stats(
        self,
        since: datetime,
        until: datetime,
        kecamatan: str | None = None,
        kelurahan: str | None = None,
    ) -> pd.DataFrame:
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
        return self._cur.execute(
            "SELECT p.id, p.lon, p.lat, p.name, p.kelurahan_kode, p.kecamatan_kode,"  # noqa: S608
            " k.nama AS kelurahan, c.nama AS kecamatan,"
            " count(DISTINCT CAST(r.observed_at + to_minutes(CAST(? AS INTEGER)) AS DATE))"
            " AS floods,"
            " count(r.id) AS reports, max(r.depth_cm) AS max_depth,"
            " median(r.depth_cm) AS typical_depth,"
            " median(date_diff('minute', r.observed_at, r.receded_at) / 60.0) AS typical_hours,"
            " mode(r.cause) AS main_cause, max(r.observed_at) AS last_flood,"
            " count(r.id) FILTER (WHERE list_contains(?::VARCHAR[], r.status)) AS open_reports"
            " FROM pockets p LEFT JOIN kelurahan k ON k.kode = p.kelurahan_kode"
            " LEFT JOIN kecamatan c ON c.kode = p.kecamatan_kode"
            " JOIN reports r ON r.pocket_id = p.id AND r.observed_at >= ? AND r.observed_at < ?"
            " AND NOT list_contains(?::VARCHAR[], r.status)"
            " WHERE "
            + " AND ".join(where)
            + " GROUP BY p.id, p.lon, p.lat, p.name, p.kelurahan_kode,"
            " p.kecamatan_kode, k.nama, c.nama ORDER BY floods DESC, max_depth DESC,"
            " p.id",
            params,
        ).df()

    def pocket_causes(
        self, pocket_id: int, since: datetime, until: datetime
    ) -> list[tuple[str, int]]:
        rows = self._cur.execute(
            "SELECT cause, count(*) AS n FROM reports WHERE pocket_id = ? AND observed_at >= ?"
            " AND observed_at < ? AND NOT list_contains(?::VARCHAR[], status)"
            " GROUP BY cause ORDER BY n DESC, cause",
            [pocket_id, since, until, list(codes_in_group("report_status", "closed"))],
        ).fetchall()
        return [(str(r[0]), int(r[1])) for r in rows]

    def open_reports(self) -> pd.DataFrame:
        return self._cur.execute(
            "SELECT r.*, k.nama AS kelurahan, c.nama AS kecamatan FROM reports r"
            " LEFT JOIN kelurahan k ON k.kode = r.kelurahan_kode"
            " LEFT JOIN kecamatan c ON c.kode = r.kecamatan_kode"
            " WHERE list_contains(?::VARCHAR[], r.status)"
            " ORDER BY r.created_at, r.id",
            [list(codes_in_group("report_status", "open"))],
        ).df()
