"""Logging in with local accounts: bcrypt hashes, lockout after repeated failures.

The password is never stored, logged or put in an event.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from pantau.db import Database
from pantau.db import events as event_store
from pantau.db import users as user_store
from pantau.errors import NotAllowed
from pantau.passwords import check_password
from pantau.permissions import Actor
from pantau.timefmt import format_wib

MAX_FAILURES = 5
LOCK_MINUTES = 15
_WRONG = "Nama pengguna atau kata sandi salah."


def authenticate(db: Database, username: str, password: str, now: datetime) -> Actor:
    """The account for these credentials (`now` naive UTC).

    Raises NotAllowed with one message for an unknown name or a wrong password
    (not telling which), and a distinct one for a locked or deactivated account.
    The fifth wrong password in a row locks the account for LOCK_MINUTES; the lock
    is recorded in the event log, where an admin sees it.
    """
    refusal: NotAllowed | None = None
    with db.transaction() as cur:
        row = user_store.by_username(cur, username.strip())
        if row is None:
            raise NotAllowed(_WRONG)
        if not row["active"]:
            raise NotAllowed("Akun ini sudah dinonaktifkan. Hubungi admin.")
        locked_until = row["locked_until"]
        if locked_until is not None and locked_until > now:
            raise NotAllowed(
                f"Akun terkunci karena {MAX_FAILURES} kali salah kata sandi, sampai "
                f"{format_wib(locked_until)}. Hubungi admin untuk membukanya lebih cepat."
            )
        if not check_password(password, row["password_hash"]):
            failures = int(row["failed_logins"]) + 1
            lock = now + timedelta(minutes=LOCK_MINUTES) if failures >= MAX_FAILURES else None
            user_store.record_failure(cur, row["id"], 0 if lock else failures, lock)
            if lock:
                event_store.append(
                    cur,
                    [
                        event_store.Event(
                            now,
                            None,
                            "user",
                            int(row["id"]),
                            "lock",
                            "locked_until",
                            None,
                            lock.isoformat(sep=" "),
                            f"{MAX_FAILURES} kali salah kata sandi",
                        )
                    ],
                )
            refusal = NotAllowed(_WRONG)  # raised after COMMIT, or the failure rolls back
        else:
            user_store.record_success(cur, row["id"], now)
    if refusal is not None:
        raise refusal
    return _actor(row)


def current(db: Database, actor: Actor) -> Actor | None:
    """The actor as the database has it now: None once the account is deactivated or
    gone, so that a session ends with the account; role and area changes apply at once."""
    row = user_store.by_username(db.cursor(), actor.username)
    if row is None or not row["active"] or int(row["id"]) != actor.id:
        return None
    return _actor(row)


def must_change_password(db: Database, actor: Actor) -> bool:
    """True while the account still uses a one-time password from an admin."""
    row = user_store.by_username(db.cursor(), actor.username)
    return bool(row and row["must_change_password"])


def has_accounts(db: Database) -> bool:
    return user_store.count_active(db.cursor()) > 0


def default_password_accounts(db: Database) -> list[str]:
    """Active accounts that still use a published demo password."""
    return user_store.with_default_password(db.cursor())


def _actor(row: dict[str, Any]) -> Actor:
    return Actor(
        id=int(row["id"]),
        username=str(row["username"]),
        display_name=str(row["display_name"]),
        role=str(row["role"]),
        kecamatan_kode=row["kecamatan_kode"],
        kelurahan_kode=row["kelurahan_kode"],
    )
