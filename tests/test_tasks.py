"""Community groups and tasks: transitions, recurrence across month ends, overdue in
WIB, suggestions, group import, the WhatsApp text."""

from __future__ import annotations

import itertools
from datetime import date, datetime, time, timedelta

import pandas as pd
import pytest

from pantau.access.auth import authenticate
from pantau.admin import integrity
from pantau.community.groups import add_group, import_groups, update_group
from pantau.community.tasks import (
    Plan,
    change_task_status,
    draft_for_pocket,
    is_overdue,
    occurrences,
    plan_task,
    share_text,
    suggestions,
    week_tasks,
)
from pantau.kernel.errors import Conflict, InvalidInput, NotAllowed
from pantau.kernel.vocab import codes
from pantau.kernel.workflow import check_task_move
from pantau.store import Database

pytestmark = pytest.mark.both_engines

NOW = datetime(2026, 11, 24, 3, 0)  # Tuesday 10:00 WIB
PLUIT = "31.72.01.1005"


def _actor(db: Database, who: str):  # type: ignore[no-untyped-def]
    return authenticate(db, who, "demo-" + who.split(".")[0], NOW)


def _pluit_groups(db: Database) -> list[int]:
    return [
        g["id"] for g in db.read().records.rows("community_groups") if g["kelurahan_kode"] == PLUIT
    ]


LEGAL = {
    ("direncanakan", "berjalan"),
    ("direncanakan", "batal"),
    ("berjalan", "selesai"),
    ("berjalan", "batal"),
}


@pytest.mark.parametrize(("old", "new"), list(itertools.product(codes("task_status"), repeat=2)))
def test_task_transition_table(old: str, new: str) -> None:
    if (old, new) in LEGAL:
        check_task_move(old, new, note="ok", participants=12)
    else:
        with pytest.raises(InvalidInput, match="Yang boleh berikutnya"):
            check_task_move(old, new, note="ok", participants=12)


def test_done_needs_participants_and_cancel_a_reason() -> None:
    with pytest.raises(InvalidInput) as err:
        check_task_move("berjalan", "selesai", note="bersih")
    assert "participants" in err.value.fields
    with pytest.raises(InvalidInput) as err:
        check_task_move("direncanakan", "batal", note="")
    assert "note" in err.value.fields


def test_weekly_occurrences_cross_month_and_year_ends() -> None:
    fridays = occurrences(date(2026, 11, 24), 4, date(2027, 1, 10))
    assert fridays[0] == date(2026, 11, 27)
    assert date(2027, 1, 1) in fridays and fridays[-1] == date(2027, 1, 8)
    assert all(d.weekday() == 4 for d in fridays) and len(fridays) == 7
    assert occurrences(date(2027, 2, 26), 0, date(2027, 3, 8)) == [
        date(2027, 3, 1),
        date(2027, 3, 8),
    ]
    with pytest.raises(InvalidInput):
        occurrences(date(2027, 1, 1), 0, date(2026, 1, 1))
    with pytest.raises(InvalidInput, match="Terlalu banyak"):
        occurrences(date(2026, 1, 1), 0, date(2028, 1, 1))


def test_overdue_from_the_wib_day_after() -> None:
    planned = datetime(2026, 11, 30, 1, 0)  # 08:00 WIB on 30 Nov
    assert not is_overdue("direncanakan", planned, datetime(2026, 11, 30, 16, 59))  # 23:59 WIB
    assert is_overdue("direncanakan", planned, datetime(2026, 11, 30, 17, 0))  # 00:00 WIB 1 Dec
    assert is_overdue("berjalan", planned, datetime(2026, 12, 2))
    assert not is_overdue("selesai", planned, datetime(2027, 1, 1))


