"""Queries behind siaga: warnings, the pockets a warning puts at risk, their watch
tasks, and the reports that came while a warning was in force."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import pandas as pd

from pantau.kernel.vocab import codes_in_group
from pantau.store.cursor import Cursor


class SiagaRepo:
    """Queries of this module, bound to one cursor of one session."""

    def __init__(self, cur: Cursor) -> None:
        self._cur = cur

    def warnings_overlapping(self, since: datetime, until: datetime) -> pd.DataFrame:
        return self._cur.execute(
            "SELECT * FROM warnings WHERE starts_at < ? AND ends_at > ?"
            " ORDER BY starts_at DESC, id",
            [until, since],
        ).df()

    def cause_reports(
        self, causes: Sequence[str], since: datetime, until: datetime
    ) -> pd.DataFrame:
        return self._cur.execute(
            "SELECT r.pocket_id, p.kelurahan_kode, count(*) AS matching FROM reports r"
            " JOIN pockets p ON p.id = r.pocket_id"
            " WHERE list_contains(?::VARCHAR[], r.cause)"
            " AND r.observed_at >= ? AND r.observed_at < ?"
            " AND NOT list_contains(?::VARCHAR[], r.status)"
            " GROUP BY r.pocket_id, p.kelurahan_kode ORDER BY r.pocket_id",
            [list(causes), since, until, list(codes_in_group("report_status", "closed"))],
        ).df()

    def watches(self, warning_id: int, kelurahan: str | None = None) -> pd.DataFrame:
        return self._cur.execute(
            "SELECT t.pocket_id, t.id AS task_id, t.status, t.participants, t.planned_at,"
            " t.version, t.kelurahan_kode, k.nama AS kelurahan, p.name AS pocket_name,"
            " p.lon, p.lat,"
            " (SELECT string_agg(g.name, ', ' ORDER BY g.name) FROM task_groups tg"
            "  JOIN community_groups g ON g.id = tg.group_id WHERE tg.task_id = t.id) AS groups,"
            " (SELECT array_agg(tg.group_id ORDER BY tg.group_id) FROM task_groups tg"
            "  WHERE tg.task_id = t.id) AS group_ids"
            " FROM tasks t JOIN pockets p ON p.id = t.pocket_id"
            " LEFT JOIN kelurahan k ON k.kode = t.kelurahan_kode"
            " WHERE t.warning_id = ? AND (? IS NULL OR t.kelurahan_kode = ?)"
            " ORDER BY t.kelurahan_kode, t.pocket_id, t.id",
            [warning_id, kelurahan, kelurahan],
        ).df()

    def watched_pockets(self, warning_id: int) -> set[int]:
        rows = self._cur.execute(
            "SELECT pocket_id FROM warning_watches WHERE warning_id = ?", [warning_id]
        ).fetchall()
        return {int(r[0]) for r in rows}

    def add_watch(self, warning_id: int, pocket_id: int, task_id: int, at: datetime) -> None:
        self._cur.execute(
            "INSERT INTO warning_watches (warning_id, pocket_id, task_id, created_at)"
            " VALUES (?, ?, ?, ?)",
            [warning_id, pocket_id, task_id, at],
        )

    def pocket_places(self, pocket_ids: Sequence[int]) -> pd.DataFrame:
        return self._cur.execute(
            "SELECT p.id, p.name, p.lon, p.lat, p.kelurahan_kode, p.kecamatan_kode,"
            " k.nama AS kelurahan FROM pockets p LEFT JOIN kelurahan k ON k.kode = p.kelurahan_kode"
            " WHERE list_contains(?::INTEGER[], p.id) ORDER BY p.id",
            [[int(i) for i in pocket_ids]],
        ).df()

    def reports_in(
        self,
        kelurahan: Sequence[str],
        since: datetime,
        until: datetime,
    ) -> pd.DataFrame:
        return self._cur.execute(
            "SELECT id, pocket_id, kelurahan_kode, observed_at, source, depth_cm, cause, status"
            " FROM reports WHERE list_contains(?::VARCHAR[], kelurahan_kode)"
            " AND observed_at >= ? AND observed_at < ?"
            " AND NOT list_contains(?::VARCHAR[], status) ORDER BY observed_at, id",
            [list(kelurahan), since, until, list(codes_in_group("report_status", "closed"))],
        ).df()

    def group_rows(self, group_ids: Sequence[int]) -> dict[int, Any]:
        if not group_ids:
            return {}
        rows = self._cur.execute(
            "SELECT id, kelurahan_kode, active FROM community_groups"
            " WHERE list_contains(?::INTEGER[], id)",
            [[int(g) for g in group_ids]],
        ).fetchall()
        return {int(r[0]): (str(r[1]), bool(r[2])) for r in rows}
