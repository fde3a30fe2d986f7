"""Enlarge a sample database with synthetic genangan reports, for benchmarks.

The extra reports are copies of the sample's reports moved by up to ~30 m and
shifted in time, so they keep the sample's spatial clustering.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pantau.store import Database, meta, tables


def enlarge_reports(db: Database, total: int, seed: int = 7) -> int:
    """Add reports until the database holds `total`; return how many were added."""
    cur = db.cursor()
    have = tables.count(cur, "reports")
    need = total - have
    if need <= 0:
        return 0
    base = tables.read(cur, "reports", order_by="id")
    rng = np.random.default_rng(seed)
    pick = base.iloc[rng.integers(0, len(base), need)].reset_index(drop=True)
    pick["lon"] = (pick["lon"] + rng.normal(0, 0.00015, need)).round(6)
    pick["lat"] = (pick["lat"] + rng.normal(0, 0.00015, need)).round(6)
    # New observation times spread over the last year, every lifecycle time moved along.
    latest = base["observed_at"].max()
    new_observed = latest - pd.to_timedelta(rng.integers(0, 365 * 24, need), unit="h")
    delta = pick["observed_at"] - new_observed
    for col in (
        "observed_at",
        "created_at",
        "updated_at",
        "verified_at",
        "handled_at",
        "receded_at",
        "closed_at",
    ):
        pick[col] = pick[col] - delta
    pick["duplicate_of"] = None
    with db.transaction() as tx:
        pick["id"] = tables.reserve_ids(tx, "reports", need)
        tables.insert_frame(tx, "reports", pick)
        meta.bump_data_version(tx)
    return need
