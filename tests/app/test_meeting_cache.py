"""The meeting's brief, map and files are cached by data version: not rebuilt every
minute (the minute once keyed them), rebuilt after a write, and the files are built
only when a download asks for them."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from pantau.access.auth import authenticate
from pantau.floods.reports import create_report
from pantau.ui import cache
from tests.app.conftest import start
from tests.conftest import NOW

TODAY = date(2026, 11, 24)  # NOW is 10.00 WIB that day


def test_a_past_meeting_is_keyed_by_its_day_and_todays_by_the_hour() -> None:
    end_of_day = datetime(2026, 11, 17, 16, 59, 59, 999999)  # 23.59.59 WIB
    assert cache._moment_key(date(2026, 11, 17), NOW) == end_of_day
    assert cache._moment_key(date(2026, 11, 17), NOW + timedelta(hours=5)) == end_of_day
    for minutes in (0, 1, 37, 59):
        assert cache._moment_key(TODAY, NOW + timedelta(minutes=minutes)) == NOW
    assert cache._moment_key(TODAY, NOW + timedelta(minutes=61)) == NOW + timedelta(hours=1)


def test_the_brief_is_reused_within_the_hour_and_rebuilt_after_a_write(app_env: Path) -> None:
    start("sekko", page="pages/rapat.py")  # the app has opened (and owns) the file
    compare = TODAY - timedelta(days=7)
    first = cache.meeting_brief(TODAY, compare, NOW)
    assert first.at == NOW
    later = cache.meeting_brief(TODAY, compare, NOW + timedelta(minutes=25))
    assert later.at == NOW and later.headline == first.headline  # not rebuilt
    files = cache.meeting_files(TODAY, compare, NOW + timedelta(minutes=30))
    assert set(files) == {"pdf", "xlsx", "chart"} and all(callable(f) for f in files.values())
    assert files["pdf"]().startswith(b"%PDF") and files["xlsx"]().startswith(b"PK")
    db = cache.database()
    lurah = authenticate(db, "lurah.pluit", "demo-lurah", NOW)
    create_report(
        db,
        lurah,
        NOW + timedelta(minutes=40),
        {"depth_cm": 30, "cause": "hujan_lebat", "source": "warga", "observed_at": NOW},
        lon=106.7905,
        lat=-6.1180,
    )
    fresh = cache.meeting_brief(TODAY, compare, NOW + timedelta(minutes=41))
    assert fresh.at == NOW + timedelta(minutes=41)
    opened = {name: (now, before) for name, now, before in fresh.headline}
    was = {name: (now, before) for name, now, before in first.headline}
    assert opened != was  # the new report counts among those opened this week
