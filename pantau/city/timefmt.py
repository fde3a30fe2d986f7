"""Times for people: stored as naive UTC, shown in the city's time zone (WIB, UTC+7,
for every kota of DKI Jakarta: `pantau.city.seam.TIMEZONE`)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime

from pantau.city.seam import TIMEZONE
from pantau.kernel.i18n import LOCALES

WIB = ZoneInfo(TIMEZONE)
_LOCALES = LOCALES


def to_wib(moment: datetime) -> datetime:
    """A naive-UTC (or aware) datetime as an aware WIB datetime."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(WIB)


def wib_today(now_utc: datetime) -> date:
    """The calendar day in Jakarta at the moment `now_utc`."""
    return to_wib(now_utc).date()


def day_start_utc(day: date) -> datetime:
    """00:00 WIB of `day`, as naive UTC (the form TIMESTAMP columns hold)."""
    return datetime.combine(day, time(0, 0), tzinfo=WIB).astimezone(UTC).replace(tzinfo=None)


def format_wib(moment: datetime | None, lang: str = "id") -> str:
    """E.g. '24 Nov 2026 18.05 WIB' (id) or '24 Nov 2026, 18:05 WIB' (en); '–' for None."""
    if moment is None:
        return "–"
    local = to_wib(moment)
    pattern = "d MMM y HH.mm" if lang == "id" else "d MMM y, HH:mm"
    return format_datetime(local, pattern, tzinfo=WIB, locale=_LOCALES.get(lang, "id_ID")) + " WIB"


def format_clock(moment: datetime, lang: str = "id") -> str:
    """E.g. '18.05 WIB' (id) or '18:05 WIB' (en)."""
    pattern = "HH.mm" if lang == "id" else "HH:mm"
    return (
        format_datetime(to_wib(moment), pattern, tzinfo=WIB, locale=_LOCALES.get(lang, "id_ID"))
        + " WIB"
    )


def format_day(day: date | None, lang: str = "id") -> str:
    """E.g. 'Selasa, 24 November 2026'."""
    if day is None:
        return "–"
    return format_date(day, "EEEE, d MMMM y", locale=_LOCALES.get(lang, "id_ID"))


def format_short_day(day: date | None, lang: str = "id") -> str:
    """E.g. '18 Jun 2026'; '–' for None."""
    if day is None:
        return "–"
    return format_date(day, "d MMM y", locale=_LOCALES.get(lang, "id_ID"))
