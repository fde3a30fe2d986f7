"""Deterministic, clearly labelled sample data for a new database.

Everything it writes is marked: codes start with ``CTH-``, names end in
"(contoh)", rows carry ``is_sample``, and `meta.sample_data` is set so every
page shows a "DATA CONTOH" banner. The same `now` gives the same data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pantau.geo.spatial import Placer
from pantau.sample.community import DEMO_ACCOUNTS, generate_community, generate_users
from pantau.sample.context import SampleContext
from pantau.sample.floods import generate_floods
from pantau.sample.sites import generate_sites
from pantau.sample.usulan import generate_usulan
from pantau.store import Database, meta
from pantau.store import events as event_store

__all__ = ["DEMO_ACCOUNTS", "SampleSummary", "load_sample"]


@dataclass(frozen=True)
class SampleSummary:
    sites: int
    pockets: int
    reports: int
    groups: int
    tasks: int
    users: int
    events: int


def load_sample(
    db: Database, now: datetime, place: Placer, password_rounds: int = 12
) -> SampleSummary:
    """Fill an empty database with the sample data, in one transaction.

    `now` is naive UTC; `place` maps points to kelurahan (see pantau.geo.spatial).
    """
    ctx = SampleContext(now=now.replace(microsecond=0), place=place)
    with db.transaction() as cur:
        users = generate_users(ctx, cur, password_rounds)
        sites = generate_sites(ctx, cur)
        pockets, reports = generate_floods(ctx, cur)
        groups, tasks = generate_community(ctx, cur)
        generate_usulan(ctx, cur)
        ctx.events.sort(key=lambda e: e.occurred_at)
        event_store.append(cur, ctx.events)
        meta.put(cur, "sample_data", "1")
        meta.put(cur, "sample_generated_at", ctx.now.isoformat(sep=" "))
        meta.bump_data_version(cur)
    return SampleSummary(len(sites), pockets, reports, groups, tasks, len(users), len(ctx.events))
