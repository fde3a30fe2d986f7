"""Queries behind the community pages: groups, tasks with their groups, summaries."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import pandas as pd

from pantau.kernel.vocab import codes_in_group
from pantau.store.cursor import Cursor


class CommunityRepo:
    """Community groups and their tasks (`session.community`). Bound to one cursor."""

    def __init__(self, cur: Cursor) -> None:
        self._cur = cur

    def groups(self, kelurahan: str | None = None) -> pd.DataFrame:
        return self._cur.execute(
            "SELECT g.*, k.nama AS kelurahan, k.kecamatan_kode FROM community_groups g"
            " LEFT JOIN kelurahan k ON k.kode = g.kelurahan_kode"
            " WHERE (? IS NULL OR g.kelurahan_kode = ?) ORDER BY g.kelurahan_kode, g.name",
            [kelurahan, kelurahan],
        ).df()

    def tasks(
        self,
        since: datetime | None = None,
        until: datetime | None = None,
        kelurahan: str | None = None,
        kecamatan: str | None = None,
        pocket_id: int | None = None,
        site_id: int | None = None,
    ) -> pd.DataFrame:
        return self._cur.execute(
            "SELECT t.*, k.nama AS kelurahan,"
            " (SELECT string_agg(g.name, ', ' ORDER BY g.name) FROM task_groups tg"
            "  JOIN community_groups g ON g.id = tg.group_id WHERE tg.task_id = t.id) AS groups,"
            " (SELECT array_agg(tg.group_id ORDER BY tg.group_id) FROM task_groups tg"
            "  WHERE tg.task_id = t.id) AS group_ids"
            " FROM tasks t LEFT JOIN kelurahan k ON k.kode = t.kelurahan_kode"
            " WHERE (? IS NULL OR t.planned_at >= ?) AND (? IS NULL OR t.planned_at < ?)"
            " AND (? IS NULL OR t.kelurahan_kode = ?)"
            " AND (? IS NULL OR starts_with(t.kecamatan_kode, ?))"
            " AND (? IS NULL OR t.pocket_id = ?) AND (? IS NULL OR t.site_id = ?)"
            " ORDER BY t.planned_at, t.id",
            [
                since,
                since,
                until,
                until,
                kelurahan,
                kelurahan,
                kecamatan,
                kecamatan,
                pocket_id,
                pocket_id,
                site_id,
                site_id,
            ],
        ).df()

    def link_groups(self, task_id: int, group_ids: Sequence[int]) -> None:
        if group_ids:
            self._cur.executemany(
                "INSERT INTO task_groups (task_id, group_id) VALUES (?, ?)",
                [[task_id, g] for g in group_ids],
            )

    def group_areas(self, group_ids: Sequence[int]) -> dict[int, str]:
        if not group_ids:
            return {}
        marks = ", ".join("?" for _ in group_ids)
        rows = self._cur.execute(
            f"SELECT id, kelurahan_kode FROM community_groups WHERE id IN ({marks})",  # noqa: S608
            list(group_ids),
        ).fetchall()
        return {int(r[0]): str(r[1]) for r in rows}

    def planned_pockets(self, since: datetime, until: datetime) -> set[int]:
        rows = self._cur.execute(
            "SELECT DISTINCT pocket_id FROM tasks WHERE pocket_id IS NOT NULL"
            " AND list_contains(?::VARCHAR[], status) AND planned_at >= ? AND planned_at < ?",
            [list(codes_in_group("task_status", "open")), since, until],
        ).fetchall()
        return {int(r[0]) for r in rows}

    def involvement(self, since: datetime) -> pd.DataFrame:
        return self._cur.execute(
            "SELECT k.kode AS kelurahan_kode, k.nama AS kelurahan, k.kecamatan_kode,"
            " (SELECT count(*) FROM tasks t WHERE t.kelurahan_kode = k.kode"
            "  AND t.status = 'selesai'"
            "  AND t.planned_at >= ?) AS tasks_done,"
            " (SELECT coalesce(sum(t.participants), 0) FROM tasks t WHERE t.kelurahan_kode = k.kode"
            "  AND t.status = 'selesai' AND t.planned_at >= ?) AS participants,"
            " (SELECT count(DISTINCT tg.group_id) FROM tasks t"
            "  JOIN task_groups tg ON tg.task_id = t.id"
            "  WHERE t.kelurahan_kode = k.kode AND t.status = 'selesai' AND t.planned_at >= ?)"
            "  AS groups_active,"
            " (SELECT count(*) FROM community_groups g"
            "  WHERE g.kelurahan_kode = k.kode AND g.active)"
            "  AS groups"
            " FROM kelurahan k ORDER BY k.kode",
            [since, since, since],
        ).df()

    def place_of(self, table: str, record_id: int) -> dict[str, Any] | None:
        if table not in ("pockets", "sites"):
            raise ValueError(table)
        result = self._cur.execute(
            f"SELECT lon, lat, kelurahan_kode, kecamatan_kode FROM {table} WHERE id = ?",  # noqa: S608
            [record_id],
        )
        row = result.fetchone()
        return (
            dict(zip([d[0] for d in result.description or []], row, strict=True)) if row else None
        )

    def task_points(
        self,
        since: datetime,
        until: datetime,
        kecamatan: str | None = None,
        kelurahan: str | None = None,
    ) -> pd.DataFrame:
        return self._cur.execute(
            "SELECT t.id, t.title, t.task_type, t.status, t.planned_at,"
            " coalesce(p.lon, s.lon) AS lon, coalesce(p.lat, s.lat) AS lat FROM tasks t"
            " LEFT JOIN pockets p ON p.id = t.pocket_id LEFT JOIN sites s ON s.id = t.site_id"
            " WHERE (t.pocket_id IS NOT NULL OR t.site_id IS NOT NULL)"
            " AND ((t.planned_at >= ? AND t.planned_at < ?)"
            "      OR (t.planned_at < ? AND list_contains(?::VARCHAR[], t.status)))"
            " AND (? IS NULL OR t.kelurahan_kode = ?)"
            " AND (? IS NULL OR starts_with(t.kecamatan_kode, ?))"
            " ORDER BY t.planned_at",
            [
                since,
                until,
                since,
                list(codes_in_group("task_status", "open")),
                kelurahan,
                kelurahan,
                kecamatan,
                kecamatan,
            ],
        ).df()
