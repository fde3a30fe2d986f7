"""Generic row writes for the tables of the schema.

Table and column names are checked against the live schema before they are put
into SQL text; values are always bound parameters.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import duckdb
import pandas as pd

from pantau.kernel.safetext import clean, clean_frame

# Tables that hold records written by the domain modules.
RECORD_TABLES = (
    "sites",
    "sweeps",
    "directives",
    "pockets",
    "reports",
    "community_groups",
    "tasks",
    "task_groups",
    "users",
    "photos",
    "photo_links",
    "usulan",
)
# Tables whose rows have a point and the columns the spatial join writes.
LOCATED_TABLES = ("sites", "reports", "pockets")
# Every table a backup must carry, in a safe load order.
ALL_TABLES = (
    "schema_migrations",
    "meta",
    "kecamatan",
    "kelurahan",
    "boundaries",
    *RECORD_TABLES,
    "events",
)


_COLUMNS: dict[str, list[str]] = {}


def columns(cur: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    """Column names of `table` in schema order. Raises ValueError for an unknown table.

    Cached per table: every database is migrated to the same (latest) schema
    before use, so the columns of a table are the same in all of them.
    """
    if table not in ALL_TABLES:
        raise ValueError(f"unknown table {table!r}")
    if table in _COLUMNS:
        return list(_COLUMNS[table])
    rows = cur.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_name = ? ORDER BY ordinal_position",
        [table],
    ).fetchall()
    names = [str(r[0]) for r in rows]
    if names:
        _COLUMNS[table] = names
    return list(names)


def _checked(cur: duckdb.DuckDBPyConnection, table: str, names: Iterable[str]) -> list[str]:
    known = set(columns(cur, table))
    names = list(names)
    unknown = [n for n in names if n not in known]
    if unknown:
        raise ValueError(f"unknown column(s) {unknown} for table {table!r}")
    return names


def insert(cur: duckdb.DuckDBPyConnection, table: str, row: Mapping[str, Any]) -> int | None:
    """Insert one row; return its `id` when the table has one."""
    names = _checked(cur, table, row.keys())
    has_id = "id" in columns(cur, table)
    sql = (
        f"INSERT INTO {table} ({', '.join(names)}) "  # noqa: S608 - names checked above
        f"VALUES ({', '.join('?' for _ in names)})" + (" RETURNING id" if has_id else "")
    )
    result = cur.execute(sql, [clean(row[n]) for n in names])
    if has_id:
        fetched = result.fetchone()
        return int(fetched[0]) if fetched else None
    return None


def insert_frame(cur: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> int:
    """Append every row of `frame` (columns named as in the table); return the count."""
    if frame.empty:
        return 0
    names = _checked(cur, table, [str(c) for c in frame.columns])
    cur.register("incoming_frame", clean_frame(frame))
    try:
        cur.execute(
            f"INSERT INTO {table} ({', '.join(names)}) "  # noqa: S608 - names checked above
            f"SELECT {', '.join(names)} FROM incoming_frame"
        )
    finally:
        cur.unregister("incoming_frame")
    return len(frame)


def read(
    cur: duckdb.DuckDBPyConnection,
    table: str,
    names: Sequence[str] | None = None,
    order_by: str = "",
) -> pd.DataFrame:
    """All rows of `table` (the given columns, or all) as a DataFrame."""
    cols = _checked(cur, table, names) if names else columns(cur, table)
    order = ""
    if order_by:
        _checked(cur, table, [c.strip() for c in order_by.split(",")])
        order = f" ORDER BY {order_by}"
    return cur.execute(
        f"SELECT {', '.join(cols)} FROM {table}{order}"  # noqa: S608 - names checked above
    ).df()


def count(cur: duckdb.DuckDBPyConnection, table: str) -> int:
    columns(cur, table)  # validates the name
    row = cur.execute(f"SELECT count(*) FROM {table}").fetchone()  # noqa: S608
    return int(row[0]) if row else 0


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
}


def reserve_ids(cur: duckdb.DuckDBPyConnection, table: str, n: int) -> list[int]:
    """Take `n` ids from the table's sequence, for bulk inserts with explicit ids."""
    sequence = _SEQUENCES[table]
    rows = cur.execute(
        f"SELECT nextval('{sequence}') FROM range(?)",  # noqa: S608 - name from the map above
        [n],
    ).fetchall()
    return [int(r[0]) for r in rows]


def update(
    cur: duckdb.DuckDBPyConnection, table: str, row_id: int, values: Mapping[str, Any]
) -> None:
    """Set `values` on the row of `table` with this id (no version check: callers that
    edit user-visible records use the versioned writes of their own module)."""
    names = _checked(cur, table, values.keys())
    assignments = ", ".join(f"{n} = ?" for n in names)
    cur.execute(
        f"UPDATE {table} SET {assignments} WHERE id = ?",  # noqa: S608 - names checked above
        [*(clean(values[n]) for n in names), row_id],
    )


def rows(cur: duckdb.DuckDBPyConnection, table: str) -> list[dict[str, Any]]:
    """Every row of `table` as a dict of Python values (dates, bytes …), by id."""
    names = columns(cur, table)
    order = " ORDER BY id" if "id" in names else ""
    fetched = cur.execute(f"SELECT * FROM {table}{order}").fetchall()  # noqa: S608
    return [dict(zip(names, values, strict=True)) for values in fetched]


def get(cur: duckdb.DuckDBPyConnection, table: str, row_id: int) -> dict[str, Any] | None:
    """The row of `table` with this id as a dict, or None."""
    names = columns(cur, table)
    fetched = cur.execute(
        f"SELECT * FROM {table} WHERE id = ?",  # noqa: S608 - name checked by columns()
        [row_id],
    ).fetchone()
    return dict(zip(names, fetched, strict=True)) if fetched else None


def update_versioned(
    cur: duckdb.DuckDBPyConnection,
    table: str,
    row_id: int,
    expected_version: int,
    values: Mapping[str, Any],
) -> bool:
    """Set `values` and bump `version` only if the row still has `expected_version`.

    Returns False when the row was changed (or removed) meanwhile.
    """
    names = _checked(cur, table, values.keys())
    assignments = ", ".join([*(f"{n} = ?" for n in names), "version = version + 1"])
    fetched = cur.execute(
        f"UPDATE {table} SET {assignments} WHERE id = ? AND version = ?"  # noqa: S608
        " RETURNING id",
        [*(clean(values[n]) for n in names), row_id, expected_version],
    ).fetchall()
    return len(fetched) == 1
