"""Queries behind the site pages and "Tugas saya": directives, hand-overs, sweeps, open
reports."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pandas as pd

from pantau.store.cursor import Cursor


def _dicts(result: Cursor) -> list[dict[str, Any]]:
    names = [d[0] for d in result.description or []]
    return [dict(zip(names, row, strict=True)) for row in result.fetchall()]


class SiteRepo:
    """Sites: directives, hand-overs, sweeps (`session.sites`). Bound to one cursor."""

    def __init__(self, cur: Cursor) -> None:
        self._cur = cur

    def site_area(self, site_id: int) -> tuple[str, str] | None:
        row = self._cur.execute(
            "SELECT kecamatan_kode, kelurahan_kode FROM sites WHERE id = ?", [site_id]
        ).fetchone()
        return (row[0], row[1]) if row else None

    def directives_of_site(self, site_id: int) -> list[dict[str, Any]]:
        return _dicts(
            self._cur.execute(
                "SELECT d.*, a.display_name AS author, b.display_name AS answerer FROM directives d"
                " LEFT JOIN users a ON a.id = d.author_id LEFT JOIN users b ON b.id = d.answered_by"
                " WHERE d.site_id = ? ORDER BY d.created_at DESC, d.id DESC",
                [site_id],
            )
        )

    def open_directives(self) -> pd.DataFrame:
        return self._cur.execute(
            "SELECT d.id, d.site_id, d.text, d.due_date, d.created_at, d.author_id, d.version,"
            " a.display_name AS author, s.code, s.name, s.kecamatan_kode, s.kelurahan_kode,"
            " k.nama AS kelurahan FROM directives d JOIN sites s ON s.id = d.site_id"
            " LEFT JOIN users a ON a.id = d.author_id"
            " LEFT JOIN kelurahan k ON k.kode = s.kelurahan_kode"
            " WHERE d.answer IS NULL AND NOT s.retired ORDER BY d.due_date NULLS LAST, d.id"
        ).df()

    def site_handovers(self, since: datetime) -> pd.DataFrame:
        return self._cur.execute(
            "SELECT e.record_id AS site_id, e.occurred_at, e.old_value, e.new_value, e.user_id,"
            " e.note FROM events e WHERE e.record_type = 'site' AND e.action = 'handover'"
            " AND e.field = 'owner_level' AND e.occurred_at >= ?"
            " ORDER BY e.occurred_at DESC, e.id DESC",
            [since],
        ).df()

    def site_handover_chain(self, site_id: int) -> list[dict[str, Any]]:
        return _dicts(
            self._cur.execute(
                "SELECT e.occurred_at, e.field, e.old_value, e.new_value, e.note,"
                " u.display_name AS who FROM events e LEFT JOIN users u ON u.id = e.user_id"
                " WHERE e.record_type = 'site' AND e.record_id = ? AND e.action = 'handover'"
                " ORDER BY e.occurred_at, e.id",
                [site_id],
            )
        )

    def tidied_at(self) -> dict[int, datetime]:
        rows = self._cur.execute(
            "SELECT record_id, max(occurred_at) FROM events WHERE record_type = 'site'"
            " AND field = 'status' AND new_value = 'tertata' GROUP BY record_id"
        ).fetchall()
        return {int(r[0]): r[1] for r in rows}

    def sweeps_of_site(self, site_id: int) -> list[dict[str, Any]]:
        return _dicts(
            self._cur.execute(
                "SELECT w.id, w.swept_at, w.result, w.note, u.display_name AS who FROM sweeps w"
                " LEFT JOIN users u ON u.id = w.user_id WHERE w.site_id = ?"
                " ORDER BY w.swept_at DESC, w.id DESC",
                [site_id],
            )
        )
