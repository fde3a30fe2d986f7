"""Key/value facts about the database: data version, sample flag, boundary source."""

from __future__ import annotations

import duckdb


def get(cur: duckdb.DuckDBPyConnection, key: str, default: str | None = None) -> str | None:
    row = cur.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
    return str(row[0]) if row else default


def put(cur: duckdb.DuckDBPyConnection, key: str, value: str) -> None:
    cur.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [key, value],
    )


def _counter(cur: duckdb.DuckDBPyConnection) -> int:
    return int(get(cur, "data_version", "0") or 0)


def data_version(cur: duckdb.DuckDBPyConnection) -> int:
    """A number that every write changes: caches of derived data are keyed by it.

    Every record write appends events, so the number of events grows with each
    one; bulk loads (sample data, boundaries) also bump a counter. Reading the
    event log instead of updating a shared row keeps concurrent edits of
    different records from conflicting with each other. The count, not the
    newest id: a save that took its ids first but commits after a later one adds
    no new highest id, and was once missed by every cache for up to a minute.
    """
    row = cur.execute("SELECT count(*) FROM events").fetchone()
    return _counter(cur) * 10**12 + int(row[0] if row else 0)


def bump_data_version(cur: duckdb.DuckDBPyConnection) -> int:
    put(cur, "data_version", str(_counter(cur) + 1))
    return data_version(cur)
