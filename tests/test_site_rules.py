"""Overdue, due-for-sweep and ping-pong, at their edges (WIB days, month ends)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pandas as pd
import pytest

from pantau.city.timefmt import wib_today
from pantau.sites.rules import (
    is_due_for_sweep,
    is_overdue,
    ping_pong_ids,
    reversals,
    sweep_days_late,
    sweep_due_on,
)


@pytest.mark.parametrize(
    ("status", "target", "today", "expected"),
    [
        ("dalam_penataan", date(2026, 11, 30), date(2026, 11, 30), False),
        ("dalam_penataan", date(2026, 11, 30), date(2026, 12, 1), True),
        ("kembali_semrawut", date(2026, 2, 28), date(2026, 3, 1), True),
        ("tertata", date(2026, 1, 1), date(2026, 12, 1), False),
        ("belum_ditangani", None, date(2026, 12, 1), False),
    ],
)
def test_overdue(status, target, today, expected) -> None:
    assert is_overdue(status, target, today) is expected


def test_the_day_changes_at_midnight_wib_not_utc() -> None:
    assert wib_today(datetime(2026, 11, 30, 16, 59)) == date(2026, 11, 30)  # 23:59 WIB
    assert wib_today(datetime(2026, 11, 30, 17, 0)) == date(2026, 12, 1)  # 00:00 WIB


def test_due_for_sweep_after_the_interval() -> None:
    last = datetime(2026, 11, 1, 3, 0)
    assert not is_due_for_sweep("tertata", last, 14, datetime(2026, 11, 15, 3, 0))
    assert is_due_for_sweep("tertata", last, 14, datetime(2026, 11, 15, 3, 1))
    assert not is_due_for_sweep("dalam_penataan", last, 14, datetime(2027, 1, 1))
    assert is_due_for_sweep("tertata", None, 14, datetime(2026, 11, 15), None)


@pytest.mark.parametrize(
    ("levels", "n"),
    [
        (["kelurahan"], 0),
        (["kelurahan", "kecamatan"], 0),
        (["kelurahan", "kecamatan", "kota"], 0),
        (["kelurahan", "kecamatan", "kelurahan"], 1),
        (["kelurahan", "kecamatan", "kelurahan", "kecamatan"], 2),
        (["kota", "kecamatan", "kota", "kecamatan", "kelurahan"], 2),
    ],
)
def test_reversals(levels, n) -> None:
    assert reversals(levels) == n


def test_ping_pong_needs_two_reversals() -> None:
    changes = pd.DataFrame(
        [
            (1, "kelurahan", "kecamatan"),
            (1, "kecamatan", "kelurahan"),
            (1, "kelurahan", "kecamatan"),
            (2, "kelurahan", "kecamatan"),
            (2, "kecamatan", "kelurahan"),
        ],
        columns=["record_id", "old_value", "new_value"],
    )
    assert ping_pong_ids(changes) == {1}


def test_never_swept_site_is_due_from_when_it_became_tidy_across_a_month_end() -> None:
    tidied = datetime(2027, 1, 31, 10, 0)
    assert not is_due_for_sweep("tertata", None, 14, datetime(2027, 2, 14, 10, 0), tidied)
    assert is_due_for_sweep("tertata", None, 14, datetime(2027, 2, 14, 10, 1), tidied)
    # February has 28 days in 2027: a 30-day interval from 31 Jan ends on 2 March.
    assert not is_due_for_sweep("tertata", None, 30, datetime(2027, 3, 2, 10, 0), tidied)
    assert is_due_for_sweep("tertata", None, 30, datetime(2027, 3, 2, 10, 1), tidied)


def test_sweep_lateness_counts_from_the_last_sweep_or_else_from_tidying() -> None:
    now = datetime(2026, 11, 24, 3, 0)  # 10:00 WIB
    tidied = now - timedelta(days=60)
    # Never swept, tidied 60 days ago, every 14 days: due 46 WIB days ago.
    assert sweep_days_late("tertata", None, 14, now, tidied) == 46
    # Swept 20 days ago: 6 days late, whenever it was tidied.
    assert sweep_days_late("tertata", now - timedelta(days=20), 14, now, tidied) == 6
    # Not due yet, or not tidied: not late.
    assert sweep_days_late("tertata", now - timedelta(days=3), 14, now, tidied) == 0
    assert sweep_days_late("dalam_penataan", None, 14, now, tidied) == 0
    # Due only a few hours ago (same WIB day): due, 0 days late.
    last = now - timedelta(days=14, hours=2)
    assert (
        is_due_for_sweep("tertata", last, 14, now)
        and sweep_days_late("tertata", last, 14, now) == 0
    )
    assert sweep_due_on("tertata", None, 14, tidied) == date(2026, 10, 9)
    assert sweep_due_on("dalam_penataan", None, 14, tidied) is None
