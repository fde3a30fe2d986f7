"""Penataan sites: the rules that say what is late, due or bouncing.

Dates: a target date is a WIB calendar day; a site is overdue from the day
after its target while it is not `tertata`. A tidied site is due for a sweep
once its last sweep (or, never swept, the moment it became tidy) is older than
its interval.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta

import pandas as pd

from pantau.timefmt import wib_today

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
    """A tidied site whose last sweep is older than its interval (naive UTC times)."""
    if status != "tertata":
        return False
    reference = last_sweep_at or tidied_at
    if reference is None:
        return True
    return now - reference > timedelta(days=interval_days)


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


def flag_sites(frame: pd.DataFrame, now: datetime, ping_pong: Iterable[int]) -> pd.DataFrame:
    """Add `overdue`, `due_sweep` and `ping_pong` columns to a sites frame."""
    today = wib_today(now)
    bouncing = set(ping_pong)
    out = frame.copy()
    out["overdue"] = [
        is_overdue(s, None if pd.isna(t) else pd.Timestamp(t).date(), today)
        for s, t in zip(out["status"], out["target_date"], strict=True)
    ]
    out["due_sweep"] = [
        is_due_for_sweep(
            s,
            None if pd.isna(last) else pd.Timestamp(last).to_pydatetime(),
            int(iv),
            now,
            None if pd.isna(upd) else pd.Timestamp(upd).to_pydatetime(),
        )
        for s, last, iv, upd in zip(
            out["status"],
            out["last_sweep_at"],
            out["sweep_interval_days"],
            out["updated_at"],
            strict=True,
        )
    ]
    out["ping_pong"] = out["id"].map(lambda i: int(i) in bouncing)
    return out
