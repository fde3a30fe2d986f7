"""Account administration: create, change, reset, deactivate, unlock — all logged.

Only `admin` may manage accounts (checked here, not in the page). Passwords an
admin hands out are one-time passwords: shown once, stored as a bcrypt hash, and
replaced by the user at the next login. Hashes never reach the event log.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pantau.access.auth import forget_device_locks
from pantau.access.passwords import DEFAULT_ROUNDS, check_password, hash_password, one_time_password
from pantau.access.permissions import Actor, event_user_id, require
from pantau.access.records import apply_change
from pantau.city import areas
from pantau.city.seam import current
from pantau.kernel.errors import InvalidInput, NotAllowed, NotFound, msg
from pantau.kernel.events import change_events, create_event
from pantau.kernel.vocab import codes
from pantau.store import Database, tables
from pantau.store import events as event_store
from pantau.store import users as user_store

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,31}$")
MIN_PASSWORD = 10


@dataclass(frozen=True)
class Placement:
    """A role with the area it is scoped to (codes already checked)."""

    role: str
    kecamatan_kode: str | None
    kelurahan_kode: str | None
    kota_kode: str | None = None


def placement(
    role: str,
    kecamatan_kode: str | None,
    kelurahan_kode: str | None,
    kota_kode: str | None = None,
) -> Placement:
    """Check that a role has exactly the area it needs: a kecamatan for `camat`, a
    kelurahan for `lurah` (its kecamatan follows), none for city-wide roles — except
    that in a province-wide database a `pimpinan` may be scoped to one kota.

    Raises InvalidInput naming the field.
    """
    kota = (kota_kode or "").strip() or None
    if kota is not None:
        here = current()
        if role != "pimpinan" or here.level != "provinsi":
            raise InvalidInput(
                "err_kota_province_only",
                {"kota_kode": msg("err_field_clear_kota")},
            )
        if kota not in here.kota_kode_set:
            raise InvalidInput(
                "err_kota_unknown",
                {
                    "kota_kode": msg(
                        "err_field_choose_kota",
                        kota=", ".join(f"{k.kode} {k.nama}" for k in here.kota),
                    )
                },
                kota=kota,
            )
        return Placement(role, None, None, kota)
    if role not in codes("role"):
        raise InvalidInput("err_role_unknown", {"role": msg("err_field_role_from_list")})
    kec = (kecamatan_kode or "").strip() or None
    kel = (kelurahan_kode or "").strip() or None
    if role == "lurah":
        known = areas.kelurahan_by_kode()
        if kel is None or kel not in known:
            raise InvalidInput(
                "err_lurah_one_kelurahan",
                {"kelurahan_kode": msg("err_field_kelurahan_of")},
            )
        return Placement(role, known[kel].kecamatan_kode, kel)
    if role == "camat":
        if kec not in {k.kode for k in areas.kecamatan_list()}:
            raise InvalidInput(
                "err_camat_one_kecamatan",
                {"kecamatan_kode": msg("err_field_kecamatan_of")},
            )
        return Placement(role, kec, None)
    return Placement(role, None, None)


def _clean_name(display_name: str) -> str:
    name = " ".join(display_name.split())
    if not name:
        raise InvalidInput("err_name_required", {"display_name": msg("err_field_full_name")})
    if len(name) > 80:
        raise InvalidInput("err_name_too_long", {"display_name": msg("err_field_max_80")})
    return name


def create_user(
    db: Database,
    actor: Actor,
    now: datetime,
    username: str,
    display_name: str,
    role: str,
    kecamatan_kode: str | None = None,
    kelurahan_kode: str | None = None,
    *,
    rounds: int = DEFAULT_ROUNDS,
    kota_kode: str | None = None,
) -> tuple[int, str]:
    """Create an account; return its id and the one-time password (show it once).

    Raises NotAllowed (not admin) or InvalidInput (bad name, taken name, role/area).
    """
    require(actor, "manage_users")
    name = username.strip().lower()
    if not USERNAME.match(name):
        raise InvalidInput(
            "err_username_invalid",
            {"username": msg("err_field_username_rule")},
        )
    place = placement(role, kecamatan_kode, kelurahan_kode, kota_kode)
    shown = _clean_name(display_name)
    password = one_time_password()
    row: dict[str, Any] = {
        "username": name,
        "display_name": shown,
        "password_hash": hash_password(password, rounds),
        "role": place.role,
        "kecamatan_kode": place.kecamatan_kode,
        "kelurahan_kode": place.kelurahan_kode,
        "kota_kode": place.kota_kode,
        "active": True,
        "default_password": False,
        "must_change_password": True,
        "created_at": now,
    }
    with db.transaction() as cur:
        if user_store.by_username(cur, name) is not None:
            raise InvalidInput("err_username_taken", {"username": msg("err_field_other_name")})
        user_id = tables.insert(cur, "users", row)
        assert user_id is not None
        event_store.append(
            cur, [create_event("user", user_id, row, now, event_user_id(actor), "Akun dibuat")]
        )
    return user_id, password


def list_users(db: Database, actor: Actor) -> list[dict[str, Any]]:
    """Every account (without hashes). Raises NotAllowed unless admin."""
    require(actor, "manage_users")
    return user_store.listing(db.cursor())


def update_user(
    db: Database,
    actor: Actor,
    now: datetime,
    user_id: int,
    expected_version: int,
    display_name: str,
    role: str,
    kecamatan_kode: str | None = None,
    kelurahan_kode: str | None = None,
    kota_kode: str | None = None,
) -> dict[str, Any]:
    """Change name, role and area. Raises NotAllowed, InvalidInput, NotFound, Conflict."""
    place = placement(role, kecamatan_kode, kelurahan_kode, kota_kode)
    values = {
        "display_name": _clean_name(display_name),
        "role": place.role,
        "kecamatan_kode": place.kecamatan_kode,
        "kelurahan_kode": place.kelurahan_kode,
        "kota_kode": place.kota_kode,
    }
    return _change(db, actor, now, user_id, expected_version, values, leaves_admin=role != "admin")


def set_active(
    db: Database, actor: Actor, now: datetime, user_id: int, expected_version: int, active: bool
) -> dict[str, Any]:
    """Deactivate (or reactivate) an account. Raises NotAllowed, NotFound, Conflict."""
    note = "Akun diaktifkan kembali" if active else "Akun dinonaktifkan"
    return _change(
        db, actor, now, user_id, expected_version, {"active": active}, not active, note=note
    )


def _change(
    db: Database,
    actor: Actor,
    now: datetime,
    user_id: int,
    expected_version: int,
    values: dict[str, Any],
    leaves_admin: bool,
    note: str | None = None,
) -> dict[str, Any]:
    def check(stored: dict[str, Any]) -> None:
        require(actor, "manage_users")
        if leaves_admin and stored["role"] == "admin" and stored["active"]:
            if stored["id"] == actor.id:
                raise NotAllowed("err_own_account_role")
            if len(user_store.active_admins(db.cursor())) <= 1:
                raise NotAllowed("err_last_admin")

    return apply_change(
        db, actor, "user", "users", user_id, expected_version, values, now, check=check, note=note
    )


def reset_password(
    db: Database, actor: Actor, now: datetime, user_id: int, *, rounds: int = DEFAULT_ROUNDS
) -> str:
    """Give the account a new one-time password (returned, to show once); unlocks it.

    Raises NotAllowed unless admin, NotFound.
    """
    require(actor, "manage_users")
    password = one_time_password()
    hashed = hash_password(password, rounds)
    with db.transaction() as cur:
        stored = tables.get(cur, "users", user_id)
        if stored is None:
            raise NotFound("err_record_not_found", what=msg("record_user"), id=user_id)
        user_store.set_password(cur, user_id, hashed, must_change=True)
        event_store.append(cur, _password_events(stored, now, actor, "reset_password", True))
    return password


def unlock(db: Database, actor: Actor, now: datetime, user_id: int) -> None:
    """Lift a lock from repeated failed logins. Raises NotAllowed, NotFound."""
    require(actor, "manage_users")
    with db.transaction() as cur:
        stored = tables.get(cur, "users", user_id)
        if stored is None:
            raise NotFound("err_record_not_found", what=msg("record_user"), id=user_id)
        after = {**stored, "locked_until": None, "failed_logins": 0}
        user_store.record_failure(cur, user_id, 0, None)
        event_store.append(
            cur,
            change_events(
                "user", user_id, stored, after, now, event_user_id(actor), "unlock", "Dibuka admin"
            ),
        )
    forget_device_locks(str(stored["username"]))


def change_own_password(
    db: Database,
    actor: Actor,
    now: datetime,
    current: str,
    new: str,
    *,
    rounds: int = DEFAULT_ROUNDS,
) -> None:
    """Replace the actor's own password. Raises InvalidInput naming the field."""
    if len(new) < MIN_PASSWORD:
        raise InvalidInput(
            "err_password_short",
            {"new": msg("err_field_min_chars", n=MIN_PASSWORD)},
        )
    if new == current:
        raise InvalidInput("err_password_same", {"new": msg("err_field_other")})
    if new.lower().startswith("demo-"):
        raise InvalidInput("err_password_demo", {"new": msg("err_field_other")})
    with db.transaction() as cur:
        stored = tables.get(cur, "users", actor.id)
        if stored is None or not stored["active"]:
            raise NotAllowed("err_account_inactive")
        if not check_password(current, str(stored["password_hash"])):
            raise InvalidInput(
                "err_password_current_wrong", {"current": msg("err_field_check_again")}
            )
        user_store.set_password(cur, actor.id, hash_password(new, rounds), must_change=False)
        event_store.append(cur, _password_events(stored, now, actor, "password", False))


def _password_events(
    stored: dict[str, Any], now: datetime, actor: Actor, action: str, must_change: bool
) -> list[event_store.Event]:
    after = {
        **stored,
        "must_change_password": must_change,
        "default_password": False,
        "failed_logins": 0,
        "locked_until": None,
    }
    note = "Kata sandi sekali pakai dibuat" if must_change else "Kata sandi diganti"
    events = change_events(
        "user", int(stored["id"]), stored, after, now, event_user_id(actor), action, note
    )
    # The password itself is never logged; this row says that it changed.
    return [
        event_store.Event(
            now, event_user_id(actor), "user", int(stored["id"]), action, "password", note=note
        ),
        *events,
    ]
