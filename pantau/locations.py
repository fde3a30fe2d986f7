"""Where records are: the boundaries in force, placing points in them, and
re-joining every stored point when the boundaries change."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.geometry import mapping

from pantau import boundaries as boundary_files
from pantau import spatial
from pantau.db import Database, meta
from pantau.db import areas as area_store
from pantau.db import events as event_store
from pantau.db import locations as location_store
from pantau.db.tables import LOCATED_TABLES
from pantau.events import change_events
from pantau.spatial import Placer

Progress = Callable[[float, str], None]
RECORD_TYPE = {"sites": "site", "reports": "report", "pockets": "pocket"}


def current_boundaries(db: Database) -> gpd.GeoDataFrame:
    """The boundaries in force: kode, nama, kecamatan_kode, geometry (EPSG:4326)."""
    frame = area_store.boundaries_frame(db.cursor())
    geometry = gpd.GeoSeries.from_wkb(frame["geom_wkb"], crs="EPSG:4326")
    return gpd.GeoDataFrame(
        frame[["kode", "nama", "kecamatan_kode"]], geometry=geometry, crs="EPSG:4326"
    )


def placer(boundaries: gpd.GeoDataFrame, tolerance_m: float = 250.0) -> Placer:
    """A function placing arrays of points in `boundaries` (see spatial.join_points)."""

    def place(lon: np.ndarray, lat: np.ndarray) -> pd.DataFrame:
        return spatial.join_points(boundaries, lon, lat, tolerance_m=tolerance_m)

    return place


def store_boundaries(
    cur: duckdb.DuckDBPyConnection,
    gdf: gpd.GeoDataFrame,
    source: str,
    approximate: bool,
    at: datetime,
) -> None:
    """Write `gdf` (31 rows, kode + geometry) as the boundaries in force."""
    rows = [
        area_store.BoundaryRow(str(kode), bytes(geom.wkb))
        for kode, geom in zip(gdf["kode"], gdf.geometry, strict=True)
    ]
    area_store.replace_boundaries(cur, rows, source, approximate, at)


@dataclass
class RejoinSummary:
    checked: int = 0
    moved: int = 0
    by_placement: dict[str, int] = field(default_factory=dict)


def rejoin(
    cur: duckdb.DuckDBPyConnection,
    boundaries: gpd.GeoDataFrame,
    at: datetime,
    user_id: int | None,
    tolerance_m: float,
    progress: Progress | None = None,
) -> RejoinSummary:
    """Re-join every stored point to `boundaries` (inside the caller's transaction).

    Records whose kelurahan, kecamatan or placement changes get `rejoin` events.
    """
    summary = RejoinSummary()
    for step, table in enumerate(LOCATED_TABLES):
        if progress:
            progress(step / len(LOCATED_TABLES), f"Menggabungkan ulang {table}")
        pts = location_store.points(cur, table)
        if pts.empty:
            continue
        joined = spatial.join_points(
            boundaries, pts["lon"].to_numpy(), pts["lat"].to_numpy(), tolerance_m=tolerance_m
        )
        new = pd.DataFrame(
            {
                "id": pts["id"].to_numpy(),
                "kelurahan_kode": joined["kelurahan_kode"].to_numpy(),
                "kecamatan_kode": joined["kecamatan_kode"].to_numpy(),
                "placement": joined["placement"].to_numpy(),
            }
        )
        cols = ["kelurahan_kode", "kecamatan_kode", "placement"]
        old_vals = pts[cols].astype(object).where(pts[cols].notna(), None)
        new_vals = new[cols].astype(object).where(new[cols].notna(), None)
        changed = (old_vals != new_vals).any(axis=1).to_numpy()
        events = []
        for i in np.flatnonzero(changed):
            before = dict(zip(cols, old_vals.iloc[i], strict=True))
            after = dict(zip(cols, new_vals.iloc[i], strict=True))
            events += change_events(
                RECORD_TYPE[table],
                int(new["id"].iloc[i]),
                before,
                after,
                at,
                user_id,
                "rejoin",
                "Batas wilayah diperbarui",
            )
        location_store.write_placements(cur, table, new[changed])
        event_store.append(cur, events)
        summary.checked += len(pts)
        summary.moved += int(changed.sum())
        for placement, n in new["placement"].value_counts().items():
            summary.by_placement[str(placement)] = summary.by_placement.get(
                str(placement), 0
            ) + int(n)
    if progress:
        progress(1.0, "Selesai")
    return summary


@dataclass
class BoundaryImportResult:
    report: str
    rejoin: RejoinSummary


def import_boundaries(
    db: Database,
    path: Path,
    at: datetime,
    user_id: int | None = None,
    tolerance_m: float = 250.0,
    progress: Progress | None = None,
) -> BoundaryImportResult:
    """Import official boundaries from `path` and re-join every stored point.

    All or nothing: raises InvalidInput (nothing changed) when the file cannot be
    read or any of the 31 kelurahan is missing or ambiguous.
    """
    if progress:
        progress(0.05, "Membaca berkas")
    gdf = boundary_files.read_boundary_file(path)
    if progress:
        progress(0.2, "Mencocokkan kelurahan")
    matched = boundary_files.match_boundaries(gdf)
    with db.transaction() as cur:
        store_boundaries(cur, matched.boundaries, path.name, False, at)
        summary = rejoin(
            cur,
            matched.boundaries,
            at,
            user_id,
            tolerance_m,
            (lambda f, msg: progress(0.3 + 0.7 * f, msg)) if progress else None,
        )
        event_store.append(
            cur,
            [
                event_store.Event(
                    at,
                    user_id,
                    "boundaries",
                    0,
                    "import",
                    "source",
                    None,
                    path.name,
                    f"{len(matched.boundaries)} kelurahan diimpor",
                )
            ],
        )
        meta.bump_data_version(cur)
    return BoundaryImportResult(matched.report(), summary)


def kelurahan_geometry(db: Database, kode: str | None) -> dict[str, Any] | None:
    """The GeoJSON geometry of one kelurahan in the boundaries in force, or None."""
    if not kode:
        return None
    gdf = current_boundaries(db)
    hit = gdf[gdf["kode"] == kode]
    return None if hit.empty else dict(mapping(hit.geometry.iloc[0]))
