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


def data_version(cur: duckdb.DuckDBPyConnection) -> int:
    """A number that every write bumps: caches of derived data are keyed by it."""
    return int(get(cur, "data_version", "0") or 0)


def bump_data_version(cur: duckdb.DuckDBPyConnection) -> int:
    version = data_version(cur) + 1
    put(cur, "data_version", str(version))
    return version
