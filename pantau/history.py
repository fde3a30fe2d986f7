"""A record's history for people: who changed what, when, from what to what.

Read from the append-only event log. Personal fields are masked for those who
may not see them (also inside the `create` snapshot); an account's history is
for admins and for the account itself.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from pantau.db import Database, tables
from pantau.db import events as event_store
from pantau.errors import NotAllowed
from pantau.permissions import Actor, Area, allowed
from pantau.privacy import HIDDEN, PERSONAL_FIELDS, is_personal, may_see_personal

_TABLES = {
    "site": "sites",
    "report": "reports",
    "pocket": "pockets",
    "task": "tasks",
    "group": "community_groups",
    "user": "users",
    "directive": "directives",
}


@dataclass(frozen=True)
class Entry:
    at: datetime
    who: str | None  # None: the system
    action: str
    field: str | None
    old: str | None
    new: str | None
    note: str | None


def record_history(
    db: Database, actor: Actor, record_type: str, record_id: int, *, presentation: bool = False
) -> list[Entry]:
    """Newest first. Raises NotAllowed for another person's account history."""
    cur = db.cursor()
    if record_type == "user" and actor.id != record_id and not allowed(actor, "manage_users"):
        raise NotAllowed("Riwayat akun hanya untuk admin dan pemilik akun.")
    stored = tables.get(cur, _TABLES[record_type], record_id) if record_type in _TABLES else None
    area = Area(
        (stored or {}).get("kecamatan_kode"),
        (stored or {}).get("kelurahan_kode"),
    )
    show_personal = may_see_personal(actor, area, presentation=presentation)
    entries: list[Entry] = []
    for row in event_store.history(cur, record_type, record_id):
        old, new = row["old_value"], row["new_value"]
        if not show_personal and is_personal(record_type, row["field"]):
            old, new = (HIDDEN if old else None), (HIDDEN if new else None)
        if not show_personal and row["action"] == "create" and new:
            new = _mask_snapshot(record_type, new)
        entries.append(
            Entry(
                at=row["occurred_at"],
                who=row["user_name"],
                action=str(row["action"]),
                field=row["field"],
                old=old,
                new=new,
                note=row["note"],
            )
        )
    return entries


def _mask_snapshot(record_type: str, snapshot: str) -> str:
    fields = PERSONAL_FIELDS.get(record_type)
    if not fields:
        return snapshot
    data = json.loads(snapshot)
    for name in fields & data.keys():
        if data[name] is not None:
            data[name] = HIDDEN
    return json.dumps(data, ensure_ascii=False, sort_keys=True)
