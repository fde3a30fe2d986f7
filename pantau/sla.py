"""Service levels for genangan reports (Jakarta's complaint-handling rule): a first
response within PANTAU_SLA_RESPONSE_HOURS of the report, and the follow-up within
PANTAU_SLA_FOLLOWUP_DAYS. The clock starts when the report was recorded."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

AWAITING_RESPONSE = frozenset({"dilaporkan"})
AWAITING_FOLLOWUP = frozenset({"dilaporkan", "diverifikasi", "ditangani"})


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
        return status in AWAITING_RESPONSE and now > self.response_due(reported_at)

    def followup_late(self, status: str, reported_at: datetime, now: datetime) -> bool:
        return status in AWAITING_FOLLOWUP and now > self.followup_due(reported_at)
