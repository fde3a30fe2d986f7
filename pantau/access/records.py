"""Saving a change to a record: version check, permission check on the stored row,
events in the same transaction, and a conflict message that names the winner.

Every form that edits a record carries the version it was loaded with. Saving over
a newer version fails with "Diubah oleh NAMA pada WAKTU — muat ulang", whether the
other save committed before this one started or raced it inside DuckDB.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from pantau.access.permissions import Actor, event_user_id
from pantau.city.timefmt import format_wib
from pantau.kernel.errors import Conflict, InvalidInput, Msg, NotFound, msg
from pantau.kernel.events import change_events
from pantau.store.ports import Event, Session, Store

_RECORD_TYPES = (
    "site", "report", "pocket", "task", "group", "user", "directive", "warning", "usulan",
)  # fmt: skip


def record_label(record_type: str) -> Msg:
    """The name of a record type ("Lokasi penataan"), as a message."""
    return msg(f"record_{record_type}" if record_type in _RECORD_TYPES else "record_data")


def stale(s: Session, record_type: str, record_id: int) -> Conflict:
    """The Conflict to raise when a save meets a newer version of the record."""
    last = s.events.last_change(record_type, record_id)
    what = record_label(record_type)
    if last is None:
        return Conflict("err_stale", what=what)
    at, name = last
    who = name or "sistem"
    return Conflict(
        "err_stale_by", changed_by=who, changed_at=at, what=what, who=who, when=format_wib(at)
    )


def apply_change(
    db: Store,
    actor: Actor,
    record_type: str,
    table: str,
    record_id: int,
    expected_version: int,
    values: Mapping[str, Any],
    now: datetime,
    *,
    check: Callable[[dict[str, Any]], None],
    action: str = "update",
    note: str | None = None,
    also: Callable[[Session, dict[str, Any]], list[Event]] | None = None,
) -> dict[str, Any]:
    """Write `values` to one record if it still has `expected_version`; return the row.

    `check(stored_row)` runs first inside the transaction and raises (NotAllowed,
    InvalidInput) to refuse. `also(cursor, stored_row)` writes what belongs with
    the change (a sweep row, a photo link) in the same transaction and returns its
    events. A save that changes nothing (and has no `also`) writes nothing.
    Raises NotFound, Conflict (naming who changed it and when), or what `check` raises.
    """
    try:
        with db.write() as s:
            before = s.records.get(table, record_id)
            if before is None:
                raise NotFound("err_record_not_found", what=record_label(record_type), id=record_id)
            stale_form = int(before["version"]) != expected_version
            try:
                check(before)
            except InvalidInput:
                # Checked against a newer state than the user saw: say that, not why
                # the newer state refuses the move.
                if stale_form:
                    raise stale(s, record_type, record_id) from None
                raise
            if stale_form:
                raise stale(s, record_type, record_id)
            after = {**before, **values}
            events = change_events(
                record_type, record_id, before, after, now, event_user_id(actor), action, note
            )
            extra = also(s, before) if also is not None else []
            if not events and not extra:
                return before
            written = dict(values)
            if "updated_at" in before:
                written["updated_at"] = now
            if not s.records.update_versioned(table, record_id, expected_version, written):
                raise stale(s, record_type, record_id)
            s.events.append([*events, *extra])
    except Conflict as exc:
        if exc.changed_at is None:  # DuckDB's own write-write conflict: name the winner
            raise stale(db.read(), record_type, record_id) from exc
        raise
    return {**after, **written, "version": expected_version + 1}
