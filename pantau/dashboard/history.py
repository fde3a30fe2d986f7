"""A record's history for people: who changed what, when, from what to what — every
field by its name and every value as people read it (labels, WIB times), in the
user's language.

Read from the append-only event log. Personal fields are masked for those who
may not see them (also inside the `create` snapshot); an account's history is
for admins and for the account itself.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

from pantau.access.permissions import Actor, Area, allowed
from pantau.access.privacy import HIDDEN, PERSONAL_FIELDS, is_personal, may_see_personal
from pantau.city import areas
from pantau.city.timefmt import format_short_day, format_wib
from pantau.kernel.errors import NotAllowed
from pantau.kernel.i18n import known as is_message
from pantau.kernel.i18n import t
from pantau.kernel.vocab import label
from pantau.store import Database, tables
from pantau.store import events as event_store

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
        raise NotAllowed("err_account_history")
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


# How a stored value reads for people. The log holds text: codes, ISO times in UTC,
# "true"/"false", ids.
_VOCAB_OF: dict[tuple[str, str], str] = {
    ("site", "status"): "site_status",
    ("report", "status"): "report_status",
    ("task", "status"): "task_status",
    ("site", "category"): "site_category",
    ("report", "cause"): "cause",
    ("report", "source"): "report_source",
    ("task", "task_type"): "task_type",
    ("group", "group_type"): "group_type",
    ("user", "role"): "role",
}
_TIMES = frozenset(
    {
        "created_at", "observed_at", "verified_at", "handled_at", "receded_at", "closed_at",
        "last_sweep_at", "planned_at", "locked_until", "last_login_at", "answered_at",
    }
)  # fmt: skip
_DAYS = frozenset({"target_date", "due_date"})
_REFERENCES = frozenset(
    {"duplicate_of", "pocket_id", "site_id", "series_id", "author_id", "answered_by"}
)
# Actions that read as one phrase whatever fields they touched.
_WHOLE_ACTIONS = frozenset({"create", "reset_password", "password", "unlock"})
_ACTION_TEXT = {
    "create": "history_recorded",
    "reset_password": "history_one_time_password",
    "password": "history_password",
    "lock": "history_lock",
    "unlock": "history_unlock",
    "retire": "history_retired",
    "answer": "history_answered",
    "import": "history_import",
    "rejoin": "history_rejoin",
    "confirm_place": "history_confirm_place",
    "move_place": "history_move_place",
    "photo": "history_photo_added",
    "sweep": "history_swept",
}


def field_label(field: str, lang: str = "id") -> str:
    """A field's name for people; an unknown field reads as its words, never raw."""
    key = f"hf_{field}"
    if is_message(key):
        return t(key, lang)
    return field.replace("_", " ").capitalize()


def value_text(record_type: str, field: str | None, value: str | None, lang: str = "id") -> str:
    """A stored value as people read it: labels for codes, WIB times to the minute,
    days, Ya/Tidak, area names, #id for references; '–' for nothing."""
    if value is None or value == "":
        return "–"
    if value == HIDDEN:
        return value
    if field is None:
        return value
    if value in ("true", "false"):
        return t("history_yes" if value == "true" else "history_no", lang)
    vocabulary = _VOCAB_OF.get((record_type, field))
    if field == "owner_level":
        vocabulary = "owner_level"
    if vocabulary:
        return label(vocabulary, value, lang)
    try:
        if field in _TIMES:
            return format_wib(datetime.fromisoformat(value), lang)
        if field in _DAYS:
            return format_short_day(date.fromisoformat(value[:10]), lang)
    except ValueError:
        return value
    if field in _REFERENCES:
        return f"#{value}"
    if field == "kelurahan_kode":
        known = areas.kelurahan_by_kode().get(value)
        return known.nama if known else value
    if field == "kecamatan_kode":
        names = {k.kode: k.nama for k in areas.kecamatan_list()}
        return names.get(value, value)
    if field == "placement" and is_message(f"history_place_{value}"):
        return t(f"history_place_{value}", lang)
    if field == "line_wkb":
        return t("history_changed", lang)
    return value


def describe(record_type: str, entry: Entry, lang: str = "id") -> str:
    """One line saying what an event changed, in the user's language."""
    if entry.action == "photo":
        role_key = f"photo_role_{entry.note}"
        if is_message(role_key):
            return t("history_photo_added_role", lang, role=t(role_key, lang))
        return t("history_photo_added", lang)
    if entry.action == "lock" and entry.new and entry.new != HIDDEN:
        return t(
            "history_locked", lang, until=value_text(record_type, "locked_until", entry.new, lang)
        )
    if entry.field is None or entry.action in _WHOLE_ACTIONS:
        key = _ACTION_TEXT.get(entry.action)
        return t(key, lang) if key else entry.action.replace("_", " ").capitalize()
    if entry.field == "last_sweep_at":
        return t("history_swept", lang)
    old = value_text(record_type, entry.field, entry.old, lang)
    new = value_text(record_type, entry.field, entry.new, lang)
    return f"{field_label(entry.field, lang)}: {old} → {new}"


# Notes the core itself writes on events (stored in Indonesian), read in the user's language.
_SYSTEM_NOTES = {
    "Akun dibuat": "history_note_account_created",
    "Akun demo": "history_note_demo_account",
    "Data contoh": "history_note_sample",
    "Impor berkas": "history_note_file_import",
    "Dikonfirmasi di luar batas wilayah": "history_note_confirmed_outside",
    "Dipindah ke dalam batas wilayah": "history_note_moved_inside",
}


def note_text(entry: Entry, lang: str = "id") -> str:
    """The person's note on the event (a photo's note is its role, already described);
    a note the core wrote itself is given in `lang`."""
    if entry.action == "photo":
        return ""
    key = _SYSTEM_NOTES.get(entry.note or "")
    return t(key, lang) if key else (entry.note or "")


def history_rows(
    record_type: str, entries: list[Entry], lang: str = "id"
) -> list[tuple[str, str, str, str]]:
    """(when in WIB, who, what changed, note) per event, newest first; one action that
    set several flags the same way reads as one line."""
    rows: list[tuple[str, str, str, str]] = []
    for e in entries:
        row = (
            format_wib(e.at, lang),
            e.who or t("history_system", lang),
            describe(record_type, e, lang),
            note_text(e, lang),
        )
        if not rows or rows[-1] != row:
            rows.append(row)
    return rows
