"""The late-report rule has one home (`ServiceLevel`): one report or whole columns, late
and the deadline that matters, all from the same place."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd

from pantau.floods.sla import ServiceLevel
from tests.conftest import NOW

SLA = ServiceLevel(response_hours=24, followup_days=7)
STATUSES = ["dilaporkan", "dilaporkan", "diverifikasi", "ditangani", "diverifikasi", "selesai"]
AGES = [timedelta(hours=2), timedelta(hours=30), timedelta(days=3), timedelta(days=8),
        timedelta(days=8), timedelta(days=30)]  # fmt: skip
CREATED = [NOW - a for a in AGES]


def test_late_is_response_late_or_followup_late_one_by_one_and_as_a_column() -> None:
    mask = SLA.late_mask(STATUSES, CREATED, NOW)
    assert mask.tolist() == [False, True, False, True, True, False]
    assert [SLA.late(s, c, NOW) for s, c in zip(STATUSES, CREATED, strict=True)] == mask.tolist()
    assert mask.tolist() == [
        SLA.response_late(s, c, NOW) or SLA.followup_late(s, c, NOW)
        for s, c in zip(STATUSES, CREATED, strict=True)
    ]


def test_the_deadline_that_matters_is_the_missed_response_else_the_follow_up() -> None:
    due = SLA.deadline_column(STATUSES, CREATED)
    response = [c + timedelta(hours=24) for c in CREATED]
    followup = [c + timedelta(days=7) for c in CREATED]
    # Waiting for a response: the response deadline, met or missed; answered: the follow-up.
    assert list(due) == [pd.Timestamp(d) for d in [response[0], response[1], *followup[2:]]]
