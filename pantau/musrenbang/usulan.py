"""Usulan for musrenbang: evidence-based proposals, ranked the way the forum ranks them.

A lurah drafts the kelurahan's usulan (by hand, or in one action from a chronic pocket
or a repeatedly regressed site, with the evidence filled in), orders them and forwards
at most FORWARD_LIMIT per year; a camat orders the forwarded ones of the kecamatan and
marks at most PRIORITY_LIMIT as kecamatan priorities; the city accepts or does not
accept them, with a reason. Who may do which move is the permission table's
(`draft_usulan`, `forward_usulan`, `prioritise_usulan`, `decide_usulan`); which moves
exist is the transition table's (`pantau.kernel.workflow.USULAN_TRANSITIONS`). Every write
is versioned and logged.

The musrenbang year is the WIB year of the moment the usulan is drafted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pandas as pd

from pantau.access.permissions import Actor, Area, event_user_id, require
from pantau.access.records import apply_change, stale
from pantau.city import areas
from pantau.city.timefmt import wib_today
from pantau.floods.pockets import chronic_stats, chronic_window
from pantau.kernel.errors import DuplicateKey, InvalidInput, Label, Msg, NotFound, msg
from pantau.kernel.events import change_events, create_event
from pantau.kernel.vocab import codes, label
from pantau.kernel.workflow import check_usulan_reason, usulan_move
from pantau.musrenbang.evidence import dumps, gather
from pantau.store.ports import Event, Session, Store

FORWARD_LIMIT = 5  # usulan a kelurahan forwards per year
PRIORITY_LIMIT = 3  # kecamatan priorities per kecamatan and year
REPEAT_REGRESSIONS = 2  # regressions within the chronic window that make a site a candidate
TITLE_MAX = 150
TEXT_MAX = 500
# Every status once forwarded (counts against the kelurahan's five).
FORWARDED = tuple(s for s in codes("usulan_status") if s != "draft")
# What a drafted usulan proposes for a pocket, by its most common cause.
WORK_FOR_CAUSE = {
    "rob": "tanggul",
    "tanggul_bocor": "tanggul",
    "pompa_mati": "pompa",
    "saluran_tersumbat": "normalisasi_saluran",
    "luapan_kali": "normalisasi_saluran",
    "hujan_lebat": "biopori",
}
UNIT_FOR_WORK = {
    "normalisasi_saluran": "m",
    "pompa": "unit",
    "tanggul": "m",
    "biopori": "titik",
    "peninggian_jalan": "m2",
    "penataan": "paket",
    "lainnya": "paket",
}
WATER_OFFICE = "Sudin SDA"
ROAD_OFFICE = "Sudin Bina Marga"


def musrenbang_year(now: datetime) -> int:
    return wib_today(now).year


@dataclass(frozen=True)
class Draft:
    """What a person enters for an usulan (location: the kelurahan, RW/RT, a point, or
    the pocket or site it comes from)."""

    title: str
    work_type: str
    kelurahan_kode: str
    office: str = WATER_OFFICE
    rw: str | None = None
    rt: str | None = None
    lon: float | None = None
    lat: float | None = None
    pocket_id: int | None = None
    site_id: int | None = None
    volume: float | None = None
    unit: str | None = None
    budget: int | None = None
    participation: str | None = None


def _text(value: str | None) -> str | None:
    text = " ".join((value or "").split())
    return text or None


def validate(draft: Draft) -> dict[str, Any]:
    """The draft's values cleaned for storage; raises InvalidInput with a message per
    field that does not validate."""
    problems: dict[str, Msg] = {}
    title = _text(draft.title)
    if not title or len(title) > TITLE_MAX:
        problems["title"] = msg("err_field_usulan_title", limit=TITLE_MAX)
    if draft.work_type not in codes("usulan_work"):
        problems["work_type"] = msg("err_field_usulan_work")
    if draft.kelurahan_kode not in areas.kelurahan_by_kode():
        problems["kelurahan_kode"] = msg("err_field_choose_kelurahan")
    office = _text(draft.office)
    if not office or len(office) > 120:
        problems["office"] = msg("err_field_usulan_office")
    if draft.volume is not None and not draft.volume > 0:
        problems["volume"] = msg("err_field_usulan_volume")
    if draft.unit is not None and draft.unit not in codes("usulan_unit"):
        problems["unit"] = msg("err_field_usulan_unit")
    if draft.volume is not None and draft.unit is None:
        problems["unit"] = msg("err_field_usulan_unit")
    if draft.budget is not None and draft.budget < 0:
        problems["budget"] = msg("err_field_usulan_budget")
    for name in ("rw", "rt"):
        value = _text(getattr(draft, name))
        if value is not None and (not value.isdigit() or len(value) > 3):
            problems[name] = msg("err_field_usulan_rw_rt")
    participation = _text(draft.participation)
    if participation is not None and len(participation) > TEXT_MAX:
        problems["participation"] = msg("err_field_usulan_long", limit=TEXT_MAX)
    if (draft.lon is None) != (draft.lat is None):
        problems["lon"] = msg("err_field_usulan_point")
    if problems:
        raise InvalidInput("err_check_marked", problems)
    return {
        "title": title,
        "work_type": draft.work_type,
        "rw": _text(draft.rw),
        "rt": _text(draft.rt),
        "volume": float(draft.volume) if draft.volume is not None else None,
        "unit": draft.unit,
        "budget": int(draft.budget) if draft.budget is not None else None,
        "office": office,
        "participation": participation,
    }


def _area(kelurahan: str) -> Area:
    return Area(areas.kelurahan(kelurahan).kecamatan_kode, kelurahan)


def _stored_area(row: dict[str, Any]) -> Area:
    return Area(str(row["kecamatan_kode"]), str(row["kelurahan_kode"]))


def create_usulan(
    db: Store,
    actor: Actor,
    draft: Draft,
    now: datetime,
    *,
    source_key: str | None = None,
    sample: bool = False,
) -> int:
    """Draft an usulan (last in the kelurahan's order) with its evidence; return its id.

    With `source_key` (one per pocket or site and year) a second call returns the id
    of the first instead of drafting again. Raises NotAllowed, InvalidInput, NotFound.
    """
    values = validate(draft)
    require(actor, "draft_usulan", _area(draft.kelurahan_kode))
    year = musrenbang_year(now)
    try:
        with db.write() as s:
            if source_key is not None:
                found = s.usulan.by_source_key(source_key)
                if found is not None:
                    return found
            return _insert(s, actor, draft, values, year, now, source_key, sample)
    except DuplicateKey:
        # Two clicks raced past the check: the first one's usulan is the answer.
        found = db.read().usulan.by_source_key(source_key or "")
        if found is None:
            raise
        return found


def _insert(
    s: Session,
    actor: Actor,
    draft: Draft,
    values: dict[str, Any],
    year: int,
    now: datetime,
    source_key: str | None,
    sample: bool,
) -> int:
    lon, lat = draft.lon, draft.lat
    for kind, record_id in (("pocket", draft.pocket_id), ("site", draft.site_id)):
        if record_id is None:
            continue
        place = (
            s.usulan.pocket_record(record_id)
            if kind == "pocket"
            else s.usulan.site_record(record_id)
        )
        if place is None:
            raise NotFound("err_record_not_found", what=msg(f"record_{kind}"), id=record_id)
        if place["kelurahan_kode"] != draft.kelurahan_kode:
            raise InvalidInput(
                "err_usulan_place", {"kelurahan_kode": msg("err_field_same_kelurahan")}
            )
        if lon is None:
            lon, lat = float(place["lon"]), float(place["lat"])
    evidence = gather(s, now, draft.kelurahan_kode, draft.pocket_id, draft.site_id)
    row: dict[str, Any] = {
        **values,
        "year": year,
        "kelurahan_kode": draft.kelurahan_kode,
        "kecamatan_kode": areas.kelurahan(draft.kelurahan_kode).kecamatan_kode,
        "lon": lon,
        "lat": lat,
        "pocket_id": draft.pocket_id,
        "site_id": draft.site_id,
        "status": "draft",
        "kelurahan_rank": s.usulan.last_rank(year, draft.kelurahan_kode) + 1,
        "kecamatan_rank": None,
        "kecamatan_priority": False,
        "decision_reason": None,
        "evidence_json": dumps(evidence),
        "evidence_at": now,
        "source_key": source_key,
        "is_sample": sample,
        "created_at": now,
        "updated_at": now,
    }
    usulan_id = s.records.insert("usulan", row)
    assert usulan_id is not None
    s.events.append([create_event("usulan", usulan_id, row, now, event_user_id(actor))])
    return usulan_id


def edit_usulan(
    db: Store,
    actor: Actor,
    usulan_id: int,
    expected_version: int,
    draft: Draft,
    now: datetime,
) -> dict[str, Any]:
    """Save the fields of an usulan still in draft (its place stays). Raises NotAllowed,
    InvalidInput (also when it has been forwarded), NotFound, Conflict."""
    values = validate(draft)

    def check(stored: dict[str, Any]) -> None:
        require(actor, "draft_usulan", _stored_area(stored))
        if stored["status"] != "draft":
            raise InvalidInput(
                "err_usulan_locked",
                {"status": msg("err_field_usulan_pull_back")},
                status=Label("usulan_status", stored["status"]),
            )

    return apply_change(
        db, actor, "usulan", "usulan", usulan_id, expected_version, values, now, check=check
    )


def refresh_evidence(
    db: Store, actor: Actor, usulan_id: int, expected_version: int, now: datetime
) -> dict[str, Any]:
    """Recompute the evidence snapshot from the record as it is now (logged). Raises
    NotAllowed, NotFound, Conflict."""
    stored = db.read().usulan.usulan_record(usulan_id)
    if stored is None:
        raise NotFound("err_record_not_found", what=msg("record_usulan"), id=usulan_id)
    evidence = gather(
        db.read(), now, str(stored["kelurahan_kode"]), _id(stored["pocket_id"]),
        _id(stored["site_id"]),
    )  # fmt: skip

    def check(row: dict[str, Any]) -> None:
        require(actor, "draft_usulan", _stored_area(row))

    values = {"evidence_json": dumps(evidence), "evidence_at": now}
    return apply_change(
        db, actor, "usulan", "usulan", usulan_id, expected_version, values, now,
        check=check, action="evidence",
    )  # fmt: skip


def _id(value: Any) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def move_usulan(
    db: Store,
    actor: Actor,
    usulan_id: int,
    expected_version: int,
    target: str,
    now: datetime,
    reason: str | None = None,
) -> dict[str, Any]:
    """Move an usulan along the transition table: forward (at most FORWARD_LIMIT per
    kelurahan and year, with volume and unit), pull back, mark or unmark as kecamatan
    priority (at most PRIORITY_LIMIT per kecamatan and year), accept or not accept
    (with a reason). Raises NotAllowed, InvalidInput (naming the limit), NotFound,
    Conflict."""
    stored = db.read().usulan.usulan_record(usulan_id)
    if stored is None:
        raise NotFound("err_record_not_found", what=msg("record_usulan"), id=usulan_id)
    text = _text(reason)
    values: dict[str, Any] = {"status": target}
    if target == "diteruskan" and stored["status"] == "draft":
        year, kec = int(stored["year"]), str(stored["kecamatan_kode"])
        values["kecamatan_rank"] = db.read().usulan.last_kecamatan_rank(year, kec) + 1
    elif target == "draft":
        values.update(kecamatan_rank=None, kecamatan_priority=False)
    elif target == "prioritas":
        values["kecamatan_priority"] = True
    elif target == "diteruskan":
        values["kecamatan_priority"] = False
    else:
        values["decision_reason"] = text

    def check(row: dict[str, Any]) -> None:
        move = usulan_move(str(row["status"]), target)
        require(actor, move.action, _stored_area(row))
        check_usulan_reason(move, text)
        if (
            target == "diteruskan"
            and row["status"] == "draft"
            and (row["volume"] is None or row["unit"] is None or pd.isna(row["volume"]))
        ):
            raise InvalidInput("err_usulan_incomplete", {"volume": msg("err_field_usulan_volume")})

    def limits(s: Session, row: dict[str, Any]) -> list[Event]:
        # Counted inside the write's own transaction, so two forwards cannot both pass.
        year = int(row["year"])
        if target == "diteruskan" and row["status"] == "draft":
            n = s.usulan.count_with_status(year, FORWARDED, kelurahan=str(row["kelurahan_kode"]))
            if n >= FORWARD_LIMIT:
                raise InvalidInput(
                    "err_usulan_forward_limit",
                    {"status": msg("err_field_usulan_pull_one_back")},
                    limit=FORWARD_LIMIT,
                    year=year,
                )
        if target == "prioritas":
            n = s.usulan.count_priorities(year, str(row["kecamatan_kode"]))
            if n >= PRIORITY_LIMIT:
                raise InvalidInput(
                    "err_usulan_priority_limit",
                    {"status": msg("err_field_usulan_unmark_one")},
                    limit=PRIORITY_LIMIT,
                    year=year,
                )
        return []

    return apply_change(
        db, actor, "usulan", "usulan", usulan_id, expected_version, values, now,
        check=check, action="status", note=text, also=limits,
    )  # fmt: skip


def shift_usulan(
    db: Store,
    actor: Actor,
    usulan_id: int,
    expected_version: int,
    step: int,
    level: str,
    now: datetime,
) -> list[int]:
    """Move an usulan `step` places (-1 up, +1 down) in the lurah's order of the
    kelurahan (`level` "kelurahan") or in the camat's order of the kecamatan's
    forwarded usulan ("kecamatan"); the list is renumbered 1…n and each changed rank
    logged. Returns the ids in their new order. Raises NotAllowed, InvalidInput,
    NotFound, Conflict."""
    if level not in ("kelurahan", "kecamatan"):
        raise ValueError(f"unknown order {level!r}")
    column = f"{level}_rank"
    with db.write() as s:
        row = s.records.get("usulan", usulan_id)
        if row is None:
            raise NotFound("err_record_not_found", what=msg("record_usulan"), id=usulan_id)
        action = "forward_usulan" if level == "kelurahan" else "prioritise_usulan"
        require(actor, action, _stored_area(row))
        if int(row["version"]) != expected_version:
            raise stale(s, "usulan", usulan_id)
        if level == "kelurahan":
            order = s.usulan.ranked_ids(int(row["year"]), kelurahan=str(row["kelurahan_kode"]))
        else:
            if row["status"] == "draft":
                raise InvalidInput("err_usulan_not_forwarded", {"status": msg("err_field_check")})
            order = s.usulan.ranked_ids(
                int(row["year"]), kecamatan=str(row["kecamatan_kode"]), statuses=FORWARDED
            )
        ids = [i for i, _ in order]
        at = ids.index(usulan_id)
        to = max(0, min(len(ids) - 1, at + step))
        ids.insert(to, ids.pop(at))
        versions = dict(order)
        events = []
        for rank, rid in enumerate(ids, start=1):
            before = row if rid == usulan_id else s.records.get("usulan", rid)
            assert before is not None
            if before[column] == rank:
                continue
            after = {**before, column: rank}
            events += change_events(
                "usulan", rid, before, after, now, event_user_id(actor), action="rank"
            )
            if not s.records.update_versioned(
                "usulan", rid, versions[rid], {column: rank, "updated_at": now}
            ):
                raise stale(s, "usulan", rid)
        s.events.append(events)
    return ids


def list_usulan(
    db: Store,
    year: int,
    *,
    kecamatan: str | None = None,
    kelurahan: str | None = None,
    forwarded_only: bool = False,
) -> pd.DataFrame:
    """The usulan of a year in an area, in the lurah's order (or, `forwarded_only`, the
    forwarded ones in the camat's order). No personal data is held in an usulan."""
    frame = db.read().usulan.usulan_frame(
        year,
        kecamatan=kecamatan,
        kelurahan=kelurahan,
        statuses=FORWARDED if forwarded_only else (),
    )
    if forwarded_only and not frame.empty:
        frame = frame.sort_values(
            ["kecamatan_kode", "kecamatan_rank", "id"], na_position="last"
        ).reset_index(drop=True)
    return frame


def get_usulan(db: Store, usulan_id: int) -> dict[str, Any]:
    """One usulan with its kelurahan and kecamatan names. Raises NotFound."""
    found = db.read().usulan.usulan_record(usulan_id)
    if found is None:
        raise NotFound("err_record_not_found", what=msg("record_usulan"), id=usulan_id)
    return found


# --- drafting from the evidence ----------------------------------------------------


def suggestions(
    db: Store, now: datetime, *, kecamatan: str | None = None, kelurahan: str | None = None
) -> pd.DataFrame:
    """Chronic pockets and repeatedly regressed sites (REPEAT_REGRESSIONS or more in the
    chronic window) with no usulan this year: kind ("pocket"/"site"), record_id,
    kelurahan_kode, kelurahan, name, floods, max_depth, main_cause, regressions, sweeps."""
    pockets, sites = db.read().usulan.sources_of_year(musrenbang_year(now))
    stats = chronic_stats(db, now, kecamatan=kecamatan, kelurahan=kelurahan)
    chronic = stats[stats["chronic"] & ~stats["id"].isin(pockets)]
    rows: list[dict[str, Any]] = [
        {
            "kind": "pocket",
            "record_id": int(p["id"]),
            "kelurahan_kode": p["kelurahan_kode"],
            "kelurahan": p["kelurahan"],
            "name": p["name"] if isinstance(p["name"], str) else f"#{int(p['id'])}",
            "floods": int(p["floods"]),
            "max_depth": p["max_depth"],
            "main_cause": p["main_cause"],
            "regressions": None,
            "sweeps": None,
        }
        for p in chronic.to_dict("records")
    ]
    since, until = chronic_window(now)
    regressed = db.read().usulan.site_regressions(since, until, kecamatan, kelurahan)
    regressed = regressed[
        (regressed["regressions"] >= REPEAT_REGRESSIONS) & ~regressed["id"].isin(sites)
    ]
    rows += [
        {
            "kind": "site",
            "record_id": int(s["id"]),
            "kelurahan_kode": s["kelurahan_kode"],
            "kelurahan": s["kelurahan"],
            "name": f"{s['code']} — {s['name']}",
            "floods": None,
            "max_depth": None,
            "main_cause": None,
            "regressions": int(s["regressions"]),
            "sweeps": int(s["sweeps"]),
        }
        for s in regressed.to_dict("records")
    ]
    columns = ["kind", "record_id", "kelurahan_kode", "kelurahan", "name", "floods",
               "max_depth", "main_cause", "regressions", "sweeps"]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def _participation(groups: list[str], tasks_done: int) -> str | None:
    if not groups and not tasks_done:
        return None
    text = ", ".join(groups)
    if tasks_done:
        text += f"; {tasks_done} kerja bakti/tugas selesai dalam 12 bulan"
    return text.strip("; ")


def draft_from_pocket(db: Store, actor: Actor, pocket_id: int, now: datetime) -> int:
    """Draft the usulan of a pocket with its evidence filled in; a second call in the
    same year returns the first one's id. Raises NotAllowed, NotFound."""
    s = db.read()
    pocket = s.usulan.pocket_record(pocket_id)
    if pocket is None or not pocket["kelurahan_kode"]:
        raise NotFound("err_record_not_found", what=msg("record_pocket"), id=pocket_id)
    kelurahan = str(pocket["kelurahan_kode"])
    evidence = gather(s, now, kelurahan, pocket_id=pocket_id)
    cause = evidence["causes"][0][0] if evidence.get("causes") else ""
    work = WORK_FOR_CAUSE.get(cause, "normalisasi_saluran")
    name = pocket["name"] or f"#{pocket_id}"
    draft = Draft(
        title=f"{label('usulan_work', work)} di titik genangan {name}",
        work_type=work,
        kelurahan_kode=kelurahan,
        pocket_id=pocket_id,
        unit=None,
        office=WATER_OFFICE,
        participation=_participation(evidence["groups"], evidence["tasks_done"]),
    )
    return create_usulan(
        db, actor, draft, now, source_key=f"pocket:{pocket_id}:{musrenbang_year(now)}"
    )


def draft_from_site(db: Store, actor: Actor, site_id: int, now: datetime) -> int:
    """Draft the usulan of a regressed site (penataan, by its owner unit); a second
    call in the same year returns the first one's id. Raises NotAllowed, NotFound."""
    s = db.read()
    site = s.usulan.site_record(site_id)
    if site is None or not site["kelurahan_kode"]:
        raise NotFound("err_record_not_found", what=msg("record_site"), id=site_id)
    kelurahan = str(site["kelurahan_kode"])
    evidence = gather(s, now, kelurahan, site_id=site_id)
    draft = Draft(
        title=f"{label('usulan_work', 'penataan')} {site['code']} {site['name']}",
        work_type="penataan",
        kelurahan_kode=kelurahan,
        site_id=site_id,
        office=str(site["owner_unit"] or ROAD_OFFICE),
        participation=_participation(evidence["groups"], evidence["tasks_done"]),
    )
    return create_usulan(db, actor, draft, now, source_key=f"site:{site_id}:{musrenbang_year(now)}")


def suggested_unit(work_type: str) -> str:
    """The unit a work type is usually counted in (a default for the form)."""
    return UNIT_FOR_WORK.get(work_type, "paket")
