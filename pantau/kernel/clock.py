"""The one clock seam. Every "now" in the app, the CLI and the sample data comes from
`now_utc()`; tests (and a demo frozen at one moment) set PANTAU_NOW, so no result
depends on the day a test happens to run."""

from __future__ import annotations

import os
from datetime import UTC, datetime

from pantau.kernel.errors import InvalidInput

VARIABLE = "PANTAU_NOW"


def fixed_now() -> datetime | None:
    """The moment PANTAU_NOW names (naive UTC), or None when the real clock is used.

    Raises InvalidInput for a value that is not an ISO date-time."""
    raw = os.environ.get(VARIABLE, "").strip()
    if not raw:
        return None
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        raise InvalidInput(
            f"{VARIABLE}={raw!r} bukan waktu ISO (contoh: 2026-11-24T03:00:00, UTC)."
        ) from None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


def now_utc() -> datetime:
    """The current time as naive UTC, the form every TIMESTAMP column holds."""
    return fixed_now() or datetime.now(UTC).replace(tzinfo=None)
