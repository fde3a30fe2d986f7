"""Accounts: reading them and recording login outcomes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import duckdb

_COLUMNS = (
    "id, username, display_name, password_hash, role, kecamatan_kode, kelurahan_kode, kota_kode,"
    " active,"
    " default_password, must_change_password, failed_logins, locked_until, last_login_at,"
    " version"
)


def by_username(cur: duckdb.DuckDBPyConnection, username: str) -> dict[str, Any] | None:
    cur.execute(f"SELECT {_COLUMNS} FROM users WHERE lower(username) = lower(?)", [username])  # noqa: S608
    row = cur.fetchone()
    if row is None:
        return None
    return dict(zip(_COLUMNS.replace(" ", "").split(","), row, strict=True))


def record_failure(
    cur: duckdb.DuckDBPyConnection, user_id: int, failures: int, locked_until: datetime | None
) -> None:
    cur.execute(
        "UPDATE users SET failed_logins = ?, locked_until = ?, version = version + 1 WHERE id = ?",
        [failures, locked_until, user_id],
    )


def record_success(cur: duckdb.DuckDBPyConnection, user_id: int, at: datetime) -> None:
    cur.execute(
        "UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = ?,"
        " version = version + 1 WHERE id = ?",
        [at, user_id],
    )


def set_password(
    cur: duckdb.DuckDBPyConnection, user_id: int, password_hash: str, *, must_change: bool
) -> None:
    """Store a new hash; clears the demo flag, the failure count and any lock."""
    cur.execute(
        "UPDATE users SET password_hash = ?, must_change_password = ?, default_password = FALSE,"
        " failed_logins = 0, locked_until = NULL, version = version + 1 WHERE id = ?",
        [password_hash, must_change, user_id],
    )


def listing(cur: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Every account for the admin list (no password hashes), by username."""
    names = [n for n in _COLUMNS.replace(" ", "").split(",") if n != "password_hash"]
    fetched = cur.execute(
        f"SELECT {', '.join(names)} FROM users ORDER BY lower(username)"  # noqa: S608
    ).fetchall()
    return [dict(zip(names, row, strict=True)) for row in fetched]


def active_admins(cur: duckdb.DuckDBPyConnection) -> list[int]:
    rows = cur.execute("SELECT id FROM users WHERE role = 'admin' AND active").fetchall()
    return [int(r[0]) for r in rows]


def with_default_password(cur: duckdb.DuckDBPyConnection) -> list[str]:
    """Usernames of active accounts that still use a published demo password."""
    rows = cur.execute(
        "SELECT username FROM users WHERE active AND default_password ORDER BY username"
    ).fetchall()
    return [str(r[0]) for r in rows]


def count_active(cur: duckdb.DuckDBPyConnection) -> int:
    row = cur.execute("SELECT count(*) FROM users WHERE active").fetchone()
    return int(row[0]) if row else 0


def any_password_hash(cur: duckdb.DuckDBPyConnection) -> str | None:
    """One stored hash (of the lowest id): its bcrypt cost is the one in use."""
    row = cur.execute("SELECT password_hash FROM users ORDER BY id LIMIT 1").fetchone()
    return str(row[0]) if row else None
