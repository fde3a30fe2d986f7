"""Events: how every change becomes history, and how history rebuilds a record.

A record's life in the log is one ``create`` event whose `new_value` is a JSON
snapshot of every tracked field, followed by one event per changed field
(``update``, ``status``, ``handover``, ``rejoin`` …). Replaying them in order
gives back the record exactly, as of any moment.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from pantau.store.events import Event

# Columns that are bookkeeping, not content, or secret: never tracked in the log.
UNTRACKED = frozenset({"id", "version", "updated_at", "password_hash"})


def serialise(value: Any) -> str | None:
    """The one text form a value takes in the log (also used to compare values)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.replace(tzinfo=None).isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).hex()
    return str(value)


def tracked(row: Mapping[str, Any]) -> dict[str, str | None]:
    return {k: serialise(v) for k, v in row.items() if k not in UNTRACKED}


def create_event(
    record_type: str,
    record_id: int,
    row: Mapping[str, Any],
    at: datetime,
    user_id: int | None,
    note: str | None = None,
) -> Event:
    snapshot = json.dumps(tracked(row), ensure_ascii=False, sort_keys=True)
    return Event(at, user_id, record_type, record_id, "create", None, None, snapshot, note)


def change_events(
    record_type: str,
    record_id: int,
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    at: datetime,
    user_id: int | None,
    action: str = "update",
    note: str | None = None,
) -> list[Event]:
    """One event per tracked field whose value differs between `before` and `after`."""
    old, new = tracked(before), tracked(after)
    return [
        Event(at, user_id, record_type, record_id, action, name, old.get(name), value, note)
        for name, value in new.items()
        if old.get(name) != value
    ]


def replay(events: Iterable[Mapping[str, Any]]) -> dict[str, str | None]:
    """Rebuild a record's tracked fields (as text) from its events, oldest first.

    Raises ValueError when the history does not start with a create event.
    """
    state: dict[str, str | None] | None = None
    for ev in events:
        if ev["action"] == "create":
            state = json.loads(str(ev["new_value"]))
            continue
        if state is None:
            raise ValueError("history does not start with a create event")
        if ev["field"] is not None:
            state[str(ev["field"])] = ev["new_value"]
    if state is None:
        raise ValueError("no create event")
    return state
