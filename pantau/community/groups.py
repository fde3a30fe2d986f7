"""Community groups (RT/RW, LMK, FKDM, PKK, Karang Taruna, ormas) per kelurahan,
managed by the lurah (and camat, admin): add, change, deactivate, import."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import numpy as np
import pandas as pd

from pantau.access.permissions import Actor, Area, allowed, event_user_id, require
from pantau.access.records import apply_change
from pantau.city import areas
from pantau.kernel.errors import InvalidInput, Text
from pantau.kernel.events import create_event
from pantau.kernel.vocab import VOCABULARIES
from pantau.store import Database, tables
from pantau.store import events as event_store

PHONE_CHARS = set("0123456789+-() ")
COLUMNS = {
    "kelurahan": "kelurahan_kode",
    "kode_kelurahan": "kelurahan_kode",
    "kelurahan_kode": "kelurahan_kode",
    "jenis": "group_type",
    "group_type": "group_type",
    "nama": "name",
    "name": "name",
    "rw": "rw",
    "rt": "rt",
    "ketua": "contact_name",
    "kontak": "contact_name",
    "contact_name": "contact_name",
    "telepon": "contact_phone",
    "no_hp": "contact_phone",
    "contact_phone": "contact_phone",
}


def _types() -> dict[str, str]:
    out: dict[str, str] = {}
    for code, term in VOCABULARIES["group_type"].items():
        for key in (code, term.id, term.en, code.replace("_", " ")):
            out[key.strip().lower()] = code
    return out


def clean_group(values: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """Cleaned fields and the problems found (field -> message)."""
    problems: dict[str, str] = {}
    text = {
        k: "" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v).strip()
        for k, v in values.items()
    }
    kel = text.get("kelurahan_kode", "")
    by_name = {k.nama.lower(): k.kode for k in areas.kelurahan_list()}
    kel = by_name.get(kel.lower(), kel)
    if kel not in areas.kelurahan_by_kode():
        problems["kelurahan_kode"] = Text("imp_group_kelurahan")
    gtype = _types().get(text.get("group_type", "").lower())
    if gtype is None:
        problems["group_type"] = Text("imp_group_type")
    name = " ".join(text.get("name", "").split())
    if not name or len(name) > 120:
        problems["name"] = Text("imp_group_name")
    for field in ("rw", "rt"):
        value = text.get(field, "")
        if value and not (value.isdigit() and 1 <= int(value) <= 99):
            problems[field] = Text("imp_number_1_99")
    phone = text.get("contact_phone", "")
    if phone and (not set(phone) <= PHONE_CHARS or not 6 <= sum(c.isdigit() for c in phone) <= 15):
        problems["contact_phone"] = Text("imp_phone")
    contact = " ".join(text.get("contact_name", "").split())
    if len(contact) > 120:
        problems["contact_name"] = Text("imp_max_chars", n=120)
    clean = {
        "kelurahan_kode": kel,
        "group_type": gtype,
        "name": name,
        "rw": f"{int(text['rw']):02d}" if text.get("rw", "").isdigit() else None,
        "rt": f"{int(text['rt']):02d}" if text.get("rt", "").isdigit() else None,
        "contact_name": contact or None,
        "contact_phone": phone or None,
    }
    return clean, problems


def _area(kelurahan_kode: str) -> Area:
    return Area(areas.kelurahan(kelurahan_kode).kecamatan_kode, kelurahan_kode)


def add_group(db: Database, actor: Actor, values: dict[str, Any], now: datetime) -> int:
    """Add one group. Raises NotAllowed (other kelurahan), InvalidInput."""
    report = import_groups(db, actor, pd.DataFrame([values]), now)
    if report[1]:
        raise InvalidInput("err_check_group", {c: m for _, c, m in report[1]})
    return report[0][0]


MAX_IMPORT_ROWS = 5000


def _group_key(row: Mapping[Any, Any]) -> tuple[str, str, str]:
    """A group is the same when its kelurahan, type and name (case and spaces
    ignored) are."""
    name = " ".join(str(row["name"]).lower().split())
    return (str(row["kelurahan_kode"]), str(row["group_type"]), name)


def _duplicate_group(row: int) -> Text:
    if row == 0:
        return Text("imp_group_stored")
    return Text("imp_group_same_as_row", row=row)


def import_groups(
    db: Database, actor: Actor, frame: pd.DataFrame, now: datetime
) -> tuple[list[int], list[tuple[int, str, str]]]:
    """Add every row, or none: (new ids, problems as (row, column, message)). Each row's
    kelurahan must be one the actor manages; a group already stored (or twice in the
    file) is refused, so importing a file twice adds nothing; at most MAX_IMPORT_ROWS."""
    frame = frame.rename(
        columns={c: COLUMNS.get(str(c).strip().lower().replace(" ", "_"), c) for c in frame.columns}
    )
    problems: list[tuple[int, str, str]] = []
    for column in ("kelurahan_kode", "group_type", "name"):
        if column not in frame.columns:
            problems.append((1, column, Text("imp_required_column")))
    if problems:
        return [], problems
    if len(frame) > MAX_IMPORT_ROWS:
        return [], [(1, "-", Text("imp_too_many_rows", limit=MAX_IMPORT_ROWS))]
    stored = tables.read(db.cursor(), "community_groups", ["kelurahan_kode", "group_type", "name"])
    seen: dict[tuple[str, str, str], int] = {
        _group_key(r): 0 for r in stored.to_dict("records")
    }  # row 0: already stored
    rows = []
    for i, values in enumerate(frame.to_dict("records")):
        clean, bad = clean_group({str(k): v for k, v in values.items()})
        problems += [(i + 2, c, m) for c, m in bad.items()]
        if "kelurahan_kode" not in bad and not allowed(
            actor, "edit_community", _area(clean["kelurahan_kode"])
        ):
            problems.append((i + 2, "kelurahan_kode", Text("imp_not_your_kelurahan")))
        if not bad:
            key = _group_key(clean)
            if key in seen:
                problems.append((i + 2, "name", _duplicate_group(seen[key])))
            else:
                seen[key] = i + 2
        rows.append(clean)
    if problems:
        return [], problems
    if not rows:
        return [], [(1, "-", "berkas tidak berisi baris data")]
    ids = []
    with db.transaction() as cur:
        events = []
        for clean in rows:
            row = {**clean, "active": True, "is_sample": False, "created_at": now}
            group_id = tables.insert(cur, "community_groups", row)
            assert group_id is not None
            ids.append(group_id)
            events.append(create_event("group", group_id, row, now, event_user_id(actor)))
        event_store.append(cur, events)
    return ids, []


def update_group(
    db: Database,
    actor: Actor,
    group_id: int,
    expected_version: int,
    values: dict[str, Any],
    now: datetime,
) -> dict[str, Any]:
    """Change a group's fields (not its kelurahan) or deactivate it (`active`).
    Raises NotAllowed, InvalidInput, NotFound, Conflict."""
    active = values.pop("active", None)

    def check(stored: dict[str, Any]) -> None:
        require(actor, "edit_community", _area(stored["kelurahan_kode"]))

    stored = tables.get(db.cursor(), "community_groups", group_id)
    base = {**(stored or {}), **values}
    clean, bad = clean_group(base)
    if bad:
        raise InvalidInput("err_check_group", bad)
    clean.pop("kelurahan_kode")
    if active is not None:
        clean["active"] = bool(active)
    return apply_change(
        db,
        actor,
        "group",
        "community_groups",
        group_id,
        expected_version,
        clean,
        now,
        check=check,
    )
