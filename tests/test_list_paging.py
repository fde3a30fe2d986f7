"""Long lists at city scale: the report list is filtered, counted and paged in the
database, Tugas saya builds only the page it shows, and the service-level checks run
on whole columns — each equal to what the row-by-row version gave."""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
import pandas as pd
import pytest

from pantau.access.auth import authenticate
from pantau.city.timefmt import day_start_utc, wib_today
from pantau.dashboard.queue import KINDS, my_queue, queue_page
from pantau.floods.listing import ReportQuery, report_counts, report_rows
from pantau.floods.reports import hand_over_report
from pantau.floods.sla import ServiceLevel
from pantau.store import Database
from tests.conftest import NOW

pytestmark = pytest.mark.both_engines

STATUSES = ("dilaporkan", "diverifikasi", "ditangani", "surut", "selesai", "ditolak", "x")
LEVELS = [ServiceLevel(), ServiceLevel(5.5, 3.0), ServiceLevel(0.25, 0.5), ServiceLevel(1 / 3, 1)]


@pytest.mark.parametrize("sla", LEVELS)
def test_column_late_checks_equal_the_row_checks_on_random_input(sla: ServiceLevel) -> None:
    rng = np.random.default_rng(15)
    n = 5000
    statuses = list(rng.choice(STATUSES, n))
    offsets = rng.integers(-10 * 24 * 3600, 3600, n)  # seconds before (or after) NOW
    created: list[datetime | None] = [NOW + timedelta(seconds=int(s)) for s in offsets]
    # Exactly at each deadline (on time), a microsecond either side, and missing.
    for i, at in enumerate(
        (
            NOW - timedelta(hours=sla.response_hours),
            NOW - timedelta(hours=sla.response_hours, microseconds=1),
            NOW - timedelta(hours=sla.response_hours, microseconds=-1),
            NOW - timedelta(days=sla.followup_days),
            NOW - timedelta(days=sla.followup_days, microseconds=1),
            NOW - timedelta(days=sla.followup_days, microseconds=-1),
        )
    ):
        for j, status in enumerate(("dilaporkan", "ditangani")):
            created[2 * i + j] = at
            statuses[2 * i + j] = status
    created[-1] = None
    column = pd.Series(created, dtype="datetime64[us]")
    response = sla.response_late_mask(pd.Series(statuses), column, NOW)
    followup = sla.followup_late_mask(statuses, created, NOW)
    assert response.dtype == bool and followup.dtype == bool
    for i, (status, at) in enumerate(zip(statuses, created, strict=True)):
        if at is None:
            assert not response[i] and not followup[i]
            continue
        assert response[i] == sla.response_late(status, at, NOW), (status, at)
        assert followup[i] == sla.followup_late(status, at, NOW), (status, at)
    assert response.any() and followup.any() and not followup.all()
    due = [sla.response_due(t) if t else None for t in created]
    assert list(sla.response_due_column(column)[:-1]) == due[:-1]
    assert list(sla.followup_due_column(column)[:-1]) == [sla.followup_due(t) for t in created[:-1]]  # type: ignore[arg-type]


def test_column_checks_take_any_index_and_refuse_unequal_lengths() -> None:
    sla = ServiceLevel()
    old = NOW - timedelta(days=30)
    statuses = pd.Series(["dilaporkan", "selesai"], index=[7, 3])
    times = pd.Series([old, old], index=[3, 7])
    assert list(sla.followup_late_mask(statuses, times, NOW)) == [True, False]
    with pytest.raises(ValueError):
        sla.response_late_mask(["dilaporkan"], [old, old], NOW)


def _bounce(db: Database) -> int:
    """A report handed kelurahan → kecamatan → kelurahan → kecamatan: ping-pong."""
    admin = authenticate(db, "admin", "demo-admin", NOW)
    report = next(
        r
        for r in db.read().records.rows("reports")
        if r["status"] == "diverifikasi" and r["owner_level"] == "kelurahan"
    )
    for level in ("kecamatan", "kelurahan", "kecamatan"):
        stored = next(r for r in db.read().records.rows("reports") if r["id"] == report["id"])
        hand_over_report(db, admin, report["id"], stored["version"], level, "uji", NOW)
    return int(report["id"])


def _cells(frame: pd.DataFrame) -> dict[str, list[object]]:
    """Every column as a list, any missing value as None (a page whose rows all lack
    a value gets None from the database where the whole list has NaN)."""
    return {
        str(c): [None if pd.isna(v) else v for v in frame[c].astype(object)] for c in frame.columns
    }


def _queries() -> list[ReportQuery]:
    today = wib_today(NOW)
    month = day_start_utc(today - timedelta(days=30)), day_start_utc(today + timedelta(days=1))
    return [
        ReportQuery(),
        ReportQuery(*month),
        ReportQuery(late_only=True),
        ReportQuery(ping_pong_only=True),
        ReportQuery(kecamatan="31.72.01", statuses=("dilaporkan", "ditangani", "selesai")),
        ReportQuery(kelurahan="31.72.01.1005", owner_levels=("kelurahan",), sources=("warga",)),
        ReportQuery(kecamatan="31.72", late_only=True, ping_pong_only=True),
    ]


@pytest.mark.parametrize("who", ["sekko", "tamu", "lurah.pluit"])
def test_report_pages_join_into_the_whole_list_and_counts_match_it(
    sample_copy: Database, who: str
) -> None:
    bounced = _bounce(sample_copy)
    actor = authenticate(sample_copy, who, "demo-" + who.split(".")[0], NOW)
    sla = ServiceLevel(5.5, 3.0)
    for q in _queries():
        whole = report_rows(sample_copy, actor, q, NOW, sla)
        counts = report_counts(sample_copy, q, NOW, sla)
        assert (counts.reports, counts.late, counts.ping_pong) == (
            len(whole),
            int(whole["late"].sum()),
            int(whole["ping_pong"].sum()),
        ), q
        pages = [
            report_rows(sample_copy, actor, q, NOW, sla, offset=start, limit=40)
            for start in range(0, len(whole) + 40, 40)
        ]
        assert all(len(p) <= 40 for p in pages) and pages[-1].empty
        joined = pd.concat([p for p in pages if not p.empty], ignore_index=True)
        if whole.empty:
            continue
        assert _cells(joined) == _cells(whole), q
    only = report_rows(sample_copy, actor, ReportQuery(ping_pong_only=True), NOW, sla)
    assert list(only["id"]) == [bounced]
    late = report_rows(sample_copy, actor, ReportQuery(late_only=True), NOW, sla)
    assert len(late) and late["late"].all()


@pytest.mark.parametrize("who", ["admin", "sda", "camat.penjaringan", "lurah.pluit", "sekko"])
def test_queue_pages_join_into_the_whole_queue(sample_copy: Database, who: str) -> None:
    _bounce(sample_copy)
    actor = authenticate(sample_copy, who, "demo-" + who.split(".")[0], NOW)
    later = NOW + timedelta(days=2)  # more reports late, some days late
    whole = my_queue(sample_copy, actor, later)
    kinds = {k: sum(1 for i in whole if i.kind == k) for k in {i.kind for i in whole}}
    pages = [queue_page(sample_copy, actor, later, offset=o, limit=7) for o in range(0, 70, 7)]
    assert [i for p in pages for i in p.items] == whole
    for page in pages:
        assert page.total == len(whole) and page.counts == kinds
        assert list(page.counts) == [k for k in KINDS if k in kinds]
    if who in ("admin", "sda"):
        assert len(whole) > 7, "the queue spans pages"
