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
from pantau.sample.siaga import generate_siaga
from pantau.sample.sites import generate_sites
from pantau.sample.usulan import generate_usulan
from pantau.store.ports import Store

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
    db: Store, now: datetime, place: Placer, password_rounds: int = 12
) -> SampleSummary:
    """Fill an empty database with the sample data, in one transaction.

    `now` is naive UTC; `place` maps points to kelurahan (see pantau.geo.spatial).
    """
    ctx = SampleContext(now=now.replace(microsecond=0), place=place)
    with db.write() as s:
        users = generate_users(ctx, s, password_rounds)
        sites = generate_sites(ctx, s)
        pockets, reports = generate_floods(ctx, s)
        groups, tasks = generate_community(ctx, s)
        _, watch_tasks = generate_siaga(ctx, s)
        generate_usulan(ctx, s)
        ctx.events.sort(key=lambda e: e.occurred_at)
        s.events.append(ctx.events)
        s.meta.put("sample_data", "1")
        s.meta.put("sample_generated_at", ctx.now.isoformat(sep=" "))
        s.meta.bump_data_version()
    return SampleSummary(
        len(sites), pockets, reports, groups, tasks + watch_tasks, len(users), len(ctx.events)
    )
