"""The area overview: counts per kelurahan and headline totals."""

from __future__ import annotations

from datetime import datetime, timedelta

import pandas as pd

from pantau.store import Database
from pantau.store import summary as summary_store


def kelurahan_overview(
    db: Database, now: datetime, kecamatan_kode: str | None = None
) -> pd.DataFrame:
    """Counts per kelurahan (sites, open/tidied, reports of the last 12 months, open
    reports, pockets), optionally for one kecamatan."""
    frame = summary_store.kelurahan_counts(db.cursor(), now - timedelta(days=365))
    if kecamatan_kode:
        frame = frame[frame["kecamatan_kode"] == kecamatan_kode].reset_index(drop=True)
    return frame
