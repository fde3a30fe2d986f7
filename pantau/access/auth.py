"""Logging in with local accounts: bcrypt hashes, lockout after repeated failures.

The password is never stored, logged or put in an event.
"""

from __future__ import annotations

import secrets
import threading
from datetime import datetime, timedelta
from typing import Any

from pantau.access.passwords import DEFAULT_ROUNDS, bcrypt_cost, check_password, hash_password
from pantau.access.permissions import Actor
from pantau.city.timefmt import format_wib
from pantau.kernel.errors import Conflict, NotAllowed
from pantau.store import Database
from pantau.store import events as event_store
from pantau.store import users as user_store

MAX_FAILURES = 5
LOCK_MINUTES = 15
# Failures from all devices together that lock the account itself (see authenticate).
ACCOUNT_FAILURES = 50
_WRONG = "err_login_wrong"

# Sign-ins of this process are counted one at a time: eight sessions typing wrong
# passwords at once must all be counted (and none may see a write conflict).
_COUNTING = threading.Lock()
# Failures per (name, device), in memory: names with no account are counted like real
# ones, so that the lock message cannot tell which names exist.
_TRIES: dict[tuple[str, str], tuple[int, datetime | None]] = {}
_DUMMY_HASH: list[str] = []


def _dummy_hash(db: Database) -> str:
    """A hash of the cost the stored accounts use, to check against when the name is
    unknown, so an unknown name takes as long to refuse as a wrong password."""
    if not _DUMMY_HASH:
        stored = user_store.any_password_hash(db.cursor())
        rounds = bcrypt_cost(stored) if stored else DEFAULT_ROUNDS
        _DUMMY_HASH.append(hash_password(secrets.token_hex(8), rounds))
    return _DUMMY_HASH[0]


def _locked(until: datetime) -> NotAllowed:
    return NotAllowed("err_account_locked", n=MAX_FAILURES, until=format_wib(until))


def authenticate(
    db: Database, username: str, password: str, now: datetime, client: str = ""
) -> Actor:
    """The account for these credentials (`now` naive UTC; `client` the device's
    address, "" when unknown, as in the CLI).

    Raises NotAllowed. The answer never tells whether a name exists: an unknown
    name and a wrong password get the same message after the same bcrypt work, and
    an unknown name "locks" like a real one. Only the right password learns that an
    account is deactivated.

    Locks last LOCK_MINUTES. The fifth wrong password in a row from one device
    locks the account *for that device*, so nobody can lock the administrator out
    of the whole city by typing wrong passwords from elsewhere; the account itself
    locks after ACCOUNT_FAILURES wrong passwords from all devices together (a
    spread-out attack), and that lock is recorded in the event log, where an admin
    sees it. Without a known device every failure counts as from one device and the
    fifth locks the account.
    """
    name = username.strip()
    row = user_store.by_username(db.cursor(), name)
    right = check_password(password, row["password_hash"] if row else _dummy_hash(db))
    key = (name.lower(), client)
    with _COUNTING:
        failures, until = _TRIES.get(key, (0, None))
        if until is not None and until > now:
            raise _locked(until)
        if row is None:
            _count_device(key, failures, now)
            raise NotAllowed(_WRONG)
        account_limit = ACCOUNT_FAILURES if client else MAX_FAILURES
        for attempt in range(3):
            try:
                actor = _count(db, name, right, now, account_limit)
            except Conflict:  # an admin saved this account at the same moment
                if attempt == 2:
                    raise
                continue
            except NotAllowed as refusal:
                if refusal.key == _WRONG and client:
                    _count_device(key, failures, now)
                raise
            _TRIES.pop(key, None)
            return actor
    raise AssertionError("unreachable")


def _count_device(key: tuple[str, str], failures: int, now: datetime) -> None:
    failures += 1
    lock = now + timedelta(minutes=LOCK_MINUTES) if failures >= MAX_FAILURES else None
    if len(_TRIES) > 10_000:  # bounded: a flood of made-up names cannot grow it
        _TRIES.clear()
    _TRIES[key] = (0 if lock else failures, lock)


def forget_device_locks(username: str) -> None:
    """Lift every device's lock on `username` (an admin unlocked the account)."""
    with _COUNTING:
        for key in [k for k in _TRIES if k[0] == username.strip().lower()]:
            del _TRIES[key]


def _count(db: Database, name: str, right: bool, now: datetime, limit: int) -> Actor:
    refusal: NotAllowed | None = None
    with db.transaction() as cur:
        row = user_store.by_username(cur, name)  # re-read: the count is the stored one
        if row is None:
            raise NotAllowed(_WRONG)
        locked_until = row["locked_until"]
        if locked_until is not None and locked_until > now:
            raise _locked(locked_until)
        if not right:
            failures = int(row["failed_logins"]) + 1
            lock = now + timedelta(minutes=LOCK_MINUTES) if failures >= limit else None
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
                            f"{failures} kali salah kata sandi",
                        )
                    ],
                )
            refusal = NotAllowed(_WRONG)  # raised after COMMIT, or the failure rolls back
        elif not row["active"]:
            raise NotAllowed("err_account_deactivated")
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
        kota_kode=row.get("kota_kode"),
    )
