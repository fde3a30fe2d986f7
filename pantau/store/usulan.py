"""Queries behind the usulan (musrenbang proposals): lists, limits, ranks, and the
figures their evidence is built from."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import pandas as pd

from pantau.kernel.vocab import codes_in_group
from pantau.store.cursor import Cursor
from pantau.store.reports import LOCAL_OFFSET_MINUTES


def _dicts(result: Cursor) -> list[dict[str, Any]]:
    names = [d[0] for d in result.description or []]
    return [dict(zip(names, row, strict=True)) for row in result.fetchall()]


class UsulanRepo:
    """Queries of this module, bound to one cursor of one session."""

    def __init__(self, cur: Cursor) -> None:
        self._cur = cur

    def usulan_frame(
        self,
        year: int | None = None,
        kecamatan: str | None = None,
        kelurahan: str | None = None,
        statuses: Sequence[str] = (),
        ids: Sequence[int] | None = None,
    ) -> pd.DataFrame:
        where = ["TRUE"]
        params: list[Any] = []
        if year is not None:
            where.append("u.year = ?")
            params.append(int(year))
        if kelurahan:
            where.append("u.kelurahan_kode = ?")
            params.append(kelurahan)
        elif kecamatan:
            where.append("starts_with(u.kecamatan_kode, ?)")
            params.append(kecamatan)
        if statuses:
            where.append("list_contains(?::VARCHAR[], u.status)")
            params.append(list(statuses))
        if ids is not None:
            where.append("list_contains(?::INTEGER[], u.id)")
            params.append([int(i) for i in ids])
        return self._cur.execute(
            "SELECT u.*, k.nama AS kelurahan, c.nama AS kecamatan FROM usulan u"  # noqa: S608 - fixed clauses
            " LEFT JOIN kelurahan k ON k.kode = u.kelurahan_kode"
            " LEFT JOIN kecamatan c ON c.kode = u.kecamatan_kode"
            " WHERE " + " AND ".join(where) + " ORDER BY u.kecamatan_kode, u.kelurahan_kode,"
            " u.kelurahan_rank, u.id",
            params,
        ).df()

    def usulan_record(self, usulan_id: int) -> dict[str, Any] | None:
        rows = _dicts(
            self._cur.execute(
                "SELECT u.*, k.nama AS kelurahan, c.nama AS kecamatan FROM usulan u"
                " LEFT JOIN kelurahan k ON k.kode = u.kelurahan_kode"
                " LEFT JOIN kecamatan c ON c.kode = u.kecamatan_kode WHERE u.id = ?",
                [usulan_id],
            )
        )
        return rows[0] if rows else None

    def count_with_status(
        self,
        year: int,
        statuses: Sequence[str],
        *,
        kelurahan: str | None = None,
        kecamatan: str | None = None,
    ) -> int:
        row = self._cur.execute(
            "SELECT count(*) FROM usulan WHERE year = ? AND list_contains(?::VARCHAR[], status)"
            " AND (? IS NULL OR kelurahan_kode = ?) AND (? IS NULL OR kecamatan_kode = ?)",
            [int(year), list(statuses), kelurahan, kelurahan, kecamatan, kecamatan],
        ).fetchone()
        return int(row[0]) if row else 0

    def count_priorities(self, year: int, kecamatan: str) -> int:
        row = self._cur.execute(
            "SELECT count(*) FROM usulan"
            " WHERE year = ? AND kecamatan_kode = ? AND kecamatan_priority",
            [int(year), kecamatan],
        ).fetchone()
        return int(row[0]) if row else 0

    def last_rank(self, year: int, kelurahan: str) -> int:
        row = self._cur.execute(
            "SELECT coalesce(max(kelurahan_rank), 0) FROM usulan"
            " WHERE year = ? AND kelurahan_kode = ?",
            [int(year), kelurahan],
        ).fetchone()
        return int(row[0]) if row else 0

    def last_kecamatan_rank(self, year: int, kecamatan: str) -> int:
        row = self._cur.execute(
            "SELECT coalesce(max(kecamatan_rank), 0) FROM usulan"
            " WHERE year = ? AND kecamatan_kode = ?",
            [int(year), kecamatan],
        ).fetchone()
        return int(row[0]) if row else 0

    def ranked_ids(
        self,
        year: int,
        *,
        kelurahan: str | None = None,
        kecamatan: str | None = None,
        statuses: Sequence[str] = (),
    ) -> list[tuple[int, int]]:
        if kelurahan:
            rows = self._cur.execute(
                "SELECT id, version FROM usulan WHERE year = ? AND kelurahan_kode = ?"
                " ORDER BY kelurahan_rank, id",
                [int(year), kelurahan],
            ).fetchall()
        else:
            rows = self._cur.execute(
                "SELECT id, version FROM usulan WHERE year = ? AND kecamatan_kode = ?"
                " AND list_contains(?::VARCHAR[], status) ORDER BY kecamatan_rank NULLS LAST, id",
                [int(year), kecamatan, list(statuses)],
            ).fetchall()
        return [(int(r[0]), int(r[1])) for r in rows]

    def by_source_key(self, key: str) -> int | None:
        row = self._cur.execute("SELECT id FROM usulan WHERE source_key = ?", [key]).fetchone()
        return int(row[0]) if row else None

    def sources_of_year(self, year: int) -> tuple[set[int], set[int]]:
        rows = self._cur.execute(
            "SELECT pocket_id, site_id FROM usulan WHERE year = ?", [int(year)]
        ).fetchall()
        pockets = {int(r[0]) for r in rows if r[0] is not None}
        sites = {int(r[1]) for r in rows if r[1] is not None}
        return pockets, sites

    def flood_days_by_year(self, pocket_id: int, until: datetime) -> list[tuple[int, int]]:
        rows = self._cur.execute(
            "SELECT year(d) AS y, count(DISTINCT d) FROM (SELECT CAST(observed_at"
            " + to_minutes(CAST(? AS INTEGER)) AS DATE) AS d FROM reports WHERE pocket_id = ?"
            " AND observed_at < ? AND NOT list_contains(?::VARCHAR[], status)) AS days"
            " GROUP BY y ORDER BY y",
            [
                LOCAL_OFFSET_MINUTES,
                pocket_id,
                until,
                list(codes_in_group("report_status", "closed")),
            ],
        ).fetchall()
        return [(int(r[0]), int(r[1])) for r in rows]

    def pocket_reports(self, pocket_id: int, since: datetime, until: datetime) -> pd.DataFrame:
        return self._cur.execute(
            "SELECT id, observed_at, lon, lat, depth_cm, cause, status FROM reports"
            " WHERE pocket_id = ? AND observed_at >= ? AND observed_at < ?"
            " AND NOT list_contains(?::VARCHAR[], status) ORDER BY observed_at",
            [pocket_id, since, until, list(codes_in_group("report_status", "closed"))],
        ).df()

    def report_photos(self, report_ids: Sequence[int], limit: int = 4) -> tuple[int, list[bytes]]:
        ids = [int(i) for i in report_ids]
        row = self._cur.execute(
            "SELECT count(*) FROM photo_links WHERE record_type = 'report'"
            " AND list_contains(?::INTEGER[], record_id)",
            [ids],
        ).fetchone()
        thumbs = self._cur.execute(
            "SELECT p.thumb FROM photo_links l JOIN photos p ON p.sha256 = l.sha256"
            " WHERE l.record_type = 'report' AND list_contains(?::INTEGER[], l.record_id)"
            " ORDER BY l.created_at DESC, l.id DESC LIMIT ?",
            [ids, limit],
        ).fetchall()
        return (int(row[0]) if row else 0), [bytes(t[0]) for t in thumbs]

    def site_record(self, site_id: int) -> dict[str, Any] | None:
        rows = _dicts(
            self._cur.execute(
                "SELECT s.id, s.code, s.name, s.category, s.lon, s.lat, s.address, s.status,"
                " s.owner_unit, s.kelurahan_kode, s.kecamatan_kode, k.nama AS kelurahan"
                " FROM sites s LEFT JOIN kelurahan k ON k.kode = s.kelurahan_kode WHERE s.id = ?",
                [site_id],
            )
        )
        return rows[0] if rows else None

    def pocket_record(self, pocket_id: int) -> dict[str, Any] | None:
        rows = _dicts(
            self._cur.execute(
                "SELECT p.id, p.name, p.lon, p.lat, p.kelurahan_kode, p.kecamatan_kode,"
                " k.nama AS kelurahan FROM pockets p LEFT JOIN kelurahan k"
                " ON k.kode = p.kelurahan_kode WHERE p.id = ?",
                [pocket_id],
            )
        )
        return rows[0] if rows else None

    def site_regressions(
        self,
        since: datetime,
        until: datetime,
        kecamatan: str | None = None,
        kelurahan: str | None = None,
    ) -> pd.DataFrame:
        return self._cur.execute(
            "SELECT s.id, s.code, s.name, s.category, s.status, s.lon, s.lat, s.kelurahan_kode,"
            " s.kecamatan_kode, k.nama AS kelurahan, count(w.id) AS sweeps,"
            " count(w.id) FILTER (WHERE w.result = 'semrawut') AS regressions,"
            " max(w.swept_at) AS last_sweep FROM sites s"
            " JOIN sweeps w ON w.site_id = s.id AND w.swept_at >= ? AND w.swept_at < ?"
            " LEFT JOIN kelurahan k ON k.kode = s.kelurahan_kode"
            " WHERE NOT s.retired AND (? IS NULL OR s.kelurahan_kode = ?)"
            " AND (? IS NULL OR starts_with(s.kecamatan_kode, ?))"
            " GROUP BY s.id, s.code, s.name, s.category, s.status, s.lon, s.lat, s.kelurahan_kode,"
            " s.kecamatan_kode, k.nama ORDER BY regressions DESC, sweeps DESC, s.id",
            [since, until, kelurahan, kelurahan, kecamatan, kecamatan],
        ).df()

    def community_at(
        self,
        kelurahan: str,
        since: datetime,
        pocket_id: int | None = None,
        site_id: int | None = None,
    ) -> tuple[list[str], list[dict[str, Any]]]:
        groups = [
            str(r[0])
            for r in self._cur.execute(
                "SELECT name FROM community_groups"
                " WHERE kelurahan_kode = ? AND active ORDER BY name",
                [kelurahan],
            ).fetchall()
        ]
        tasks = _dicts(
            self._cur.execute(
                "SELECT t.id, t.task_type, t.title, t.planned_at, t.participants,"
                " (SELECT string_agg(g.name, ', ' ORDER BY g.name) FROM task_groups tg"
                "  JOIN community_groups g ON g.id = tg.group_id WHERE tg.task_id = t.id) AS groups"
                " FROM tasks t WHERE t.kelurahan_kode = ? AND t.planned_at >= ?"
                " AND list_contains(?::VARCHAR[], t.status)"
                " AND ((? IS NULL AND ? IS NULL) OR t.pocket_id = ? OR t.site_id = ?)"
                " ORDER BY t.planned_at DESC, t.id DESC",
                [
                    kelurahan,
                    since,
                    list(codes_in_group("task_status", "fixed")),
                    pocket_id,
                    site_id,
                    pocket_id,
                    site_id,
                ],
            )
        )
        return groups, tasks
