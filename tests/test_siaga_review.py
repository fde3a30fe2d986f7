"""After the window: which warned pockets flooded, which were watched, reports from
the watchers; and the meeting's "Siaga minggu ini"."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from pantau.access.permissions import Actor
from pantau.community.tasks import change_task_status
from pantau.meeting.review import LIST_KEYS, build_brief
from pantau.siaga.review import MARGIN, outcome, review, week_summary
from pantau.siaga.risk import by_kelurahan
from pantau.siaga.warnings import WarningDraft, cancel_warning, create_warning, get_warning
from pantau.siaga.watch import draft_watch, organise_watch
from pantau.store import Database

pytestmark = pytest.mark.both_engines
NOW = datetime(2026, 11, 24, 3, 0)  # Tuesday 10:00 WIB
PLUIT = "31.72.01.1005"
SDA = Actor(5, "sda", "Sudin SDA", "sda")
LURAH = Actor(4, "lurah", "Lurah Pluit", "lurah", "31.72.01", PLUIT)


def _report(db: Database, pocket: dict[str, object], at: datetime, source: str) -> int:
    row = {
        "observed_at": at,
        "lon": pocket["lon"],
        "lat": pocket["lat"],
        "kelurahan_kode": pocket["kelurahan_kode"],
        "kecamatan_kode": pocket["kecamatan_kode"],
        "placement": "inside",
        "source": source,
        "depth_cm": 40,
        "cause": "rob",
        "owner_level": "kelurahan",
        "status": "dilaporkan",
        "pocket_id": pocket["id"],
        "created_at": at,
        "updated_at": at,
    }
    report_id = db.read().records.insert("reports", row)
    assert report_id is not None
    return report_id


def test_a_rob_warning_from_entry_to_outcome(sample_copy: Database) -> None:
    draft = WarningDraft(
        "rob",
        "siaga",
        "bmkg",
        datetime(2026, 11, 24, 17),
        datetime(2026, 11, 25, 1),
        kelurahan=(PLUIT,),
    )
    wid = create_warning(sample_copy, SDA, draft, NOW)
    warning = get_warning(sample_copy, wid)
    risk = by_kelurahan(sample_copy, LURAH, warning, NOW)[0]
    assert len(risk.pockets) >= 2
    items = draft_watch(list(risk.pockets["id"]), list(risk.groups["id"]))
    result = organise_watch(sample_copy, LURAH, wid, PLUIT, items, NOW)
    # The first pocket's watchers turn up and report; the second floods unwatched.
    first, second = (int(i) for i in risk.pockets["id"][:2])
    task = sample_copy.read().records.get("tasks", result.created[0])
    assert task is not None and task["pocket_id"] == first
    during = warning["starts_at"] + timedelta(hours=3)
    change_task_status(sample_copy, LURAH, task["id"], 1, "berjalan", "Berangkat", during)
    change_task_status(
        sample_copy, LURAH, task["id"], 2, "selesai", "Air 40 cm, pompa jalan", during, 12
    )
    pockets = {p["id"]: p for p in sample_copy.read().records.rows("pockets")}
    _report(sample_copy, pockets[first], during, "rt_rw")
    _report(sample_copy, pockets[second], warning["ends_at"] + MARGIN / 2, "jaki")
    _report(sample_copy, pockets[second], warning["ends_at"] + MARGIN * 2, "warga")  # too late
    after = warning["ends_at"] + timedelta(days=1)
    frame = review(sample_copy, warning, after)
    row = frame.set_index("id")
    assert bool(row.loc[first, "watched"]) and row.loc[first, "task_status"] == "selesai"
    assert bool(row.loc[first, "flooded"]) and row.loc[first, "watcher_reports"] == 1
    assert bool(row.loc[second, "flooded"]) and not bool(row.loc[second, "watched"])
    assert row.loc[second, "reports"] == 1 and row.loc[second, "watcher_reports"] == 0
    got = outcome(sample_copy, warning, after)
    assert got.warned == len(risk.pockets) and got.planned == len(items)
    assert got.watched == 1 and got.flooded_watched == 1 and got.watcher_reports == 1
    assert got.flooded >= 2


def test_the_week_summary_lists_warnings_of_the_week_not_cancelled(area_db: Database) -> None:
    def enter(day: int) -> int:
        draft = WarningDraft(
            "rob",
            "waspada",
            "bpbd",
            datetime(2026, 11, day, 17),
            datetime(2026, 11, day + 1, 1),
            kelurahan=(PLUIT,),
        )
        return create_warning(area_db, SDA, draft, NOW)

    kept, dropped = enter(20), enter(21)
    cancel_warning(area_db, SDA, dropped, 1, "Salah masuk", NOW)
    week = week_summary(area_db, NOW - timedelta(days=7), NOW, NOW, "en")
    assert list(week["tautan"]) == [f"/siaga?id={kept}"]
    assert week.iloc[0]["peringatan"] == "Tidal flood · Watch"
    assert week.iloc[0]["kelurahan"] == 1


def test_the_meeting_brief_carries_siaga_this_week(sample_copy: Database) -> None:
    assert "siaga" in LIST_KEYS
    brief = build_brief(sample_copy, date(2026, 11, 24), date(2026, 11, 17), NOW)
    assert "siaga" in brief.lists


def test_the_sample_has_a_past_rob_and_rain_warning_with_watches_and_floods(
    sample_copy: Database,
) -> None:
    from pantau.siaga.warnings import recent_warnings

    listed = recent_warnings(sample_copy, NOW)
    assert [(w["kind"], w["phase"]) for w in listed] == [("rob", "lewat"), ("hujan_lebat", "lewat")]
    for warning in listed:
        got = outcome(sample_copy, warning, NOW)
        assert got.planned >= 2 and got.watched >= 1 and got.flooded >= 1
    rob = listed[0]
    assert PLUIT in rob["kelurahan_kodes"]
    week = week_summary(sample_copy, NOW - timedelta(days=7), NOW, NOW)
    assert len(week) == 2
