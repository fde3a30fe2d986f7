"""The append-only event log. There is deliberately no update or delete here."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import astuple
from datetime import datetime
from typing import Any

import pandas as pd

from pantau.kernel.safetext import clean, clean_frame
from pantau.store.cursor import Cursor
from pantau.store.ports import Event  # re-exported for the store's own modules

_COLUMNS = "occurred_at, user_id, record_type, record_id, action, field, old_value, new_value, note"


class EventRepo:
    """The append-only event log (`session.events`). Bound to one cursor."""

    def __init__(self, cur: Cursor) -> None:
        self._cur = cur

    def append(self, events: Sequence[Event]) -> None:
        if not events:
            return
        if len(events) > 500:
            frame = pd.DataFrame([astuple(e) for e in events], columns=_COLUMNS.split(", "))
            self._cur.register("incoming_events", clean_frame(frame))
            try:
                self._cur.execute(
                    f"INSERT INTO events ({_COLUMNS}) SELECT {_COLUMNS} FROM incoming_events"  # noqa: S608
                )
            finally:
                self._cur.unregister("incoming_events")
            return
        self._cur.executemany(
            f"INSERT INTO events ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",  # noqa: S608
            [[clean(v) for v in astuple(e)] for e in events],
        )

    def for_record(self, record_type: str, record_id: int) -> pd.DataFrame:
        return self._cur.execute(
            f"SELECT id, {_COLUMNS} FROM events WHERE record_type = ? AND record_id = ?"  # noqa: S608
            " ORDER BY occurred_at, id",
            [record_type, record_id],
        ).df()

    def last_change(self, record_type: str, record_id: int) -> tuple[datetime, str | None] | None:
        row = self._cur.execute(
            "SELECT e.occurred_at, u.display_name FROM events e"
            " LEFT JOIN users u ON u.id = e.user_id"
            " WHERE e.record_type = ? AND e.record_id = ?"
            " ORDER BY e.occurred_at DESC, e.id DESC LIMIT 1",
            [record_type, record_id],
        ).fetchone()
        return (row[0], row[1]) if row else None

    def history(self, record_type: str, record_id: int) -> list[dict[str, Any]]:
        result = self._cur.execute(
            "SELECT e.id, e.occurred_at, e.user_id, u.display_name AS user_name, e.action,"
            " e.field, e.old_value, e.new_value, e.note FROM events e"
            " LEFT JOIN users u ON u.id = e.user_id"
            " WHERE e.record_type = ? AND e.record_id = ?"
            " ORDER BY e.occurred_at DESC, e.id DESC",
            [record_type, record_id],
        )
        names = [d[0] for d in result.description or []]
        return [dict(zip(names, row, strict=True)) for row in result.fetchall()]
