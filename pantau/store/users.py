"""Accounts: reading them and recording login outcomes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pantau.store.cursor import Cursor

_COLUMNS = (
    "id, username, display_name, password_hash, role, kecamatan_kode, kelurahan_kode, kota_kode,"
    " active,"
    " default_password, must_change_password, failed_logins, locked_until, last_login_at,"
    " version"
)


class UserRepo:
    """User accounts and sign-in bookkeeping (`session.users`). Bound to one cursor."""

    def __init__(self, cur: Cursor) -> None:
        self._cur = cur

    def by_username(self, username: str) -> dict[str, Any] | None:
        self._cur.execute(
            f"SELECT {_COLUMNS} FROM users WHERE lower(username) = lower(?)",  # noqa: S608
            [username],
        )
        row = self._cur.fetchone()
        if row is None:
            return None
        return dict(zip(_COLUMNS.replace(" ", "").split(","), row, strict=True))

    def record_failure(self, user_id: int, failures: int, locked_until: datetime | None) -> None:
        self._cur.execute(
            "UPDATE users SET failed_logins = ?, locked_until = ?, version = version + 1"
            " WHERE id = ?",
            [failures, locked_until, user_id],
        )

    def record_success(self, user_id: int, at: datetime) -> None:
        self._cur.execute(
            "UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = ?,"
            " version = version + 1 WHERE id = ?",
            [at, user_id],
        )

    def set_password(self, user_id: int, password_hash: str, *, must_change: bool) -> None:
        self._cur.execute(
            "UPDATE users SET password_hash = ?, must_change_password = ?,"
            " default_password = FALSE,"
            " failed_logins = 0, locked_until = NULL, version = version + 1 WHERE id = ?",
            [password_hash, must_change, user_id],
        )

    def listing(self) -> list[dict[str, Any]]:
        names = [n for n in _COLUMNS.replace(" ", "").split(",") if n != "password_hash"]
        fetched = self._cur.execute(
            f"SELECT {', '.join(names)} FROM users ORDER BY lower(username)"  # noqa: S608
        ).fetchall()
        return [dict(zip(names, row, strict=True)) for row in fetched]

    def active_admins(self) -> list[int]:
        rows = self._cur.execute("SELECT id FROM users WHERE role = 'admin' AND active").fetchall()
        return [int(r[0]) for r in rows]

    def with_default_password(self) -> list[str]:
        rows = self._cur.execute(
            "SELECT username FROM users WHERE active AND default_password ORDER BY username"
        ).fetchall()
        return [str(r[0]) for r in rows]

    def count_active(self) -> int:
        row = self._cur.execute("SELECT count(*) FROM users WHERE active").fetchone()
        return int(row[0]) if row else 0

    def any_password_hash(self) -> str | None:
        row = self._cur.execute("SELECT password_hash FROM users ORDER BY id LIMIT 1").fetchone()
        return str(row[0]) if row else None
