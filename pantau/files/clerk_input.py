"""Dates and times as clerks type them into a spreadsheet, read as WIB.

Dates are day first, as written in Indonesia: ``03/11/2026``, ``3-11-2026``,
``3.11.26``, ``3 Nov 2026``, ``3 November 2026``, ``3 Agustus 2026``, ``Selasa,
3 November 2026``; ISO ``2026-11-03`` (also what an Excel date cell reads as) and an
Excel day number (``46329``) are understood too. Never month first: ``03/11`` is
3 November.

Times: ``16.30``, ``16:30``, ``16:30:00``, ``16.3`` (Excel turned 16.30 into a number
and dropped the zero: half past four), ``1630``, ``930``, ``16`` (on the hour),
``4.30 PM``, ``pukul 16.30 WIB``.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from functools import lru_cache

MONTHS = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "feb": 2, "pebruari": 2, "peb": 2, "february": 2,
    "maret": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "aug": 8, "august": 8, "agust": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "oct": 10, "october": 10,
    "november": 11, "nov": 11, "nop": 11, "nopember": 11,
    "desember": 12, "des": 12, "dec": 12, "december": 12,
}  # fmt: skip
_WEEKDAY = re.compile(
    r"^(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad|monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday|sen|sel|rab|kam|jum|sab|min|mon|tue|wed|thu|fri|sat|sun)"
    r"\b[\s,./-]*"
)
_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})$")
_NAMED = re.compile(r"^(\d{1,2})[\s./-]*([a-z]+)\.?[\s.,/-]*(\d{4}|\d{2})$")
_SERIAL = re.compile(r"^(\d{5})(?:\.0+)?$")
_HM = re.compile(r"^(\d{1,2})([:.])(\d{1,2})(?:[:.](\d{1,2})(?:\.\d+)?)?$")
_DIGITS = re.compile(r"^(\d{1,4})$")
_MERIDIEM = re.compile(r"\s*([ap])\.?\s*m\.?$")
_TIME_WORDS = re.compile(r"^(?:pukul|pkl|jam)\b\.?\s*|\s*\bwib$")
# "<date> <time>" in one cell: the time is the last part, after a space, "T" or ",".
_SPLIT = re.compile(
    r"^(?P<date>.+?)(?:[\st,]+(?:pukul|pkl\.?|jam)?\s*)"
    r"(?P<time>\d{1,2}[:.]\d{1,2}(?:[:.]\d{1,2}(?:\.\d+)?)?(?:\s*[ap]\.?\s*m\.?)?)$"
)
EXCEL_EPOCH = date(1899, 12, 30)


def _clean(text: str) -> str:
    return " ".join(str(text).replace("\u00a0", " ").split()).strip().lower()


def _year(text: str) -> int:
    year = int(text)
    return 2000 + year if len(text) == 2 else year


@lru_cache(maxsize=4096)
def parse_date(text: str) -> date | None:
    """A day written as clerks write it (day first); None when it is not one."""
    t = _WEEKDAY.sub("", _clean(text))
    try:
        if m := _ISO.match(t):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := _DMY.match(t):
            return date(_year(m[3]), int(m[2]), int(m[1]))
        if (m := _NAMED.match(t)) and m[2] in MONTHS:
            return date(_year(m[3]), MONTHS[m[2]], int(m[1]))
        if m := _SERIAL.match(t):
            day = EXCEL_EPOCH + timedelta(days=int(m[1]))
            return day if 2000 <= day.year <= 2100 else None
    except ValueError:
        return None
    return None


@lru_cache(maxsize=4096)
def parse_time(text: str) -> time | None:
    """A time of day as clerks write it; None when it is not one."""
    t = _TIME_WORDS.sub("", _clean(text)).strip()
    meridiem = None
    if m := _MERIDIEM.search(t):
        meridiem, t = m[1], t[: m.start()].strip()
    if m := _HM.match(t):
        hour, minute = int(m[1]), int(m[3])
        if m[2] == "." and len(m[3]) == 1:
            minute *= 10  # 16.3 is what Excel keeps of 16.30
        second = int(m[4]) if m[4] else 0
    elif m := _DIGITS.match(t):
        digits = m[1]
        hour, minute = (
            (int(digits), 0) if len(digits) <= 2 else (int(digits[:-2]), int(digits[-2:]))
        )
        second = 0
    else:
        return None
    if meridiem:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if meridiem == "p" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return time(hour, minute, second)


@lru_cache(maxsize=4096)
def split_moment(text: str) -> tuple[date | None, time | None]:
    """A cell that may hold a date, a date and a time, or a time: (day, time of day)."""
    t = _clean(text)
    if not t:
        return None, None
    day = parse_date(t)
    if day is not None:
        return day, None
    if m := _SPLIT.match(t):
        day = parse_date(m["date"].strip(" ,"))
        if day is not None:
            return day, parse_time(m["time"])
    return None, parse_time(t)


def combine(date_text: str, time_text: str = "") -> tuple[datetime | None, str | None, str]:
    """The WIB moment a date cell and an optional time cell describe:
    (naive WIB datetime or None, the column at fault — "waktu" or "jam" — and why).

    A time cell and a time in the date cell must agree; beside a time cell, midnight in
    the date cell counts as no time (an Excel date cell reads as 00:00:00).
    """
    day, in_date = split_moment(date_text)
    if day is None:
        if not date_text.strip():
            return None, "waktu", "tanggal kosong"
        return None, "waktu", f"{date_text.strip()!r} bukan tanggal; tulis mis. 03/11/2026"
    at = in_date
    if time_text.strip():
        if in_date == time(0):
            in_date = None
        d2, given = split_moment(time_text)
        if given is None or (d2 is not None and d2 != day):
            return None, "jam", f"{time_text.strip()!r} bukan jam; tulis mis. 16.30 atau 16:30"
        if in_date is not None and in_date != given:
            return (
                None,
                "jam",
                (f"jam {given:%H:%M} berbeda dengan jam {in_date:%H:%M} di kolom tanggal"),
            )
        at = given
    if at is None:
        return None, "jam", "jam tidak ada: petakan kolom jam atau tulis mis. 03/11/2026 16.30"
    return datetime.combine(day, at), None, ""
