"""Which kelurahan a point lies in: the spatial join.

Boundaries (from `pantau.geo.boundaries`) are simplified polygons: neighbours may
overlap slightly or leave thin gaps. Every point gets one of four placements:

* ``inside``  – in exactly one polygon;
* ``overlap`` – in two or more polygons (a point on a shared border counts as
  in both): it goes to the polygon it lies *deepest* in (largest distance to
  that polygon's boundary, to the millimetre); on a tie (e.g. a point on a
  shared border, depth 0 in both) to the smallest kode;
* ``gap``     – in no polygon but within `tolerance_m` of one: it goes to the
  nearest polygon (smallest kode on an exact tie);
* ``outside`` – farther than `tolerance_m` from every polygon: no kelurahan.

Containment is tested in the boundaries' own CRS (EPSG:4326, where the edges are
defined); depths and distances are measured in EPSG:32748 (UTM 48S, metres).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import CRS, Transformer

from pantau.city.areas import kelurahan_by_kode
from pantau.city.seam import METRIC_CRS
from pantau.kernel.errors import InvalidInput, Joined, Msg, msg

PlacementKind = Literal["inside", "overlap", "gap", "outside"]
PLACEMENTS: tuple[PlacementKind, ...] = ("inside", "overlap", "gap", "outside")
DEFAULT_TOLERANCE_M = 250.0
_TO_METRIC = Transformer.from_crs("EPSG:4326", METRIC_CRS, always_xy=True)


# (lon array, lat array) -> DataFrame with kelurahan_kode, kecamatan_kode, placement
Placer = Callable[[np.ndarray, np.ndarray], pd.DataFrame]


@dataclass(frozen=True)
class Placement:
    """Where one point lies; `distance_m` is 0 unless `placement` is "gap"."""

    kelurahan_kode: str
    kecamatan_kode: str
    placement: PlacementKind
    distance_m: float


def _check_boundaries(boundaries: gpd.GeoDataFrame) -> None:
    if not isinstance(boundaries, gpd.GeoDataFrame):
        raise ValueError(f"boundaries must be a GeoDataFrame, got {type(boundaries).__name__}")
    if boundaries.crs is None:
        raise ValueError("boundaries have no CRS; expected EPSG:4326")
    if not CRS(boundaries.crs).equals("EPSG:4326", ignore_axis_order=True):
        raise ValueError(f"boundaries must be in EPSG:4326, got {CRS(boundaries.crs).to_string()}")
    missing = [c for c in ("kode", "kecamatan_kode") if c not in boundaries.columns]
    if missing:
        raise ValueError(f"boundaries lack column(s): {', '.join(missing)}")
    if len(boundaries) == 0:
        raise ValueError("boundaries are empty")
    if boundaries.geometry.isna().any() or boundaries.geometry.is_empty.any():
        raise ValueError("boundaries contain missing or empty geometries")


def _coordinates(
    lon: Sequence[float] | np.ndarray, lat: Sequence[float] | np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    x = np.asarray(lon, dtype=np.float64)
    y = np.asarray(lat, dtype=np.float64)
    if x.ndim != 1 or y.ndim != 1:
        raise ValueError(f"lon and lat must be 1-D, got shapes {x.shape} and {y.shape}")
    if len(x) != len(y):
        raise ValueError(f"lon and lat differ in length: {len(x)} and {len(y)}")
    bad = ~(np.isfinite(x) & np.isfinite(y) & (np.abs(x) <= 180) & (np.abs(y) <= 90))
    if bad.any():
        first = int(np.flatnonzero(bad)[0])
        raise ValueError(
            f"{int(bad.sum())} point(s) have missing or out-of-range lon/lat; "
            f"first at position {first}: ({x[first]}, {y[first]})"
        )
    return x, y


def _first_per_group(group: np.ndarray, *keys: np.ndarray) -> np.ndarray:
    """Positions of the first row of each `group` after sorting by group, then `keys`."""
    order = np.lexsort((*reversed(keys), group))
    sorted_group = group[order]
    first = np.ones(len(order), dtype=bool)
    first[1:] = sorted_group[1:] != sorted_group[:-1]
    return np.asarray(order[first])


def _segments(polygons: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every boundary segment of `polygons` as a 2-point line, and its polygon's index."""
    rings, ring_owner = shapely.get_parts(shapely.boundary(polygons), return_index=True)
    coords, ring_idx = shapely.get_coordinates(rings, return_index=True)
    same = ring_idx[1:] == ring_idx[:-1]
    pairs = np.stack([coords[:-1][same], coords[1:][same]], axis=1)
    return shapely.linestrings(pairs), np.asarray(ring_owner[ring_idx[:-1][same]])


