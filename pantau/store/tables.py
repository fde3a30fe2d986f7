"""Generic row writes for the tables of the schema.

Table and column names are checked against the live schema before they are put
into SQL text; values are always bound parameters.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from pantau.kernel.safetext import clean, clean_frame
from pantau.store.cursor import Cursor
from pantau.store.ports import (  # re-exported for the store's own modules
    ALL_TABLES,
)

_COLUMNS: dict[str, list[str]] = {}


_SEQUENCES = {
    "sites": "sites_id",
    "sweeps": "sweeps_id",
    "directives": "directives_id",
    "pockets": "pockets_id",
    "reports": "reports_id",
    "community_groups": "groups_id",
    "tasks": "tasks_id",
    "users": "users_id",
    "photo_links": "photo_links_id",
    "usulan": "usulan_id",
    "events": "events_id",
    "warnings": "warnings_id",
}


class RecordRepo:
    """Generic reads and writes of the record tables (`session.records`). Bound to one cursor."""

    def __init__(self, cur: Cursor) -> None:
        self._cur = cur

    def columns(self, table: str) -> list[str]:
        if table not in ALL_TABLES:
            raise ValueError(f"unknown table {table!r}")
        if table in _COLUMNS:
            return list(_COLUMNS[table])
        rows = self._cur.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_name = ? ORDER BY ordinal_position",
            [table],
        ).fetchall()
        names = [str(r[0]) for r in rows]
        if names:
            _COLUMNS[table] = names
        return list(names)

    def _checked(self, table: str, names: Iterable[str]) -> list[str]:
        known = set(self.columns(table))
        names = list(names)
        unknown = [n for n in names if n not in known]
        if unknown:
            raise ValueError(f"unknown column(s) {unknown} for table {table!r}")
        return names

    def insert(self, table: str, row: Mapping[str, Any]) -> int | None:
        names = self._checked(table, row.keys())
        has_id = "id" in self.columns(table)
        sql = (
            f"INSERT INTO {table} ({', '.join(names)}) "  # noqa: S608 - names checked above
            f"VALUES ({', '.join('?' for _ in names)})" + (" RETURNING id" if has_id else "")
        )
        result = self._cur.execute(sql, [clean(row[n]) for n in names])
        if has_id:
            fetched = result.fetchone()
            return int(fetched[0]) if fetched else None
        return None

    def insert_frame(self, table: str, frame: pd.DataFrame) -> int:
        if frame.empty:
            return 0
        names = self._checked(table, [str(c) for c in frame.columns])
        self._cur.register("incoming_frame", clean_frame(frame))
        try:
            self._cur.execute(
                f"INSERT INTO {table} ({', '.join(names)}) "  # noqa: S608 - names checked above
                f"SELECT {', '.join(names)} FROM incoming_frame"
            )
        finally:
            self._cur.unregister("incoming_frame")
        return len(frame)

    def read(
        self,
        table: str,
        names: Sequence[str] | None = None,
        order_by: str = "",
    ) -> pd.DataFrame:
        cols = self._checked(table, names) if names else self.columns(table)
        order = ""
        if order_by:
            self._checked(table, [c.strip() for c in order_by.split(",")])
            order = f" ORDER BY {order_by}"
        return self._cur.execute(
            f"SELECT {', '.join(cols)} FROM {table}{order}"  # noqa: S608 - names checked above
        ).df()

    def count(self, table: str) -> int:
        self.columns(table)  # validates the name
        rows = self._cur.execute(f"SELECT count(*) FROM {table}").fetchall()  # noqa: S608
        return int(rows[0][0]) if rows else 0

    def reserve_ids(self, table: str, n: int) -> list[int]:
        sequence = _SEQUENCES[table]
        rows = self._cur.execute(
            f"SELECT nextval('{sequence}') FROM range(?)",  # noqa: S608 - name from the map above
            [n],
        ).fetchall()
        return [int(r[0]) for r in rows]

    def update(self, table: str, row_id: int, values: Mapping[str, Any]) -> None:
        names = self._checked(table, values.keys())
        assignments = ", ".join(f"{n} = ?" for n in names)
        self._cur.execute(
            f"UPDATE {table} SET {assignments} WHERE id = ?",  # noqa: S608 - names checked above
            [*(clean(values[n]) for n in names), row_id],
        )

    def rows(self, table: str) -> list[dict[str, Any]]:
        names = self.columns(table)
        order = " ORDER BY id" if "id" in names else ""
        fetched = self._cur.execute(f"SELECT * FROM {table}{order}").fetchall()  # noqa: S608
        return [dict(zip(names, values, strict=True)) for values in fetched]

    def get(self, table: str, row_id: int) -> dict[str, Any] | None:
        names = self.columns(table)
        fetched = self._cur.execute(
            f"SELECT * FROM {table} WHERE id = ?",  # noqa: S608 - name checked by columns()
            [row_id],
        ).fetchone()
        return dict(zip(names, fetched, strict=True)) if fetched else None

    def update_versioned(
        self,
        table: str,
        row_id: int,
        expected_version: int,
        values: Mapping[str, Any],
    ) -> bool:
        names = self._checked(table, values.keys())
        assignments = ", ".join([*(f"{n} = ?" for n in names), "version = version + 1"])
        fetched = self._cur.execute(
            f"UPDATE {table} SET {assignments} WHERE id = ? AND version = ?"  # noqa: S608
            " RETURNING id",
            [*(clean(values[n]) for n in names), row_id, expected_version],
        ).fetchall()
        return len(fetched) == 1
