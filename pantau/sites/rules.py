"""Penataan sites: the rules that say what is late, due or bouncing, and editing.

Dates: a target date is a WIB calendar day; a site is overdue from the day
after its target while it is not `tertata`. A tidied site is due for a sweep
once its last sweep (or, never swept, the moment it became tidy) is older than
its interval, and late by the WIB days since the day it fell due — one rule for the
list, the map, the queue and the site page.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any

import pandas as pd

from pantau.access.permissions import Actor, Area, require
from pantau.access.records import apply_change
from pantau.city.timefmt import to_wib, wib_today
from pantau.kernel.errors import InvalidInput, Msg, msg
from pantau.kernel.vocab import codes
from pantau.store import Database

PING_PONG_REVERSALS = 2


def is_overdue(status: str, target: date | None, today: date) -> bool:
    """Past its target date (WIB) and not tidied."""
    return status != "tertata" and target is not None and today > target


def is_due_for_sweep(
    status: str,
    last_sweep_at: datetime | None,
    interval_days: int,
    now: datetime,
    tidied_at: datetime | None = None,
) -> bool:
    """A tidied site whose last sweep (never swept: the moment it became tidy) is
    older than its interval (naive UTC times). Without either time it is due."""
    if status != "tertata":
        return False
    due = _sweep_due_at(last_sweep_at, interval_days, tidied_at)
    return due is None or now > due


def _sweep_due_at(
    last_sweep_at: datetime | None, interval_days: int, tidied_at: datetime | None
) -> datetime | None:
    reference = last_sweep_at or tidied_at
    return None if reference is None else reference + timedelta(days=interval_days)


def sweep_due_on(
    status: str,
    last_sweep_at: datetime | None,
    interval_days: int,
    tidied_at: datetime | None = None,
) -> date | None:
    """The WIB day a tidied site's next sweep falls due: its interval after the last
    sweep or, never swept, after it became tidy. None when it is not tidied or neither
    time is known."""
    if status != "tertata":
        return None
    due = _sweep_due_at(last_sweep_at, interval_days, tidied_at)
    return None if due is None else to_wib(due).date()


def sweep_days_late(
    status: str,
    last_sweep_at: datetime | None,
    interval_days: int,
    now: datetime,
    tidied_at: datetime | None = None,
) -> int:
    """Whole WIB days from the day the sweep fell due to today (0 when not due, due
    today, or the due day is unknown)."""
    if not is_due_for_sweep(status, last_sweep_at, interval_days, now, tidied_at):
        return 0
    due = sweep_due_on(status, last_sweep_at, interval_days, tidied_at)
    return 0 if due is None else max(0, (wib_today(now) - due).days)


def reversals(levels: Sequence[str]) -> int:
    """How many hand-overs went straight back to the level before.

    `levels` is the sequence of owner levels a record passed through, e.g.
    kelurahan → kecamatan → kelurahan → kecamatan has two reversals.
    """
    return sum(1 for i in range(2, len(levels)) if levels[i] == levels[i - 2])


def level_sequences(changes: pd.DataFrame) -> dict[int, list[str]]:
    """Owner-level sequences per record from its hand-over events (old → new, in order)."""
    out: dict[int, list[str]] = {}
    for rid, old, new in changes[["record_id", "old_value", "new_value"]].itertuples(index=False):
        seq = out.setdefault(int(rid), [str(old)])
        seq.append(str(new))
    return out


def ping_pong_ids(changes: pd.DataFrame) -> set[int]:
    """Records handed back and forth (two or more reversals)."""
    return {
        rid
        for rid, seq in level_sequences(changes).items()
        if reversals(seq) >= PING_PONG_REVERSALS
    }


def flag_sites(
    frame: pd.DataFrame,
    now: datetime,
    ping_pong: Iterable[int],
    tidied: Mapping[int, datetime] | None = None,
) -> pd.DataFrame:
    """Add `overdue`, `due_sweep`, `sweep_due_on`, `sweep_days_late` and `ping_pong`
    columns to a sites frame.

    `tidied` gives when each site last became tertata (from the log; else its last
    update); a tidied site never swept is due once that is older than its interval.
    """
    became = tidied or {}
    today = wib_today(now)
    bouncing = set(ping_pong)
    out = frame.copy()
    out["overdue"] = [
        is_overdue(s, None if pd.isna(t) else pd.Timestamp(t).date(), today)
        for s, t in zip(out["status"], out["target_date"], strict=True)
    ]
    sweeps = [
        (
            s,
            None if pd.isna(last) else pd.Timestamp(last).to_pydatetime(),
            int(iv),
            became.get(int(i)) or (None if pd.isna(upd) else pd.Timestamp(upd).to_pydatetime()),
        )
        for i, s, last, iv, upd in zip(
            out["id"],
            out["status"],
            out["last_sweep_at"],
            out["sweep_interval_days"],
            out["updated_at"],
            strict=True,
        )
    ]
    out["due_sweep"] = [is_due_for_sweep(s, last, iv, now, ref) for s, last, iv, ref in sweeps]
    out["sweep_due_on"] = pd.Series(
        [sweep_due_on(s, last, iv, ref) for s, last, iv, ref in sweeps],
        index=out.index,
        dtype=object,
    )
    out["sweep_days_late"] = [sweep_days_late(s, last, iv, now, ref) for s, last, iv, ref in sweeps]
    out["ping_pong"] = out["id"].map(lambda i: int(i) in bouncing)
    return out


# Fields of a site a person in its area may edit directly. Status, owner level and
# sweeps move through their own workflows.
EDITABLE_FIELDS = ("name", "address", "category", "target_date", "sweep_interval_days")
MAX_NAME = 120
MAX_TEXT = 300


def validate_site_fields(values: Mapping[str, Any]) -> dict[str, Any]:
    """Cleaned values for EDITABLE_FIELDS. Raises InvalidInput naming each bad field."""
    unknown = sorted(set(values) - set(EDITABLE_FIELDS))
    if unknown:
        raise InvalidInput("err_columns_not_editable", columns=", ".join(unknown))
    clean: dict[str, Any] = {}
    problems: dict[str, Msg] = {}
    for name, value in values.items():
        if name in ("name", "address"):
            text = "" if value is None else str(value).strip()
            limit = MAX_NAME if name == "name" else MAX_TEXT
            if name == "name" and not text:
                problems[name] = msg("err_field_site_name")
            elif len(text) > limit:
                problems[name] = msg("err_field_max_chars_now", n=limit, now=len(text))
            clean[name] = text or None
        elif name == "category":
            if value not in codes("site_category"):
                problems[name] = msg("err_field_category")
            clean[name] = value
        elif name == "target_date":
            if value is not None and not isinstance(value, date):
                problems[name] = msg("err_field_target_date")
            clean[name] = value
        else:  # sweep_interval_days
            try:
                days = int(value)
            except (TypeError, ValueError):
                days = 0
            if not 1 <= days <= 365:
                problems[name] = msg("err_field_sweep_interval")
            clean[name] = days
    if problems:
        raise InvalidInput("err_check_marked", problems)
    return clean


def edit_site(
    db: Database,
    actor: Actor,
    site_id: int,
    expected_version: int,
    values: Mapping[str, Any],
    now: datetime,
    note: str | None = None,
) -> dict[str, Any]:
    """Change a site's editable fields, as `actor`, if it is still at `expected_version`.

    Raises NotAllowed outside the actor's area, InvalidInput, NotFound, Conflict.
    """
    clean = validate_site_fields(values)

    def check(stored: dict[str, Any]) -> None:
        require(actor, "edit_site", Area(stored["kecamatan_kode"], stored["kelurahan_kode"]))
        if stored["retired"]:
            raise InvalidInput("err_site_retired_edit")

    return apply_change(
        db, actor, "site", "sites", site_id, expected_version, clean, now, check=check, note=note
    )
