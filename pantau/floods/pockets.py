"""Genangan pockets (titik genangan): reports close together; a pocket that floods
again and again is chronic.

"Chronic" has one meaning everywhere (map, pocket page, meeting, community
suggestions): flooded on CHRONIC_MIN_FLOODS or more WIB days in the
CHRONIC_WINDOW_DAYS up to the moment asked about — never the map's chosen period."""

from __future__ import annotations

from datetime import datetime, timedelta

import pandas as pd

from pantau.store import Database
from pantau.store import reports as report_store

CHRONIC_MIN_FLOODS = 6  # flood days in the window that make a pocket chronic
CHRONIC_WINDOW_DAYS = 365  # the last 12 months


def is_chronic(floods: int) -> bool:
    """`floods`: the pocket's flood days within `chronic_window`."""
    return floods >= CHRONIC_MIN_FLOODS


def chronic_window(at: datetime) -> tuple[datetime, datetime]:
    """[since, until) of the reports that decide whether a pocket is chronic at `at`
    (naive UTC): the last 12 months, `at` itself included."""
    return at - timedelta(days=CHRONIC_WINDOW_DAYS), at + timedelta(microseconds=1)


def chronic_stats(
    db: Database, at: datetime, kecamatan: str | None = None, kelurahan: str | None = None
) -> pd.DataFrame:
    """Every pocket that flooded within `chronic_window(at)` under the area filter, with
    its statistics over that window (`floods`: flood days) and `chronic`, ranked by
    flood days, then depth."""
    since, until = chronic_window(at)
    stats = report_store.pocket_stats(db.cursor(), since, until, kecamatan, kelurahan)
    stats["chronic"] = [is_chronic(int(n)) for n in stats["floods"]]
    return stats


def pocket_causes(db: Database, pocket_id: int, at: datetime) -> list[tuple[str, int]]:
    """(cause, reports) of the pocket within `chronic_window(at)`, most common first."""
    since, until = chronic_window(at)
    return report_store.pocket_causes(db.cursor(), pocket_id, since, until)
