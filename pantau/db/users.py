"""Accounts: reading them and recording login outcomes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import duckdb

_COLUMNS = (
    "id, username, display_name, password_hash, role, kecamatan_kode, kelurahan_kode, active,"
    " default_password, failed_logins, locked_until, last_login_at, version"
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