def test_plan_a_weekly_task_with_groups_and_finish_one(sample_copy: Database) -> None:
    lurah = _actor(sample_copy, "lurah.pluit")
    groups = _pluit_groups(sample_copy)[:2]
    plan = Plan(
        "pantau_hujan",
        "Pantau titik saat hujan",
        date(2026, 11, 27),
        time(16, 0),
        kelurahan_kode=PLUIT,
        group_ids=tuple(groups),
        weekly_until=date(2026, 12, 31),
    )
    ids = plan_task(sample_copy, lurah, plan, NOW)
    assert len(ids) == 5  # 27 Nov, 4, 11, 18, 25 Dec
    rows = [t for t in sample_copy.read().records.rows("tasks") if t["id"] in ids]
    assert {t["series_id"] for t in rows} == {ids[0]}
    assert rows[0]["planned_at"] == datetime(2026, 11, 27, 9, 0)  # 16:00 WIB
    frame = sample_copy.read().community.tasks(kelurahan=PLUIT)
    assert list(frame[frame["id"] == ids[0]]["group_ids"].iloc[0]) == sorted(groups)
    v = change_task_status(sample_copy, lurah, ids[0], 1, "berjalan", "mulai", NOW)["version"]
    change_task_status(sample_copy, lurah, ids[0], v, "selesai", "Saluran dipantau", NOW, 14)
    with pytest.raises(Conflict):
        change_task_status(sample_copy, lurah, ids[0], v, "batal", "x", NOW)
    assert integrity.check(sample_copy).ok


def test_task_permissions_and_groups_from_elsewhere(sample_copy: Database) -> None:
    lurah = _actor(sample_copy, "lurah.pluit")
    other_groups = [
        g["id"]
        for g in sample_copy.read().records.rows("community_groups")
        if g["kelurahan_kode"] != PLUIT
    ][:1]
    with pytest.raises(NotAllowed):
        plan_task(
            sample_copy,
            lurah,
            Plan("sosialisasi", "x", date(2026, 12, 1), time(9), kelurahan_kode="31.72.03.1001"),
            NOW,
        )
    with pytest.raises(InvalidInput, match="kelurahan yang sama"):
        plan_task(
            sample_copy,
            lurah,
            Plan(
                "sosialisasi",
                "x",
                date(2026, 12, 1),
                time(9),
                kelurahan_kode=PLUIT,
                group_ids=tuple(other_groups),
            ),
            NOW,
        )
    with pytest.raises(NotAllowed):
        plan_task(
            sample_copy,
            _actor(sample_copy, "tamu"),
            Plan("sosialisasi", "x", date(2026, 12, 1), time(9), kelurahan_kode=PLUIT),
            NOW,
        )


def test_week_view_puts_tasks_on_their_wib_day(sample_copy: Database) -> None:
    lurah = _actor(sample_copy, "lurah.pluit")
    late_evening = Plan(
        "piket_pompa", "Piket pompa malam", date(2026, 11, 29), time(23, 30), kelurahan_kode=PLUIT
    )
    (task_id,) = plan_task(sample_copy, lurah, late_evening, NOW)
    week = week_tasks(sample_copy, date(2026, 11, 23), NOW, PLUIT)
    assert list(week) == [date(2026, 11, 23) + timedelta(days=i) for i in range(7)]
    assert task_id in set(week[date(2026, 11, 29)]["id"])  # Sunday in WIB (16:30 UTC)


def test_suggestions_leave_out_pockets_with_a_plan(sample_copy: Database) -> None:
    before = suggestions(sample_copy, NOW)
    assert not before.empty
    pocket = before.iloc[0].to_dict()
    draft = draft_for_pocket(pocket, date(2026, 11, 24))
    assert draft.day == date(2026, 11, 27) and draft.day.weekday() == 4
    assert draft.pocket_id == pocket["id"] and draft.task_type == "kerja_bakti_saluran"
    plan_task(sample_copy, _actor(sample_copy, "admin"), draft, NOW)
    after = suggestions(sample_copy, NOW)
    assert pocket["id"] not in set(after["id"]) and len(after) == len(before) - 1


def test_share_text_has_what_where_when_who() -> None:
    task = {
        "title": "Kerja bakti saluran RW 05",
        "task_type": "kerja_bakti_saluran",
        "planned_at": pd.Timestamp("2026-11-27 00:00"),
        "kelurahan": "Pluit",
        "kelurahan_kode": PLUIT,
        "lon": 106.7905,
        "lat": -6.118,
        "pocket_id": 12,
        "groups": "Karang Taruna Pluit, RW 05",
    }
    text = share_text(task, "https://pantau.example")
    assert "*Kerja bakti saluran RW 05*" in text
    assert "Jumat, 27 November 2026, pukul 07.00 WIB" in text
    assert "https://www.google.com/maps?q=-6.118000,106.790500" in text
    assert "https://pantau.example/titik?id=12" in text
    assert "Kelompok: Karang Taruna Pluit, RW 05" in text and "Kel. Pluit" in text


