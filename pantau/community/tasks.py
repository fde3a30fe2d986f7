"""Community tasks: planning (once or weekly), the status workflow, overdue, the
week view, suggestions for chronic pockets, and the WhatsApp text that reaches
the groups.

Times: `planned_at` is stored as naive UTC; the day and clock people choose are
WIB. A task is overdue from the WIB day after its planned day while it has no
outcome (still `direncanakan` or `berjalan`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

import pandas as pd

from pantau.access.permissions import Actor, Area, event_user_id, require
from pantau.access.records import apply_change
from pantau.city import areas
from pantau.city.timefmt import to_wib, wib_today
from pantau.floods.listing import chronic_ranking
from pantau.kernel.errors import InvalidInput, Msg, NotFound, msg
from pantau.kernel.events import create_event
from pantau.kernel.vocab import codes, codes_in_group, label
from pantau.kernel.workflow import check_task_move, is_final_task_status
from pantau.store import Database, tables
from pantau.store import community as community_store
from pantau.store import events as event_store

WEEKDAYS = ("SN", "SL", "RB", "KM", "JM", "SB", "MG")  # Senin … Minggu (Python weekday order)
WEEKDAY_NAMES = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
MAX_OCCURRENCES = 52
SUGGEST_DAYS = 14
WIB_OFFSET = timedelta(hours=7)  # WIB is UTC+7 all year


def wib_to_utc(day: date, clock: time) -> datetime:
    return datetime.combine(day, clock) - WIB_OFFSET


def occurrences(first: date, weekday: int, until: date) -> list[date]:
    """Every `weekday` (0 = Monday) from `first` up to and including `until`, in order.

    Raises InvalidInput when `until` is before `first` or the series is too long.
    """
    if until < first:
        raise InvalidInput("err_end_before_start", {"until": msg("err_field_check_date")})
    start = first + timedelta(days=(weekday - first.weekday()) % 7)
    days = []
    day = start
    while day <= until:
        days.append(day)
        day += timedelta(days=7)
    if len(days) > MAX_OCCURRENCES:
        raise InvalidInput(
            "err_too_many_occurrences",
            {"until": msg("err_field_shorter_range")},
            n=len(days),
            limit=MAX_OCCURRENCES,
        )
    return days


def is_overdue(status: str, planned_at: datetime, now: datetime) -> bool:
    """No outcome and the planned WIB day is over."""
    return (
        status in codes_in_group("task_status", "open")
        and wib_today(now) > to_wib(planned_at).date()
    )


@dataclass(frozen=True)
class Plan:
    task_type: str
    title: str
    day: date
    clock: time
    kelurahan_kode: str | None = None
    pocket_id: int | None = None
    site_id: int | None = None
    group_ids: tuple[int, ...] = ()
    weekly_until: date | None = None  # repeat every week on the same weekday until this day


def plan_task(db: Database, actor: Actor, plan: Plan, now: datetime) -> list[int]:
    """Create a task (or every occurrence of a weekly one); return the ids.

    The task sits in the kelurahan of its pocket or site, or the one chosen. Groups
    must belong to that kelurahan. Raises NotAllowed, InvalidInput, NotFound.
    """
    problems: dict[str, Msg] = {}
    if plan.task_type not in codes("task_type"):
        problems["task_type"] = msg("err_field_task_type")
    title = " ".join(plan.title.split())
    if not title or len(title) > 120:
        problems["title"] = msg("err_field_title")
    if plan.day < wib_today(now) - timedelta(days=30):
        problems["day"] = msg("err_field_day_old")
    if problems:
        raise InvalidInput("err_check_marked", problems)
    cur = db.cursor()
    kelurahan = plan.kelurahan_kode
    places: list[str] = []
    for table, record_id in (("pockets", plan.pocket_id), ("sites", plan.site_id)):
        if record_id is not None:
            place = community_store.place_of(cur, table, record_id)
            if place is None:
                what = msg("record_pocket" if table == "pockets" else "record_site")
                raise NotFound("err_record_not_found", what=what, id=record_id)
            places.append(str(place["kelurahan_kode"]))
    if len(set(places)) > 1:
        # Each place is checked, not only the last: a pocket elsewhere must not ride
        # along with a site of one's own.
        raise InvalidInput(
            "err_task_places_differ",
            {"pocket_id": msg("err_field_same_kelurahan")},
        )
    if places:
        kelurahan = places[0]
    if not kelurahan or kelurahan not in areas.kelurahan_by_kode():
        raise InvalidInput(
            "err_task_kelurahan", {"kelurahan_kode": msg("err_field_choose_kelurahan")}
        )
    kecamatan = areas.kelurahan(kelurahan).kecamatan_kode
    require(actor, "edit_community", Area(kecamatan, kelurahan))
    found = community_store.group_areas(cur, plan.group_ids)
    strangers = [g for g in plan.group_ids if found.get(g) != kelurahan]
    if strangers:
        raise InvalidInput("err_task_groups_kelurahan", {"group_ids": msg("err_field_check")})
    days = (
        occurrences(plan.day, plan.day.weekday(), plan.weekly_until)
        if plan.weekly_until
        else [plan.day]
    )
    recurrence = f"weekly:{WEEKDAYS[plan.day.weekday()]}" if plan.weekly_until else None
    ids: list[int] = []
    with db.transaction() as tx:
        events = []
        for day in days:
            row: dict[str, Any] = {
                "task_type": plan.task_type,
                "title": title,
                "pocket_id": plan.pocket_id,
                "site_id": plan.site_id,
                "kelurahan_kode": kelurahan,
                "kecamatan_kode": kecamatan,
                "planned_at": wib_to_utc(day, plan.clock),
                "status": "direncanakan",
                "participants": None,
                "result_note": None,
                "series_id": ids[0] if ids else None,
                "recurrence": recurrence if not ids else None,
                "is_sample": False,
                "created_at": now,
                "updated_at": now,
            }
            task_id = tables.insert(tx, "tasks", row)
            assert task_id is not None
            if not ids and recurrence:  # the first occurrence heads its own series
                tables.update(tx, "tasks", task_id, {"series_id": task_id})
                row["series_id"] = task_id
            ids.append(task_id)
            community_store.link_groups(tx, task_id, plan.group_ids)
            events.append(create_event("task", task_id, row, now, event_user_id(actor)))
        event_store.append(tx, events)
    return ids


def change_task_status(
    db: Database,
    actor: Actor,
    task_id: int,
    expected_version: int,
    target: str,
    note: str | None,
    now: datetime,
    participants: int | None = None,
) -> dict[str, Any]:
    """Move a task (result note and participants for `selesai`, a reason for `batal`).
    Raises NotAllowed, InvalidInput, NotFound, Conflict."""
    text = (note or "").strip() or None

    def check(stored: dict[str, Any]) -> None:
        require(actor, "edit_community", Area(stored["kecamatan_kode"], stored["kelurahan_kode"]))
        check_task_move(stored["status"], target, note=text, participants=participants)

    values: dict[str, Any] = {"status": target}
    if is_final_task_status(target):
        values["result_note"] = text
    if target == "selesai":
        values["participants"] = participants
    return apply_change(
        db,
        actor,
        "task",
        "tasks",
        task_id,
        expected_version,
        values,
        now,
        check=check,
        action="status",
        note=text,
    )


def flag_tasks(frame: pd.DataFrame, now: datetime) -> pd.DataFrame:
    out = frame.copy()
    out["overdue"] = [
        is_overdue(s, pd.Timestamp(p).to_pydatetime(), now)
        for s, p in zip(out["status"], out["planned_at"], strict=True)
    ]
    return out


def week_of(day: date) -> tuple[date, date]:
    """Monday and Sunday of the week holding `day`."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def week_tasks(
    db: Database, monday: date, now: datetime, kelurahan: str | None = None
) -> dict[date, pd.DataFrame]:
    """The week's tasks per WIB day (Monday first), flagged overdue."""
    since = wib_to_utc(monday, time(0, 0))
    frame = community_store.tasks(db.cursor(), since, since + timedelta(days=7), kelurahan)
    frame = flag_tasks(frame, now)
    local_day = [to_wib(pd.Timestamp(p).to_pydatetime()).date() for p in frame["planned_at"]]
    return {
        monday + timedelta(days=i): frame[[d == monday + timedelta(days=i) for d in local_day]]
        for i in range(7)
    }


