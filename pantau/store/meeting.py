"""Queries behind the weekly meeting: the event log up to a moment, and what happened
in a window."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pandas as pd

from pantau.store.cursor import Cursor


class MeetingRepo:
    """Reads behind the meeting brief (`session.meeting`). Bound to one cursor."""

    def __init__(self, cur: Cursor) -> None:
        self._cur = cur

    def history_until(self, record_type: str, until: datetime) -> dict[int, list[dict[str, Any]]]:
        result = self._cur.execute(
            "SELECT record_id, action, field, new_value FROM events"
            " WHERE record_type = ? AND occurred_at <= ? ORDER BY record_id, occurred_at, id",
            [record_type, until],
        )
        grouped: dict[int, list[dict[str, Any]]] = {}
        for rid, action, field, new in result.fetchall():
            grouped.setdefault(int(rid), []).append(
                {"action": action, "field": field, "new_value": new}
            )
        return grouped

    def changes_between(
        self, record_type: str, field: str, since: datetime, until: datetime
    ) -> pd.DataFrame:
        return self._cur.execute(
            "SELECT e.record_id, e.occurred_at, e.old_value, e.new_value, e.note,"
            " u.display_name AS who FROM events e LEFT JOIN users u ON u.id = e.user_id"
            " WHERE e.record_type = ? AND e.field = ? AND e.occurred_at > ? AND e.occurred_at <= ?"
            " ORDER BY e.occurred_at, e.id",
            [record_type, field, since, until],
        ).df()

    def count_between(
        self, table: str, column: str, since: datetime, until: datetime
    ) -> pd.DataFrame:
        allowed = {
            ("reports", "created_at"),
            ("reports", "closed_at"),
            ("reports", "receded_at"),
            ("sweeps", "swept_at"),
        }
        if (table, column) not in allowed:
            raise ValueError((table, column))
        if table == "sweeps":
            sql = (
                "SELECT s.kecamatan_kode, s.kelurahan_kode, count(*) AS n FROM sweeps w"
                " JOIN sites s ON s.id = w.site_id WHERE w.swept_at > ? AND w.swept_at <= ?"
                " GROUP BY s.kecamatan_kode, s.kelurahan_kode"
            )
        else:
            sql = (
                f"SELECT kecamatan_kode, kelurahan_kode, count(*) AS n FROM {table}"  # noqa: S608
                f" WHERE {column} > ? AND {column} <= ? GROUP BY kecamatan_kode, kelurahan_kode"
            )
        return self._cur.execute(sql, [since, until]).df()

    def tasks_done_between(self, since: datetime, until: datetime) -> pd.DataFrame:
        return self._cur.execute(
            "SELECT t.id, t.kecamatan_kode, t.kelurahan_kode, t.participants FROM tasks t"
            " WHERE t.id IN (SELECT record_id FROM events WHERE record_type = 'task'"
            "  AND field = 'status' AND new_value = 'selesai'"
            "  AND occurred_at > ? AND occurred_at <= ?)",
            [since, until],
        ).df()

    def names(self) -> tuple[dict[str, str], dict[str, str]]:
        kec = dict(self._cur.execute("SELECT kode, nama FROM kecamatan").fetchall())
        kel = dict(self._cur.execute("SELECT kode, nama FROM kelurahan").fetchall())
        return {str(k): str(v) for k, v in kec.items()}, {str(k): str(v) for k, v in kel.items()}

    def record_labels(self, record_type: str, ids: list[int]) -> dict[int, dict[str, Any]]:
        if not ids:
            return {}
        if record_type == "site":
            sql = (
                "SELECT s.id, s.code, s.name, k.nama AS kelurahan FROM sites s"
                " LEFT JOIN kelurahan k ON k.kode = s.kelurahan_kode WHERE list_contains(?, s.id)"
            )
        elif record_type == "report":
            sql = (
                "SELECT r.id, '#' || r.id AS code,"
                " concat_ws(' · ', r.depth_cm || ' cm', nullif(r.address, '')) AS name,"
                " k.nama AS kelurahan FROM reports r"
                " LEFT JOIN kelurahan k ON k.kode = r.kelurahan_kode WHERE list_contains(?, r.id)"
            )
        else:
            raise ValueError(record_type)
        result = self._cur.execute(sql, [ids])
        names = [d[0] for d in result.description or []]
        return {int(row[0]): dict(zip(names, row, strict=True)) for row in result.fetchall()}
