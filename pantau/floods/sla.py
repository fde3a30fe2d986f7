"""Service levels for genangan reports (Jakarta's complaint-handling rule): a first
response within PANTAU_SLA_RESPONSE_HOURS of the report, and the follow-up within
PANTAU_SLA_FOLLOWUP_DAYS. The clock starts when the report was recorded.

This module is the one home of the rule: lists, the map, the queue, the report page
and database queries (through `late_rules`) all ask it. Each check works on whole
columns (`late_mask`, `response_late_mask`, ...); the one-report forms (`late`,
`response_late`, ...) are the same masks for a single row."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np
import pandas as pd

from pantau.kernel.vocab import codes_in_group

AWAITING_RESPONSE = frozenset({"dilaporkan"})
# Every open report waits for its follow-up.
AWAITING_FOLLOWUP = frozenset(codes_in_group("report_status", "open"))


def _times(values: Iterable[object]) -> pd.Series:
    """A column of naive-UTC times in whole microseconds (NaT where missing), indexed
    0..n-1."""
    column = values if isinstance(values, pd.Series) else pd.Series(list(values))
    if not pd.api.types.is_datetime64_any_dtype(column):
        column = pd.to_datetime(column)
    if isinstance(column.dtype, pd.DatetimeTZDtype):
        column = column.dt.tz_convert("UTC").dt.tz_localize(None)
    return column.astype("datetime64[us]").reset_index(drop=True)


@dataclass(frozen=True)
class ServiceLevel:
    response_hours: float = 24.0
    followup_days: float = 7.0

    def response_due(self, reported_at: datetime) -> datetime:
        return reported_at + timedelta(hours=self.response_hours)

    def followup_due(self, reported_at: datetime) -> datetime:
        return reported_at + timedelta(days=self.followup_days)

    def response_late(self, status: str, reported_at: datetime, now: datetime) -> bool:
        """Still waiting for a first response after the deadline (exactly at it: on time)."""
        return bool(self.response_late_mask([status], [reported_at], now)[0])

    def followup_late(self, status: str, reported_at: datetime, now: datetime) -> bool:
        """Still open after the follow-up deadline (exactly at it: on time)."""
        return bool(self.followup_late_mask([status], [reported_at], now)[0])

    def late(self, status: str, reported_at: datetime, now: datetime) -> bool:
        """Late by either deadline."""
        return bool(self.late_mask([status], [reported_at], now)[0])

    def late_mask(
        self, statuses: Iterable[object], reported_at: Iterable[object], now: datetime
    ) -> np.ndarray:
        """`late` for whole columns at once: response late or follow-up late."""
        status = pd.Series(statuses if isinstance(statuses, pd.Series) else list(statuses))
        times = _times(reported_at)
        return np.asarray(
            self.response_late_mask(status, times, now)
            | self.followup_late_mask(status, times, now),
            dtype=bool,
        )

    def late_rules(self, now: datetime) -> tuple[tuple[tuple[str, ...], datetime], ...]:
        """(statuses, cutoff) pairs: a report is late when its status is in one pair's
        statuses and it was recorded before that pair's cutoff — what a database query
        needs to count or filter late reports the way `response_late` and
        `followup_late` decide them."""
        return (
            (tuple(sorted(AWAITING_RESPONSE)), now - timedelta(hours=self.response_hours)),
            (tuple(sorted(AWAITING_FOLLOWUP)), now - timedelta(days=self.followup_days)),
        )

    def response_late_mask(
        self, statuses: Iterable[object], reported_at: Iterable[object], now: datetime
    ) -> np.ndarray:
        """`response_late` for whole columns at once (a missing time is never late)."""
        (waiting, cutoff), _ = self.late_rules(now)
        return self._mask(statuses, reported_at, waiting, cutoff)

    def followup_late_mask(
        self, statuses: Iterable[object], reported_at: Iterable[object], now: datetime
    ) -> np.ndarray:
        """`followup_late` for whole columns at once (a missing time is never late)."""
        _, (waiting, cutoff) = self.late_rules(now)
        return self._mask(statuses, reported_at, waiting, cutoff)

    @staticmethod
    def _mask(
        statuses: Iterable[object],
        reported_at: Iterable[object],
        waiting: tuple[str, ...],
        cutoff: datetime,
    ) -> np.ndarray:
        status = pd.Series(statuses, dtype=object)
        times = _times(reported_at)
        if len(status) != len(times):
            raise ValueError("statuses and reported_at must have the same length")
        # now > at + limit  ⇔  at < now - limit, in whole microseconds either way.
        before = (times < pd.Timestamp(cutoff)).to_numpy(dtype=bool)
        return np.asarray(status.isin(waiting).to_numpy(dtype=bool) & before, dtype=bool)

    def deadline_column(
        self, statuses: Iterable[object], reported_at: Iterable[object]
    ) -> pd.Series:
        """The deadline that matters for each report: the first response while it still
        waits for one (met or missed), else the follow-up."""
        times = _times(reported_at)
        waiting = pd.Series(statuses if isinstance(statuses, pd.Series) else list(statuses))
        waiting = waiting.isin(AWAITING_RESPONSE)
        return self.response_due_column(times).where(
            waiting.to_numpy(dtype=bool), self.followup_due_column(times)
        )

    def response_due_column(self, reported_at: Iterable[object]) -> pd.Series:
        """`response_due` for a whole column."""
        return _times(reported_at) + pd.Timedelta(timedelta(hours=self.response_hours))

    def followup_due_column(self, reported_at: Iterable[object]) -> pd.Series:
        """`followup_due` for a whole column."""
        return _times(reported_at) + pd.Timedelta(timedelta(days=self.followup_days))
