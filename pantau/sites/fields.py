"""The fields of a penataan site: one check per field, whoever sends them.

The edit form (typed values), the admin's "add a site" form and a site file's rows
(text as written) all call `check`; a bad field gets the same message everywhere.
What only a file can get wrong (a missing column, a code used twice) and where the
site is (coordinates inside the city) are checked by the import.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from pantau.files.clerk_input import split_moment
from pantau.files.tables import header_key
from pantau.kernel.errors import Msg, msg
from pantau.kernel.vocab import SITE_OWNER_LEVELS, VOCABULARIES

MAX_NAME = 120
MAX_TEXT = 300
SWEEP_DAYS = (1, 365)
DEFAULT_SWEEP_DAYS = 14
FIELDS = (
    "code", "name", "category", "address", "owner_level", "owner_unit", "target_date",
    "sweep_interval_days",
)  # fmt: skip


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value):  # None or NaN
        return ""
    return str(value).strip()


def _category(written: str) -> str | None:
    """A category written as its code ("pkl"), its label or with spaces for underscores."""
    key = header_key(written)
    for code, term in VOCABULARIES["site_category"].items():
        if key in (header_key(code), header_key(term.id), header_key(term.en)):
            return code
    return None


def _day(value: Any) -> date | None:
    """A day from a date, or as clerks write it (31/03/2027, 31 Maret 2027, 2027-03-31)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    day, _ = split_moment(_text(value))
    return day


def _whole(value: Any) -> int | None:
    try:
        number = float(_text(value).replace(",", "."))
    except ValueError:
        return None
    return int(number) if number == number and number == int(number) else None


def check(values: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Msg]]:
    """Cleaned values of the fields present in `values`, and one message per bad field."""
    out: dict[str, Any] = {}
    problems: dict[str, Msg] = {}
    for name, value in values.items():
        text = _text(value)
        if name == "code":
            if not text:
                problems[name] = msg("err_field_site_code")
            out[name] = text
        elif name in ("name", "owner_unit"):
            if not text:
                required = "err_field_site_name" if name == "name" else "err_field_site_owner_unit"
                problems[name] = msg(required)
            elif len(text) > MAX_NAME:
                problems[name] = msg("err_field_max_chars_now", n=MAX_NAME, now=len(text))
            out[name] = text or None
        elif name == "address":
            if len(text) > MAX_TEXT:
                problems[name] = msg("err_field_max_chars_now", n=MAX_TEXT, now=len(text))
            out[name] = text or None
        elif name == "category":
            code = _category(text)
            if code is None:
                problems[name] = (
                    msg("err_field_unknown_choose", value=text)
                    if text
                    else msg("err_field_category")
                )
            out[name] = code
        elif name == "owner_level":
            if text.lower() not in SITE_OWNER_LEVELS:
                problems[name] = msg("err_field_site_owner_level")
            out[name] = text.lower()
        elif name == "target_date":
            day = _day(value) if text else None
            if text and day is None:
                problems[name] = msg("err_field_target_date")
            out[name] = day
        elif name == "sweep_interval_days":
            days = _whole(value) if text else DEFAULT_SWEEP_DAYS
            low, high = SWEEP_DAYS
            if days is None or not low <= days <= high:
                problems[name] = msg("err_field_sweep_interval")
            out[name] = days
        else:
            raise ValueError(f"not a field of a site: {name!r}")
    return out, problems