def suggestions(db: Database, now: datetime, kelurahan: str | None = None) -> pd.DataFrame:
    """Chronic pockets with no task planned or under way in the next SUGGEST_DAYS days."""
    ranking = chronic_ranking(db, now, kelurahan=kelurahan)
    chronic = ranking[ranking["chronic"]]
    planned = community_store.planned_pockets(
        db.cursor(), now - timedelta(hours=12), now + timedelta(days=SUGGEST_DAYS)
    )
    return chronic[~chronic["id"].isin(planned)].reset_index(drop=True)


def draft_for_pocket(pocket: dict[str, Any], today: date) -> Plan:
    """A task draft for a chronic pocket: a drain clean-up next Friday at 07:00 WIB."""
    friday = today + timedelta(days=(4 - today.weekday()) % 7 or 7)
    cause = label("cause", str(pocket.get("main_cause") or ""), "id")
    return Plan(
        task_type="kerja_bakti_saluran",
        title=f"Kerja bakti saluran di titik genangan #{int(pocket['id'])} ({cause})",
        day=friday,
        clock=time(7, 0),
        pocket_id=int(pocket["id"]),
    )


def share_text(task: dict[str, Any], base_url: str = "") -> str:
    """A ready-to-paste WhatsApp message (Indonesian): what, where, when, who."""
    local = to_wib(pd.Timestamp(task["planned_at"]).to_pydatetime())
    day = f"{WEEKDAY_NAMES[local.weekday()]}, {local.day} {_MONTHS[local.month - 1]} {local.year}"
    lines = [
        f"*{task['title']}*",
        f"Kegiatan: {label('task_type', str(task['task_type']), 'id')}",
        f"Waktu: {day}, pukul {local:%H.%M} WIB",
        f"Tempat: Kel. {task.get('kelurahan') or task['kelurahan_kode']}",
    ]
    lon, lat = task.get("lon"), task.get("lat")
    if lon is not None and lat is not None:
        lines.append(f"Peta: https://www.google.com/maps?q={lat:.6f},{lon:.6f}")
    if base_url and task.get("pocket_id") is not None and not pd.isna(task["pocket_id"]):
        lines.append(f"Detail titik: {base_url.rstrip('/')}/titik?id={int(task['pocket_id'])}")
    if task.get("groups"):
        lines.append(f"Kelompok: {task['groups']}")
    lines.append("Mohon hadir tepat waktu dan membawa alat kebersihan. Terima kasih.")
    return "\n".join(lines)


_MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