def join_points(
    boundaries: gpd.GeoDataFrame,
    lon: Sequence[float] | np.ndarray,
    lat: Sequence[float] | np.ndarray,
    tolerance_m: float = DEFAULT_TOLERANCE_M,
) -> pd.DataFrame:
    """Place every (lon, lat) point (WGS84) in a kelurahan, vectorised.

    Returns one row per point, in input order (RangeIndex), with columns
    ``kelurahan_kode`` (None when outside), ``kecamatan_kode`` (None when
    outside), ``placement`` (see the module docstring for the rules),
    ``distance_m`` (0 for inside/overlap, metres to the nearest polygon
    otherwise) and ``nearest_kode`` (the kelurahan assigned, or for an outside
    point the nearest one).

    Raises ValueError when `boundaries` is not a GeoDataFrame in EPSG:4326 with
    columns kode and kecamatan_kode and non-empty geometries (it is never
    reprojected silently), when lon/lat are not 1-D, differ in length, or hold
    NaN / out-of-range values, or when `tolerance_m` is negative or not finite.
    """
    _check_boundaries(boundaries)
    x, y = _coordinates(lon, lat)
    if not (math.isfinite(tolerance_m) and tolerance_m >= 0):
        raise ValueError(f"tolerance_m must be a finite number >= 0, got {tolerance_m}")
    kodes = boundaries["kode"].astype(str).to_numpy()
    kecamatan = boundaries["kecamatan_kode"].astype(str).to_numpy()
    rank = np.argsort(np.argsort(kodes, kind="stable"), kind="stable")  # tie-break: smallest kode
    polygons = boundaries.geometry.to_numpy()
    metric = boundaries.geometry.to_crs(METRIC_CRS).to_numpy()
    n = len(x)

    def projected(idx: np.ndarray) -> np.ndarray:
        px, py = _TO_METRIC.transform(x[idx], y[idx])
        return np.asarray(shapely.points(np.asarray(px), np.asarray(py)))

    assigned = np.full(n, -1, dtype=np.intp)
    nearest = np.full(n, -1, dtype=np.intp)
    distance = np.zeros(n, dtype=np.float64)
    placement = np.full(n, "inside", dtype=object)

    # Containment in the boundaries' own CRS, so a point on a shared border is in both.
    point_idx, poly_idx = shapely.STRtree(polygons).query(
        shapely.points(x, y), predicate="intersects"
    )
    hits = np.bincount(point_idx, minlength=n)
    single = hits[point_idx] == 1
    assigned[point_idx[single]] = poly_idx[single]
    if not single.all():
        mp, mg = point_idx[~single], poly_idx[~single]
        depth_mm = np.round(shapely.distance(projected(mp), shapely.boundary(metric[mg])), 3)
        pick = _first_per_group(mp, -depth_mm, rank[mg])
        assigned[mp[pick]] = mg[pick]
        placement[hits >= 2] = "overlap"

    free = np.flatnonzero(hits == 0)
    if len(free):
        # A point in no polygon is as far from a polygon as from its boundary; a tree of
        # boundary segments answers nearest queries faster than one of whole polygons.
        segments, owner = _segments(metric)
        (qi, qs), dist = shapely.STRtree(segments).query_nearest(
            projected(free), return_distance=True, all_matches=True
        )
        pick = _first_per_group(qi, dist, rank[owner[qs]])
        target = free[qi[pick]]
        nearest[target] = owner[qs[pick]]
        distance[target] = dist[pick]
        within = distance[free] <= tolerance_m
        assigned[free[within]] = nearest[free[within]]
        placement[free[within]] = "gap"
        placement[free[~within]] = "outside"
    nearest = np.where(assigned >= 0, assigned, nearest)

    kode_or_none = np.array([*kodes.tolist(), None], dtype=object)  # index -1 → None
    kec_or_none = np.array([*kecamatan.tolist(), None], dtype=object)
    return pd.DataFrame(
        {
            "kelurahan_kode": pd.Series(kode_or_none[assigned], dtype=object),
            "kecamatan_kode": pd.Series(kec_or_none[assigned], dtype=object),
            "placement": pd.Series(placement, dtype=object),
            "distance_m": distance,
            "nearest_kode": pd.Series(kode_or_none[nearest], dtype=object),
        }
    )


def format_distance(metres: float) -> str:
    """Indonesian distance text: "850 m" below 1 km, else "3,4 km"."""
    if metres < 1000:
        return f"{metres:.0f} m"
    return f"{metres / 1000:.1f}".replace(".", ",") + " km"


def assign_point(
    boundaries: gpd.GeoDataFrame,
    lon: float,
    lat: float,
    tolerance_m: float = DEFAULT_TOLERANCE_M,
) -> Placement:
    """Place one point (see `join_points` for the rules).

    Raises InvalidInput (fields "lon"/"lat", or "lokasi") when lon/lat is
    missing, not a number or out of range, or when the point lies outside
    Jakarta Utara (farther than `tolerance_m` from every kelurahan; the message
    names the nearest kelurahan and the distance). Raises ValueError for bad
    `boundaries` or `tolerance_m`, as `join_points` does.
    """
    fields: dict[str, Msg] = {}
    for name, value, limit in (("lon", lon, 180.0), ("lat", lat, 90.0)):
        try:
            number = float(value)
        except (TypeError, ValueError):
            number = math.nan
        if not math.isfinite(number):
            fields[name] = msg("err_field_coordinate_number", name=name)
        elif abs(number) > limit:
            fields[name] = msg("err_field_coordinate_range", name=name, limit=f"{limit:g}")
    if fields:
        problems = Joined(tuple(fields.values()), sep=" ")
        raise InvalidInput("err_coordinates_invalid", fields, problems=problems)
    row = join_points(boundaries, [float(lon)], [float(lat)], tolerance_m).iloc[0]
    if row["placement"] == "outside":
        kode = str(row["nearest_kode"])
        message = msg(
            "err_point_outside",
            lat=f"{float(lat):.5f}",
            lon=f"{float(lon):.5f}",
            distance=format_distance(float(row["distance_m"])),
            kelurahan=_nama(boundaries, kode),
        )
        raise InvalidInput(message.key, {"lokasi": message}, **message.params)
    return Placement(
        kelurahan_kode=str(row["kelurahan_kode"]),
        kecamatan_kode=str(row["kecamatan_kode"]),
        placement=row["placement"],
        distance_m=float(row["distance_m"]),
    )


def _nama(boundaries: gpd.GeoDataFrame, kode: str) -> str:
    """The kelurahan's name: from the boundaries' `nama` column, else the reference list."""
    if "nama" in boundaries.columns:
        names = boundaries.loc[boundaries["kode"].astype(str) == kode, "nama"]
        if len(names):
            return str(names.iloc[0])
    known = kelurahan_by_kode().get(kode)
    return known.nama if known is not None else kode
