"""The list of penataan sites: filters, flags (overdue, due for a sweep, ping-pong),
and exports as CSV, XLSX and GeoJSON."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from pantau.city.timefmt import wib_today
from pantau.files.exports import csv_bytes, points_geojson, xlsx_bytes
from pantau.kernel.vocab import label
from pantau.sites import rules as site_rules
from pantau.store import Database, worklists
from pantau.store import mapdata as queries


@dataclass(frozen=True)
class SiteQuery:
    text: str = ""
    kecamatan: str | None = None
    kelurahan: str | None = None
    statuses: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    owner_levels: tuple[str, ...] = ()
    overdue: bool = False
    due_sweep: bool = False
    ping_pong: bool = False


def flagged_sites(
    db: Database,
    now: datetime,
    kecamatan: str | None = None,
    kelurahan: str | None = None,
    statuses: tuple[str, ...] = (),
    categories: tuple[str, ...] = (),
    owner_levels: tuple[str, ...] = (),
) -> pd.DataFrame:
    """Sites under the area and code filters with `overdue`, `due_sweep`, `ping_pong`."""
    cur = db.cursor()
    frame = queries.sites(cur, kecamatan, kelurahan, statuses, categories, owner_levels)
    bouncing = site_rules.ping_pong_ids(queries.owner_level_changes(cur, "site"))
    return site_rules.flag_sites(frame, now, bouncing, worklists.tidied_at(cur))


def site_rows(db: Database, q: SiteQuery, now: datetime) -> pd.DataFrame:
    """The site list for `q`, sorted by code, with `days_late` (days past the
    target date, WIB; 0 when not overdue)."""
    frame = flagged_sites(
        db, now, q.kecamatan, q.kelurahan, q.statuses, q.categories, q.owner_levels
    )
    today = wib_today(now)
    frame["days_late"] = [
        (today - pd.Timestamp(t).date()).days if late else 0
        for late, t in zip(frame["overdue"], frame["target_date"], strict=True)
    ]
    text = q.text.strip().lower()
    if text:
        hit = frame["name"].str.lower().str.contains(text, regex=False) | frame[
            "code"
        ].str.lower().str.contains(text, regex=False)
        frame = frame[hit]
    for flag in ("overdue", "due_sweep", "ping_pong"):
        if getattr(q, flag):
            frame = frame[frame[flag]]
    return frame.reset_index(drop=True)


EXPORT_COLUMNS = (
    "code", "name", "category", "status", "kecamatan", "kelurahan", "kelurahan_kode",
    "address", "owner_level", "owner_unit", "target_date", "sweep_interval_days",
    "last_sweep_at", "overdue", "due_sweep", "ping_pong", "lon", "lat",
)  # fmt: skip


def export_frame(frame: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    """The columns people get in a file, with readable status and category labels."""
    out = frame[list(EXPORT_COLUMNS)].copy()
    out["status_label"] = [label("site_status", s, lang) for s in out["status"]]
    out["category_label"] = [label("site_category", c, lang) for c in out["category"]]
    return out


def to_csv(frame: pd.DataFrame) -> bytes:
    return csv_bytes(export_frame(frame))


def to_xlsx(frame: pd.DataFrame) -> bytes:
    return xlsx_bytes({"lokasi_penataan": export_frame(frame)})


def to_geojson(frame: pd.DataFrame) -> bytes:
    return points_geojson(export_frame(frame))
