from __future__ import annotations

from datetime import date, datetime

import pytest

from pantau.kernel.events import change_events, create_event, replay, serialise

T0 = datetime(2026, 1, 1, 8, 0)
T1 = datetime(2026, 1, 2, 9, 30)


def _as_records(events):
    return [{"action": e.action, "field": e.field, "new_value": e.new_value} for e in events]


def test_create_then_changes_replay_to_the_final_state() -> None:
    row = {
        "id": 7,
        "status": "belum_ditangani",
        "target_date": date(2026, 3, 1),
        "lon": 106.8,
        "note": None,
        "version": 1,
    }
    after = {**row, "status": "dalam_penataan", "note": "mulai", "version": 2}
    events = [
        create_event("site", 7, row, T0, None),
        *change_events("site", 7, row, after, T1, 3, "status"),
    ]
    state = replay(_as_records(events))
    assert state == {
        "status": "dalam_penataan",
        "target_date": "2026-03-01",
        "lon": "106.8",
        "note": "mulai",
    }


def test_change_events_list_only_changed_tracked_fields() -> None:
    before = {"status": "a", "name": "x", "version": 1, "updated_at": T0}
    after = {"status": "b", "name": "x", "version": 2, "updated_at": T1}
    events = change_events("site", 1, before, after, T1, 1)
    assert [(e.field, e.old_value, e.new_value) for e in events] == [("status", "a", "b")]


def test_replay_needs_a_create_event_first() -> None:
    with pytest.raises(ValueError, match="create"):
        replay([{"action": "update", "field": "status", "new_value": "x"}])


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, None),
        (True, "true"),
        (3, "3"),
        (0.1, "0.1"),
        (b"\x01\xff", "01ff"),
        (datetime(2026, 5, 1, 7, 5), "2026-05-01 07:05:00"),
        (date(2026, 5, 1), "2026-05-01"),
    ],
)
def test_serialise_is_stable(value, text) -> None:
    assert serialise(value) == text
