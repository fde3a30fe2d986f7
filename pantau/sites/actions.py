"""What people do to a penataan site: move its status, sweep it, hand it over.

Each action takes the acting user, checks permission on the stored site's area
and the workflow table, and writes the site, its sweep or photo rows and their
events in one transaction, against the version the user loaded.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import duckdb

from pantau.access.permissions import Actor, Area, event_user_id, require
from pantau.access.records import apply_change
from pantau.city import areas
from pantau.files import photos as photo_rules
from pantau.files.photos import Photo
from pantau.kernel.errors import InvalidInput, Label, NotFound, msg
from pantau.kernel.events import create_event
from pantau.kernel.vocab import SITE_OWNER_LEVELS
from pantau.kernel.workflow import check_site_move
from pantau.store import Database, tables
from pantau.store import events as event_store
from pantau.store.events import Event

SWEEP_RESULTS = ("tertib", "semrawut")
MAX_NOTE = 500
SWEEP_BACKDATE_DAYS = 7


def _area(stored: dict[str, Any]) -> Area:
    return Area(stored["kecamatan_kode"], stored["kelurahan_kode"])


def _note(note: str | None, required: bool, what: str) -> str | None:
    """`what` is the message key naming the change ("what_sweep_messy")."""
    text = (note or "").strip()
    if required and not text:
        raise InvalidInput("err_needs_note", {"note": msg("err_field_short_note")}, what=msg(what))
    if len(text) > MAX_NOTE:
        raise InvalidInput("err_note_too_long", {"note": msg("err_field_at_most", n=MAX_NOTE)})
    return text or None


def _photo_events(
    cur: duckdb.DuckDBPyConnection,
    photo: Photo | None,
    record_type: str,
    record_id: int,
    site_id: int,
    role: str,
    actor: Actor,
    now: datetime,
) -> list[Event]:
    if photo is None:
        return []
    photo_rules.attach(cur, photo, record_type, record_id, role, event_user_id(actor), now)
    return [
        Event(now, event_user_id(actor), "site", site_id, "photo", None, None, photo.sha256, role)
    ]


def check_status_change(
    actor: Actor, stored: dict[str, Any], target: str, note: str | None, has_photo: bool
) -> None:
    """Whether `actor` may move the stored site to `target` now, without writing.

    Raises NotAllowed or InvalidInput, as change_status would."""
    require(actor, "edit_site", _area(stored))
    text = _note(note, False, "what_status_change")
    check_site_move(stored["status"], target, note=text, has_photo=has_photo)


def change_status(
    db: Database,
    actor: Actor,
    site_id: int,
    expected_version: int,
    target: str,
    note: str | None,
    now: datetime,
    photo: Photo | None = None,
) -> dict[str, Any]:
    """Move a site along the workflow (a note always; a photo for `tertata`).

    Raises NotAllowed, InvalidInput (illegal move: names the allowed next states),
    NotFound, Conflict.
    """
    text = _note(note, False, "what_status_change")

    def check(stored: dict[str, Any]) -> None:
        check_status_change(actor, stored, target, note, has_photo=photo is not None)

    def also(cur: duckdb.DuckDBPyConnection, stored: dict[str, Any]) -> list[Event]:
        role = "sesudah" if target == "tertata" else "bukti"
        return _photo_events(cur, photo, "site", site_id, site_id, role, actor, now)

    return apply_change(
        db, actor, "site", "sites", site_id, expected_version, {"status": target}, now,
        check=check, action="status", note=text, also=also,
    )  # fmt: skip


def record_sweep(
    db: Database,
    actor: Actor,
    site_id: int,
    expected_version: int,
    result: str,
    note: str | None,
    now: datetime,
    swept_at: datetime | None = None,
    photo: Photo | None = None,
) -> dict[str, Any]:
    """Record a sweep (penyisiran) of a tidied site. A `semrawut` sweep reopens the
    site (status `kembali_semrawut`) and needs a note.

    `swept_at` (naive UTC, default now) may be up to SWEEP_BACKDATE_DAYS back, not
    in the future. Raises NotAllowed, InvalidInput, NotFound, Conflict.
    """
    if result not in SWEEP_RESULTS:
        raise InvalidInput("err_sweep_result_unknown", {"result": msg("err_field_sweep_result")})
    text = _note(note, result == "semrawut", "what_sweep_messy")
    at = swept_at or now
    if at > now + timedelta(minutes=5):
        raise InvalidInput("err_sweep_future", {"swept_at": msg("err_field_check_time")})
    if at < now - timedelta(days=SWEEP_BACKDATE_DAYS):
        raise InvalidInput(
            "err_sweep_too_old",
            {"swept_at": msg("err_field_old_data_admin")},
            days=SWEEP_BACKDATE_DAYS,
        )
    values: dict[str, Any] = {"last_sweep_at": at}
    if result == "semrawut":
        values["status"] = "kembali_semrawut"

    def check(stored: dict[str, Any]) -> None:
        require(actor, "sweep_site", _area(stored))
        if stored["status"] != "tertata":
            raise InvalidInput(
                "err_sweep_only_tidy",
                {"result": msg("err_field_status_via_workflow")},
                status=Label("site_status", stored["status"]),
            )
        if result == "semrawut":
            check_site_move(
                "tertata", "kembali_semrawut", note=text, has_photo=False, by_sweep=True
            )

    def also(cur: duckdb.DuckDBPyConnection, stored: dict[str, Any]) -> list[Event]:
        sweep = {
            "site_id": site_id,
            "swept_at": at,
            "result": result,
            "note": text,
            "user_id": event_user_id(actor),
            "created_at": now,
        }
        sweep_id = tables.insert(cur, "sweeps", sweep)
        assert sweep_id is not None
        return [
            create_event("sweep", sweep_id, sweep, now, event_user_id(actor), text),
            *_photo_events(cur, photo, "sweep", sweep_id, site_id, "bukti", actor, now),
        ]

    return apply_change(
        db, actor, "site", "sites", site_id, expected_version, values, now,
        check=check, action="sweep", note=f"Penyisiran: {result}" + (f" — {text}" if text else ""),
        also=also,
    )  # fmt: skip


def hand_over(
    db: Database,
    actor: Actor,
    site_id: int,
    expected_version: int,
    level: str,
    unit: str,
    reason: str | None,
    now: datetime,
) -> dict[str, Any]:
    """Hand a site to another owner level and unit, with a reason (an event each).

    Raises NotAllowed, InvalidInput, NotFound, Conflict.
    """
    if level not in SITE_OWNER_LEVELS:
        raise InvalidInput("err_level_unknown", {"owner_level": msg("err_field_from_list")})
    name = " ".join((unit or "").split())
    if not name or len(name) > 120:
        raise InvalidInput(
            "err_owner_unit_required",
            {
                "owner_unit": msg(
                    "err_field_owner_unit_eg", kecamatan=areas.kecamatan_list()[0].nama
                )
            },
        )
    text = _note(reason, True, "what_handover")

    def check(stored: dict[str, Any]) -> None:
        require(actor, "handover_site", _area(stored))
        if stored["owner_level"] == level and stored["owner_unit"] == name:
            raise InvalidInput("err_owner_unit_same", {"owner_unit": msg("err_field_other_unit")})

    return apply_change(
        db, actor, "site", "sites", site_id, expected_version,
        {"owner_level": level, "owner_unit": name}, now,
        check=check, action="handover", note=text,
    )  # fmt: skip


def add_photo(
    db: Database, actor: Actor, site_id: int, photo: Photo, role: str, now: datetime
) -> None:
    """Attach a photo (before/after/evidence) to a site. Raises NotAllowed, NotFound."""
    if role not in photo_rules.ROLES:
        raise InvalidInput("err_photo_role_unknown", {"role": msg("err_field_photo_roles")})
    with db.transaction() as cur:
        stored = tables.get(cur, "sites", site_id)
        if stored is None:
            raise NotFound("err_record_not_found", what=msg("record_site"), id=site_id)
        require(actor, "edit_site", _area(stored))
        events = _photo_events(cur, photo, "site", site_id, site_id, role, actor, now)
        event_store.append(cur, events)
