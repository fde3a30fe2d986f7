"""The pockets a warning puts at risk, ranked, per kelurahan, with the community groups
that can watch them (contacts masked for the reader).

A pocket in a covered kelurahan is at risk when it is chronic (`pockets.is_chronic`)
or its reports of the last 12 months name a cause the warning is about
(`siaga.KIND_CAUSES`: rob pockets for rob, drainage causes for rain). Ranked: chronic
first, then matching causes, then the deepest, then the most recent flood.

The record is read as it was when the warning began (or now, for a warning still to
come): reports that arrive during the window are its outcome, not its reason.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pandas as pd

from pantau.access.permissions import Actor
from pantau.city import areas
from pantau.community.views import groups as visible_groups
from pantau.floods.pockets import chronic_stats, chronic_window
from pantau.siaga.warnings import KIND_CAUSES, covered
from pantau.store.ports import Store


@dataclass(frozen=True)
class KelurahanRisk:
    kode: str
    nama: str
    kecamatan_kode: str
    pockets: pd.DataFrame  # ranked, see `at_risk`
    groups: pd.DataFrame  # active groups of the kelurahan, contacts masked for the reader


def read_at(warning: dict[str, Any], now: datetime) -> datetime:
    """The moment whose record decides the pockets at risk: the start of the warning,
    or now for one still to come."""
    starts: datetime = warning["starts_at"]
    return min(now, starts)


def at_risk(db: Store, warning: dict[str, Any], now: datetime) -> pd.DataFrame:
    """The pockets at risk in the covered kelurahan, ranked within each kelurahan
    (`rank` from 1), kelurahan by code. Columns of `pockets.chronic_stats` plus
    `matching` (reports with a cause the warning is about) and `rank`."""
    at = read_at(warning, now)
    since, until = chronic_window(at)
    causes = KIND_CAUSES.get(str(warning["kind"]), ())
    matching = db.read().siaga.cause_reports(causes, since, until)
    return rank_pockets(chronic_stats(db, at), matching, covered(warning))


def rank_pockets(
    stats: pd.DataFrame, matching: pd.DataFrame, kelurahan: Iterable[str]
) -> pd.DataFrame:
    """`at_risk` from its parts: pocket statistics with `chronic` (as
    `pockets.chronic_stats`), reports per pocket with a matching cause (`pocket_id`,
    `matching`) and the covered kelurahan."""
    stats = stats[stats["kelurahan_kode"].isin(set(kelurahan))]
    counts = dict(zip(matching["pocket_id"].astype(int), matching["matching"], strict=True))
    out = stats.copy()
    out["matching"] = [int(counts.get(int(i), 0)) for i in out["id"]]
    out = out[out["chronic"] | (out["matching"] > 0)]
    out = out.assign(_matches=out["matching"] > 0).sort_values(
        ["kelurahan_kode", "chronic", "_matches", "max_depth", "last_flood", "id"],
        ascending=[True, False, False, False, False, True],
    )
    out = out.drop(columns="_matches").reset_index(drop=True)
    out["rank"] = out.groupby("kelurahan_kode").cumcount() + 1
    return out


def by_kelurahan(
    db: Store,
    actor: Actor,
    warning: dict[str, Any],
    now: datetime,
    kelurahan: str | None = None,
) -> list[KelurahanRisk]:
    """The ranked pockets at risk per covered kelurahan that has any (or only
    `kelurahan`), each with its groups: most pockets at risk first."""
    ranked = at_risk(db, warning, now)
    if kelurahan is not None:
        ranked = ranked[ranked["kelurahan_kode"] == kelurahan]
    known = areas.kelurahan_by_kode()
    out: list[KelurahanRisk] = []
    for kode, pockets in ranked.groupby("kelurahan_kode", sort=True):
        kel = known.get(str(kode))
        if kel is None:
            continue
        groups = visible_groups(db, actor, kel.kode)
        if not groups.empty:
            groups = groups[groups["active"].astype(bool)].reset_index(drop=True)
        out.append(
            KelurahanRisk(
                kel.kode, kel.nama, kel.kecamatan_kode, pockets.reset_index(drop=True), groups
            )
        )
    return sorted(out, key=lambda k: (-len(k.pockets), k.kode))