def test_group_import_all_or_nothing_and_area(sample_copy: Database) -> None:
    lurah = _actor(sample_copy, "lurah.pluit")
    good = {
        "kelurahan": "Pluit",
        "jenis": "Karang Taruna",
        "nama": "KT Pluit Bersatu",
        "rw": "5",
        "ketua": "Mas Adi",
        "telepon": "0813 1234 5678",
    }
    before = sample_copy.read().records.count("community_groups")
    for bad, column in [
        ({"jenis": "klub motor"}, "group_type"),
        ({"rw": "lima"}, "rw"),
        ({"telepon": "nomor saya"}, "contact_phone"),
        ({"nama": ""}, "name"),
        ({"kelurahan": "Koja"}, "kelurahan_kode"),
    ]:
        ids, problems = import_groups(
            sample_copy, lurah, pd.DataFrame([good, {**good, **bad}]), NOW
        )
        assert ids == [] and (3, column) in [(r, c) for r, c, _ in problems], problems
    assert sample_copy.read().records.count("community_groups") == before
    ids, problems = import_groups(sample_copy, lurah, pd.DataFrame([good]), NOW)
    assert problems == [] and len(ids) == 1
    row = sample_copy.read().records.get("community_groups", ids[0])
    assert row is not None and row["rw"] == "05" and row["group_type"] == "karang_taruna"
    update_group(sample_copy, lurah, ids[0], 1, {"active": False}, NOW)
    assert not sample_copy.read().records.get("community_groups", ids[0])["active"]  # type: ignore[index]
    with pytest.raises(InvalidInput):
        add_group(sample_copy, lurah, {"kelurahan": PLUIT, "jenis": "pkk", "nama": ""}, NOW)


def test_a_foreign_pocket_cannot_ride_along_with_an_own_site(sample_copy: Database) -> None:
    """A lurah once linked a task to another kecamatan's pocket by naming an own site too."""
    lurah = _actor(sample_copy, "lurah.pluit")
    own_site = next(
        s["id"] for s in sample_copy.read().records.rows("sites") if s["kelurahan_kode"] == PLUIT
    )
    foreign_pocket = next(
        p["id"]
        for p in sample_copy.read().records.rows("pockets")
        if not str(p["kelurahan_kode"]).startswith("31.72.01")
    )
    before = len(sample_copy.read().records.rows("tasks"))
    with pytest.raises(InvalidInput, match="kelurahan yang berbeda"):
        plan_task(
            sample_copy,
            lurah,
            Plan(
                "kerja_bakti_saluran",
                "x",
                date(2026, 12, 1),
                time(9),
                pocket_id=int(foreign_pocket),
                site_id=int(own_site),
            ),
            NOW,
        )
    assert len(sample_copy.read().records.rows("tasks")) == before


def test_group_import_twice_adds_nothing_and_has_a_row_limit(sample_copy: Database) -> None:
    """100 000 groups once imported in 85 s, and twice made 200 000."""
    from pantau.community.groups import MAX_IMPORT_ROWS

    lurah = _actor(sample_copy, "lurah.pluit")
    row = {"kelurahan": "Pluit", "jenis": "PKK", "nama": "PKK RW 09 Pluit"}
    ids, problems = import_groups(sample_copy, lurah, pd.DataFrame([row]), NOW)
    assert problems == [] and len(ids) == 1
    before = sample_copy.read().records.count("community_groups")
    again = {**row, "nama": "  pkk rw 09   PLUIT "}
    ids, problems = import_groups(sample_copy, lurah, pd.DataFrame([again]), NOW)
    assert ids == [] and problems[0][:2] == (2, "name") and "sudah tersimpan" in problems[0][2]
    twice = {**row, "nama": "PKK RW 10 Pluit"}
    ids, problems = import_groups(sample_copy, lurah, pd.DataFrame([twice, twice]), NOW)
    assert ids == [] and problems == [(3, "name", "kelompok ini sama dengan baris 2")]
    many = pd.DataFrame([twice] * (MAX_IMPORT_ROWS + 1))
    ids, problems = import_groups(sample_copy, lurah, many, NOW)
    assert ids == [] and "paling banyak" in problems[0][2]
    assert sample_copy.read().records.count("community_groups") == before
