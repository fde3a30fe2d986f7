"""One action per kelurahan: watch tasks for the pockets at risk, linked to the warning,
planned once however often the button is pressed; who may press it; the broadcast."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from pantau.access.permissions import Actor
from pantau.kernel.errors import InvalidInput, NotAllowed
from pantau.siaga.risk import by_kelurahan
from pantau.siaga.warnings import WarningDraft, cancel_warning, create_warning, get_warning
from pantau.siaga.watch import (
    WatchItem,
    broadcast_text,
    draft_lines,
    draft_watch,
    organise_watch,
    watch_lines,
)
from pantau.store import Database

pytestmark = pytest.mark.both_engines

NOW = datetime(2026, 11, 24, 3, 0)
PLUIT = "31.72.01.1005"
SDA = Actor(5, "sda", "Sudin SDA", "sda")
ADMIN = Actor(1, "admin", "Admin", "admin")
LURAH = Actor(4, "lurah", "Lurah Pluit", "lurah", "31.72.01", PLUIT)
CAMAT = Actor(3, "camat", "Camat Penjaringan", "camat", "31.72.01")
CAMAT_ELSEWHERE = Actor(7, "camat2", "Camat Koja", "camat", "31.72.04")
LURAH_ELSEWHERE = Actor(8, "lurah2", "Lurah Penjaringan", "lurah", "31.72.01", "31.72.01.1001")


@pytest.fixture
def rob(sample_copy: Database) -> int:
    draft = WarningDraft(
        "rob", "siaga", "bmkg", datetime(2026, 11, 24, 17), datetime(2026, 11, 25, 1)
    )
    return create_warning(sample_copy, SDA, draft, NOW)


def _draft(db: Database, actor: Actor, warning_id: int) -> list[WatchItem]:
    risk = by_kelurahan(db, actor, get_warning(db, warning_id), NOW, kelurahan=PLUIT)[0]
    return draft_watch(list(risk.pockets["id"]), list(risk.groups["id"]))


def test_the_draft_hands_pockets_to_groups_in_turn() -> None:
    assert draft_watch([11, 12, 13], [1, 2]) == [
        WatchItem(11, (1,)),
        WatchItem(12, (2,)),
        WatchItem(13, (1,)),
    ]


def test_one_action_plans_a_linked_watch_task_per_pocket_once(
    sample_copy: Database, rob: int
) -> None:
    items = _draft(sample_copy, LURAH, rob)
    assert items
    first = organise_watch(sample_copy, LURAH, rob, PLUIT, items, NOW)
    again = organise_watch(sample_copy, LURAH, rob, PLUIT, items, NOW)  # the double click
    assert len(first.created) == len(items) and first.already == ()
    assert again.created == () and set(again.already) == {i.pocket_id for i in items}
    tasks = [t for t in sample_copy.read().records.rows("tasks") if t["warning_id"] == rob]
    assert len(tasks) == len(items)
    assert {t["pocket_id"] for t in tasks} == {i.pocket_id for i in items}
    assert all(t["planned_at"] == datetime(2026, 11, 24, 10, 0) for t in tasks)
    assert all(t["title"].startswith("Jaga titik #") and "rob" in t["title"] for t in tasks)
    created = {
        e["record_id"]
        for e in sample_copy.read().records.rows("events")
        if e["record_type"] == "task" and e["action"] == "create" and e["user_id"] == LURAH.id
    }
    assert created == {t["id"] for t in tasks}
    lines = watch_lines(sample_copy, rob, PLUIT)
    assert list(lines["pocket_id"]) == sorted(i.pocket_id for i in items)
    assert lines["groups"].notna().all()


def test_a_pocket_added_later_is_planned_alone(sample_copy: Database, rob: int) -> None:
    items = _draft(sample_copy, LURAH, rob)
    organise_watch(sample_copy, LURAH, rob, PLUIT, items[:1], NOW)
    second = organise_watch(sample_copy, LURAH, rob, PLUIT, items, NOW)
    assert len(second.created) == len(items) - 1 and second.already == (items[0].pocket_id,)


@pytest.mark.parametrize(
    ("actor", "ok"),
    [
        (LURAH, True),
        (CAMAT, True),
        (ADMIN, True),
        (LURAH_ELSEWHERE, False),
        (CAMAT_ELSEWHERE, False),
        (SDA, False),
        (Actor(6, "tamu", "Tamu", "tamu"), False),
        (Actor(2, "sekko", "Sekko", "pimpinan"), False),
    ],
)
def test_who_may_organise_the_watch(
    sample_copy: Database, rob: int, actor: Actor, ok: bool
) -> None:
    items = _draft(sample_copy, ADMIN, rob)
    if ok:
        assert organise_watch(sample_copy, actor, rob, PLUIT, items, NOW).created
    else:
        with pytest.raises(NotAllowed):
            organise_watch(sample_copy, actor, rob, PLUIT, items, NOW)


def test_groups_and_pockets_must_be_of_the_kelurahan(sample_copy: Database, rob: int) -> None:
    items = _draft(sample_copy, LURAH, rob)
    groups = sample_copy.read().records.rows("community_groups")
    stranger = next(g["id"] for g in groups if g["kelurahan_kode"] != PLUIT)
    with pytest.raises(InvalidInput):
        organise_watch(
            sample_copy, LURAH, rob, PLUIT, [WatchItem(items[0].pocket_id, (stranger,))], NOW
        )
    pockets = sample_copy.read().records.rows("pockets")
    far = next(p["id"] for p in pockets if p["kelurahan_kode"] != PLUIT)
    with pytest.raises(InvalidInput):
        organise_watch(sample_copy, LURAH, rob, PLUIT, [WatchItem(far, items[0].group_ids)], NOW)
    with pytest.raises(InvalidInput):
        organise_watch(sample_copy, LURAH, rob, PLUIT, [WatchItem(items[0].pocket_id, ())], NOW)
    with pytest.raises(InvalidInput):
        organise_watch(sample_copy, LURAH, rob, PLUIT, [], NOW)


def test_no_watch_for_a_cancelled_or_finished_warning(sample_copy: Database, rob: int) -> None:
    items = _draft(sample_copy, LURAH, rob)
    with pytest.raises(InvalidInput):
        organise_watch(sample_copy, LURAH, rob, PLUIT, items, NOW + timedelta(days=1))
    cancel_warning(sample_copy, SDA, rob, 1, "Prakiraan dicabut", NOW)
    with pytest.raises(InvalidInput):
        organise_watch(sample_copy, LURAH, rob, PLUIT, items, NOW)


def test_the_broadcast_says_what_when_where_and_who(sample_copy: Database, rob: int) -> None:
    warning = get_warning(sample_copy, rob)
    items = _draft(sample_copy, LURAH, rob)
    names = {int(g["id"]): g["name"] for g in sample_copy.read().records.rows("community_groups")}
    draft = broadcast_text(warning, "Pluit", draft_lines(sample_copy, items, names))
    organise_watch(sample_copy, LURAH, rob, PLUIT, items, NOW)
    text = broadcast_text(warning, "Pluit", watch_lines(sample_copy, rob, PLUIT), "https://x.id")
    assert text.startswith("*SIAGA: ROB (PASANG LAUT) — Kel. Pluit*")
    assert (
        "Selasa, 24 November 2026 pukul 17.00 s.d. Rabu, 25 November 2026 pukul 01.00 WIB" in text
    )
    assert text.count("https://www.google.com/maps?q=") == len(items)
    assert "https://x.id/titik?id=" in text
    assert names[items[0].group_ids[0]] in text
    assert draft.splitlines()[:4] == text.splitlines()[:4]


@pytest.mark.filterwarnings("error::pytest.PytestUnhandledThreadExceptionWarning")
def test_two_confirmations_at_once_plan_each_pocket_once(sample_copy: Database, rob: int) -> None:
    import threading

    items = _draft(sample_copy, LURAH, rob)
    start = threading.Barrier(2)
    results: list[object] = []

    def confirm(actor: Actor) -> None:
        start.wait()
        results.append(organise_watch(sample_copy, actor, rob, PLUIT, items, NOW))

    threads = [threading.Thread(target=confirm, args=(a,)) for a in (LURAH, CAMAT)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 2
    tasks = [t for t in sample_copy.read().records.rows("tasks") if t["warning_id"] == rob]
    assert sorted(t["pocket_id"] for t in tasks) == sorted(i.pocket_id for i in items)
