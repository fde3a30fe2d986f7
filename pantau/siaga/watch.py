"""One action per kelurahan: watch tasks ("jaga titik saat hujan/rob") for the pockets
a warning puts at risk, assigned to the kelurahan's groups, and the WhatsApp text
that tells the groups what, when, where and who.

The lurah (or the camat, or an admin) adjusts the draft — which pockets, which groups
— and confirms. A pocket is watched once per warning: confirming twice (a double
click, two people at once) plans nothing twice (`warning_watches` has one row per
warning and pocket).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pandas as pd

from pantau.access.permissions import Actor, Area, event_user_id, require
from pantau.city import areas
from pantau.city.timefmt import format_day, to_wib
from pantau.kernel.errors import Conflict, DuplicateKey, InvalidInput, msg
from pantau.kernel.events import create_event
from pantau.kernel.vocab import label
from pantau.siaga.warnings import covered, get_warning
from pantau.store.ports import Session, Store

WATCH_TASK_TYPE = "pantau_hujan"
WHEN_WORDS = {"rob": "rob", "hujan_lebat": "hujan", "kiriman": "banjir kiriman"}


@dataclass(frozen=True)
class WatchItem:
    pocket_id: int
    group_ids: tuple[int, ...]


@dataclass(frozen=True)
class WatchResult:
    created: tuple[int, ...]  # task ids planned now
    already: tuple[int, ...]  # pockets that were already watched for this warning


def draft_watch(pocket_ids: Sequence[int], group_ids: Sequence[int]) -> list[WatchItem]:
    """The default assignment: the pockets, in ranking order, to the groups in turn —
    one group per pocket, so each group knows which pocket is its own."""
    if not group_ids:
        return [WatchItem(int(p), ()) for p in pocket_ids]
    return [
        WatchItem(int(p), (int(group_ids[i % len(group_ids)]),)) for i, p in enumerate(pocket_ids)
    ]


def watch_title(warning: dict[str, Any], pocket_id: int, pocket_name: str | None) -> str:
    where = f"titik #{pocket_id}" + (f" {pocket_name}" if pocket_name else "")
    return f"Jaga {where} saat {WHEN_WORDS.get(str(warning['kind']), 'hujan/rob')}"[:120]


def organise_watch(
    db: Store,
    actor: Actor,
    warning_id: int,
    kelurahan: str,
    items: Sequence[WatchItem],
    now: datetime,
) -> WatchResult:
    """Plan one watch task per item, linked to the warning, at the start of its window
    (or now, when it has begun). Pockets already watched for this warning are left as
    they are. Raises NotAllowed (not the actor's kelurahan), InvalidInput (the warning
    is over or cancelled, a pocket or group elsewhere, a pocket without group),
    NotFound."""
    warning = get_warning(db, warning_id)
    kel = areas.kelurahan_by_kode().get(kelurahan)
    if kel is None or kelurahan not in covered(warning):
        raise InvalidInput("siaga_err_not_covered", {"kelurahan": msg("siaga_err_field_covered")})
    require(actor, "edit_community", Area(kel.kecamatan_kode, kel.kode))
    if warning["status"] != "aktif" or now >= warning["ends_at"]:
        raise InvalidInput("siaga_err_watch_over", {"warning": msg("siaga_err_field_over")})
    if not items:
        raise InvalidInput("err_check_marked", {"pockets": msg("siaga_err_field_pockets")})
    if any(not item.group_ids for item in items):
        raise InvalidInput("err_check_marked", {"groups": msg("siaga_err_field_groups")})
    s = db.read()
    places = s.siaga.pocket_places([i.pocket_id for i in items])
    place = {int(r["id"]): r for r in places.to_dict("records")}
    if any(place.get(i.pocket_id, {}).get("kelurahan_kode") != kelurahan for i in items):
        raise InvalidInput("err_check_marked", {"pockets": msg("err_field_same_kelurahan")})
    wanted = sorted({g for i in items for g in i.group_ids})
    found = s.siaga.group_rows(wanted)
    if any(found.get(g) != (kelurahan, True) for g in wanted):
        raise InvalidInput("err_task_groups_kelurahan", {"groups": msg("err_field_check")})
    planned_at = max(warning["starts_at"], now).replace(second=0, microsecond=0)
    try:
        with db.write() as tx:
            return _plan(tx, actor, warning, kel, items, place, planned_at, now)
    except (Conflict, DuplicateKey):
        # Another confirmation won the race (its plan committed first, or the key
        # refused ours at commit): what it planned stands, nothing is doubled.
        return WatchResult((), tuple(i.pocket_id for i in items))


def _plan(
    tx: Session,
    actor: Actor,
    warning: dict[str, Any],
    kel: areas.Kelurahan,
    items: Sequence[WatchItem],
    place: dict[int, Any],
    planned_at: datetime,
    now: datetime,
) -> WatchResult:
    watched = tx.siaga.watched_pockets(int(warning["id"]))
    created: list[int] = []
    already: list[int] = []
    events = []
    for item in items:
        if item.pocket_id in watched:
            already.append(item.pocket_id)
            continue
        name = place[item.pocket_id].get("name")
        row: dict[str, Any] = {
            "task_type": WATCH_TASK_TYPE,
            "title": watch_title(warning, item.pocket_id, None if pd.isna(name) else name),
            "pocket_id": item.pocket_id,
            "site_id": None,
            "kelurahan_kode": kel.kode,
            "kecamatan_kode": kel.kecamatan_kode,
            "planned_at": planned_at,
            "status": "direncanakan",
            "participants": None,
            "result_note": None,
            "series_id": None,
            "recurrence": None,
            "is_sample": False,
            "warning_id": int(warning["id"]),
            "created_at": now,
            "updated_at": now,
        }
        task_id = tx.records.insert("tasks", row)
        assert task_id is not None
        tx.community.link_groups(task_id, item.group_ids)
        tx.siaga.add_watch(int(warning["id"]), item.pocket_id, task_id, now)
        watched.add(item.pocket_id)
        events.append(create_event("task", task_id, row, now, event_user_id(actor)))
        created.append(task_id)
    tx.events.append(events)
    return WatchResult(tuple(created), tuple(already))


def watch_lines(db: Store, warning_id: int, kelurahan: str) -> pd.DataFrame:
    """The watch tasks of a warning in one kelurahan: pocket, point, groups, status."""
    return db.read().siaga.watches(warning_id, kelurahan)


def draft_lines(db: Store, items: Sequence[WatchItem], group_names: dict[int, str]) -> pd.DataFrame:
    """The lines a draft would give (for the text shown before confirming)."""
    places = db.read().siaga.pocket_places([i.pocket_id for i in items])
    place = {int(r["id"]): r for r in places.to_dict("records")}
    rows = []
    for item in items:
        p = place.get(item.pocket_id)
        if p is None:
            continue
        names = ", ".join(sorted(group_names.get(g, f"#{g}") for g in item.group_ids))
        rows.append(
            {
                "pocket_id": item.pocket_id,
                "pocket_name": p["name"],
                "lon": p["lon"],
                "lat": p["lat"],
                "groups": names,
            }
        )
    return pd.DataFrame(rows, columns=["pocket_id", "pocket_name", "lon", "lat", "groups"])


def _when(warning: dict[str, Any]) -> str:
    start, end = to_wib(warning["starts_at"]), to_wib(warning["ends_at"])
    first = f"{format_day(start.date(), 'id')} pukul {start:%H.%M}"
    if end.date() == start.date():
        return f"{first}–{end:%H.%M} WIB"
    return f"{first} s.d. {format_day(end.date(), 'id')} pukul {end:%H.%M} WIB"


def broadcast_text(
    warning: dict[str, Any], kelurahan_name: str, lines: pd.DataFrame, base_url: str = ""
) -> str:
    """A ready-to-paste WhatsApp message (Indonesian, for the groups): what, when,
    which pockets with map links, who watches which."""
    kind = label("warning_kind", str(warning["kind"]), "id")
    level = label("warning_level", str(warning["level"]), "id").upper()
    source = label("warning_source", str(warning["source"]), "id")
    ref = f" ({warning['source_ref']})" if warning.get("source_ref") else ""
    out = [
        f"*{level}: {kind.upper()} — Kel. {kelurahan_name}*",
        f"Waktu: {_when(warning)}",
        f"Sumber: {source}{ref}",
        "",
        "Titik yang dijaga:",
    ]
    for n, line in enumerate(lines.to_dict("records"), start=1):
        name = line.get("pocket_name")
        title = f"Titik #{int(line['pocket_id'])}" + (
            f" {name}" if name is not None and not pd.isna(name) else ""
        )
        out.append(f"{n}. {title} — dijaga: {line.get('groups') or '-'}")
        out.append(f"   Peta: https://www.google.com/maps?q={line['lat']:.6f},{line['lon']:.6f}")
        if base_url:
            out.append(f"   Detail: {base_url.rstrip('/')}/titik?id={int(line['pocket_id'])}")
    out += [
        "",
        "Mohon penjaga siap di titik masing-masing, cek saluran dan pompa, dan laporkan"
        " genangan (kedalaman dan foto) ke kelurahan. Utamakan keselamatan.",
    ]
    return "\n".join(out)
