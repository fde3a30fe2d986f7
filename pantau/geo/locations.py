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

from pantau.city import areas
from pantau.geo import boundaries as boundary_files
from pantau.geo import spatial
from pantau.geo.spatial import Placer
from pantau.kernel.errors import InvalidInput
from pantau.kernel.events import change_events
from pantau.store import Database, meta
from pantau.store import areas as area_store
from pantau.store import events as event_store
from pantau.store import locations as location_store
from pantau.store.tables import LOCATED_TABLES

Progress = Callable[[float, str], None]
RECORD_TYPE = {"sites": "site", "reports": "report", "pockets": "pocket"}


def current_boundaries(db: Database) -> gpd.GeoDataFrame:
    """The boundaries in force: kode, nama, kecamatan_kode, geometry (EPSG:4326)."""
    frame = area_store.boundaries_frame(db.cursor())
    geometry = gpd.GeoSeries.from_wkb(frame["geom_wkb"], crs="EPSG:4326")
    return gpd.GeoDataFrame(
        frame[["kode", "nama", "kecamatan_kode"]], geometry=geometry, crs="EPSG:4326"
    )


def boundary_info(db: Database) -> area_store.BoundaryInfo:
    """Where the boundaries in force come from: source, approximate or not, when."""
    return area_store.boundary_info(db.cursor())


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


# A record the boundaries left outside every kelurahan keeps its kelurahan with this
# placement until an admin moves it or confirms it (`pantau.geo.stranded`).
STRANDED = "outside"
CONFIRMED = "confirmed"


@dataclass(frozen=True)
class PointChange:
    """One record whose kelurahan a new set of boundaries changes (or strands)."""

    table: str
    id: int
    label: str
    old_kode: str | None
    new_kode: str | None  # None: outside every kelurahan
    distance_m: float  # to the nearest kelurahan when stranded, else 0
    nearest_kode: str | None

    def text(self) -> str:
        """One line for a report, in Indonesian, naming the record and the kelurahan."""
        old = kelurahan_name(self.old_kode)
        if self.new_kode is None:
            far = spatial.format_distance(self.distance_m)
            return (
                f"{self.label} (Kel. {old}): di luar semua kelurahan, {far} dari "
                f"Kel. {kelurahan_name(self.nearest_kode)}"
            )
        return f"{self.label}: Kel. {old} → Kel. {kelurahan_name(self.new_kode)}"


def kelurahan_name(kode: str | None) -> str:
    if not kode:
        return "–"
    try:
        return areas.kelurahan(kode).nama
    except KeyError:
        return kode


@dataclass
class RejoinSummary:
    checked: int = 0
    moved: int = 0
    by_placement: dict[str, int] = field(default_factory=dict)
    changes: list[PointChange] = field(default_factory=list)  # kelurahan changed
    stranded: list[PointChange] = field(default_factory=list)  # outside every kelurahan


def rejoin(
    cur: duckdb.DuckDBPyConnection,
    boundaries: gpd.GeoDataFrame,
    at: datetime,
    user_id: int | None,
    tolerance_m: float,
    progress: Progress | None = None,
) -> RejoinSummary:
    """Re-join every stored point to `boundaries` (inside the caller's transaction).

    Records whose kelurahan, kecamatan or placement changes get `rejoin` events and
    are listed in the summary. A record left outside every kelurahan keeps its
    kelurahan (so its lurah still holds it) with placement "outside" and is listed as
    stranded — the caller decides whether that may land; one an admin confirmed
    outside stays confirmed while it is still outside.
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
        out = (joined["placement"] == "outside").to_numpy()
        confirmed = out & (pts["placement"] == CONFIRMED).to_numpy()
        new = pd.DataFrame(
            {
                "id": pts["id"].to_numpy(),
                "kelurahan_kode": np.where(
                    out, pts["kelurahan_kode"].to_numpy(), joined["kelurahan_kode"].to_numpy()
                ),
                "kecamatan_kode": np.where(
                    out, pts["kecamatan_kode"].to_numpy(), joined["kecamatan_kode"].to_numpy()
                ),
                "placement": np.where(confirmed, CONFIRMED, joined["placement"].to_numpy()),
            }
        )
        moved = ~out & (
            pts["kelurahan_kode"].astype(object).to_numpy()
            != joined["kelurahan_kode"].astype(object).to_numpy()
        )
        stranded = out & ~confirmed
        if moved.any() or stranded.any():
            named = np.flatnonzero(moved | stranded)
            labels = location_store.labels(cur, table, [int(pts["id"].iloc[i]) for i in named])
            for i in named:
                rid = int(pts["id"].iloc[i])
                change = PointChange(
                    table,
                    rid,
                    labels.get(rid, f"#{rid}"),
                    _text_or_none(pts["kelurahan_kode"].iloc[i]),
                    None if stranded[i] else _text_or_none(joined["kelurahan_kode"].iloc[i]),
                    float(joined["distance_m"].iloc[i]) if stranded[i] else 0.0,
                    _text_or_none(joined["nearest_kode"].iloc[i]),
                )
                (summary.stranded if stranded[i] else summary.changes).append(change)
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


def _text_or_none(value: object) -> str | None:
    return None if value is None or value != value else str(value)


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
    force: bool = False,
) -> BoundaryImportResult:
    """Import official boundaries from `path` and re-join every stored point.

    All or nothing: raises InvalidInput (nothing changed) when the file cannot be
    read, any of the 31 kelurahan is missing or ambiguous, or — unless `force` —
    a stored record would fall outside every kelurahan (each one named, with its
    distance to the nearest kelurahan). With `force` those records land stranded:
    they keep their kelurahan and are listed by `pantau check` and on the admin
    page until an admin moves or confirms each (`pantau.geo.stranded`).
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
        if summary.stranded and not force:
            raise _strands(summary.stranded)  # the transaction rolls back: nothing changed
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


def _strands(stranded: list[PointChange]) -> InvalidInput:
    lines = "\n".join(f"- {c.text()}" for c in stranded)
    message = (
        f"Batas baru meninggalkan {len(stranded)} data di luar semua kelurahan; tidak ada "
        f"yang diimpor:\n{lines}\nPeriksa berkasnya (wilayah yang hilang, garis pantai), "
        "atau impor dengan --force lalu pindahkan atau konfirmasi data itu di halaman Admin."
    )
    return InvalidInput(message, {"berkas": message})


def kelurahan_geometry(db: Database, kode: str | None) -> dict[str, Any] | None:
    """The GeoJSON geometry of one kelurahan in the boundaries in force, or None."""
    if not kode:
        return None
    gdf = current_boundaries(db)
    hit = gdf[gdf["kode"] == kode]
    return None if hit.empty else dict(mapping(hit.geometry.iloc[0]))
