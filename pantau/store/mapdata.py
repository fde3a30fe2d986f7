"""Queries behind the map: sites, reports and pockets under the map filters."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pandas as pd

from pantau.kernel.vocab import codes_in_group
from pantau.store.cursor import Cursor
from pantau.store.reports import ReportRepo


def _area_clause(kecamatan: str | None, kelurahan: str | None, alias: str) -> tuple[str, list[Any]]:
    """A kelurahan, or an area above it: `kecamatan` may be a kecamatan code or a kota
    code ("31.71"), whose kecamatan codes all start with it."""
    clauses, params = [], []
    if kelurahan:
        clauses.append(f"{alias}.kelurahan_kode = ?")
        params.append(kelurahan)
    elif kecamatan:
        clauses.append(f"starts_with({alias}.kecamatan_kode, ?)")
        params.append(kecamatan)
    return " AND ".join(clauses), params


def _in(column: str, values: tuple[str, ...]) -> tuple[str, list[Any]]:
    if not values:
        return "", []
    return f"{column} IN ({', '.join('?' for _ in values)})", list(values)


class MapRepo:
    """Reads behind the map (`session.map`). Bound to one cursor."""

    def __init__(self, cur: Cursor) -> None:
        self._cur = cur

    def sites(
        self,
        kecamatan: str | None,
        kelurahan: str | None,
        statuses: tuple[str, ...],
        categories: tuple[str, ...],
        owner_levels: tuple[str, ...],
    ) -> pd.DataFrame:
        where = ["NOT s.retired"]
        params: list[Any] = []
        for clause, p in (
            _area_clause(kecamatan, kelurahan, "s"),
            _in("s.status", statuses),
            _in("s.category", categories),
            _in("s.owner_level", owner_levels),
        ):
            if clause:
                where.append(clause)
                params += p
        return self._cur.execute(
            "SELECT s.id, s.code, s.name, s.category, s.lon, s.lat, s.address, s.kelurahan_kode,"  # noqa: S608 - fixed clauses, bound values
            " s.kecamatan_kode, s.placement, s.owner_level, s.owner_unit, s.status, s.target_date,"
            " s.sweep_interval_days, s.last_sweep_at, s.updated_at, s.version, k.nama AS kelurahan,"
            " c.nama AS kecamatan,"
            " (SELECT count(*) FROM events e WHERE e.record_type = 'site' AND e.record_id = s.id"
            "  AND e.action = 'handover' AND e.field = 'owner_level') AS handovers"
            " FROM sites s LEFT JOIN kelurahan k ON k.kode = s.kelurahan_kode"
            " LEFT JOIN kecamatan c ON c.kode = s.kecamatan_kode"
            " WHERE " + " AND ".join(where) + " ORDER BY s.code",
            params,
        ).df()

    def reports(
        self,
        kecamatan: str | None,
        kelurahan: str | None,
        since: datetime,
        until: datetime,
    ) -> pd.DataFrame:
        area, params = _area_clause(kecamatan, kelurahan, "r")
        return self._cur.execute(
            "SELECT r.id, r.lon, r.lat, r.depth_cm, r.status, r.cause, r.pocket_id, r.observed_at,"  # noqa: S608 - fixed clauses, bound values
            " r.owner_level, r.kelurahan_kode, r.created_at FROM reports r"
            " WHERE r.observed_at >= ? AND r.observed_at < ?"
            + (f" AND {area}" if area else "")
            + " ORDER BY r.id",
            [since, until, *params],
        ).df()

    def pockets(
        self,
        kecamatan: str | None,
        kelurahan: str | None,
        since: datetime,
        until: datetime,
    ) -> pd.DataFrame:
        return ReportRepo(self._cur).pocket_stats(since, until, kecamatan, kelurahan)

    def open_report_count(self, kecamatan: str | None, kelurahan: str | None) -> int:
        area, params = _area_clause(kecamatan, kelurahan, "r")
        row = self._cur.execute(
            "SELECT count(*) FROM reports r"  # noqa: S608 - fixed clauses, bound values
            " WHERE list_contains(?::VARCHAR[], r.status)" + (f" AND {area}" if area else ""),
            [list(codes_in_group("report_status", "open")), *params],
        ).fetchone()
        return int(row[0]) if row else 0

    def owner_level_changes(self, record_type: str, record_id: int | None = None) -> pd.DataFrame:
        return self._cur.execute(
            "SELECT record_id, old_value, new_value FROM events"
            " WHERE record_type = ? AND field = 'owner_level' AND (? IS NULL OR record_id = ?)"
            " ORDER BY record_id, occurred_at, id",
            [record_type, record_id, record_id],
        ).df()

    def site_record(self, site_id: int) -> dict[str, Any] | None:
        self._cur.execute(
            "SELECT s.*, k.nama AS kelurahan, c.nama AS kecamatan FROM sites s"
            " LEFT JOIN kelurahan k ON k.kode = s.kelurahan_kode"
            " LEFT JOIN kecamatan c ON c.kode = s.kecamatan_kode WHERE s.id = ?",
            [site_id],
        )
        row = self._cur.fetchone()
        if row is None:
            return None
        names = [d[0] for d in self._cur.description or []]
        return dict(zip(names, row, strict=True))

    def pocket_reports(self, pocket_id: int, since: datetime, until: datetime) -> pd.DataFrame:
        return self._cur.execute(
            "SELECT r.id, r.observed_at, r.depth_cm, r.cause, r.source, r.status, r.owner_level,"
            " r.receded_at FROM reports r WHERE r.pocket_id = ? AND r.observed_at >= ?"
            " AND r.observed_at < ? ORDER BY r.observed_at DESC",
            [pocket_id, since, until],
        ).df()

    def photo_count(self, record_type: str, record_id: int) -> int:
        row = self._cur.execute(
            "SELECT count(*) FROM photo_links WHERE record_type = ? AND record_id = ?",
            [record_type, record_id],
        ).fetchone()
        return int(row[0]) if row else 0
