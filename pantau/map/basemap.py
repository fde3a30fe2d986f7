"""The map's own base layer, drawn from shipped boundary data: the region's kota and
the kecamatan of the wilayah in force, with their names. With no tile server (a
meeting room, a poor connection) this is what makes the city recognisable.

Geometry is simplified for the screen (a few metres, invisible at city zoom) and
sent as encoded polylines (the widely used 1e-5 "polyline algorithm": ~1 m steps,
about a quarter of the same rings in GeoJSON). `pwPolygons` in `static/map/pantau-map.js`
draws them.
"""

from __future__ import annotations

import copy
import html
from collections.abc import Sequence
from functools import cache, lru_cache
from typing import Any

import geopandas as gpd
import numpy as np
import shapely

from pantau.city import seam as cities
from pantau.map import topology

KOTA_FILE = cities.COVERAGE_FILE.parent / "kota.geojson"
SCREEN_TOLERANCE_DEG = 0.00003  # ~3 m: the largest detail dropped from kelurahan outlines
WIDE_TOLERANCE_DEG = 0.00006  # ~7 m, for a whole province (seen from further out)
CONTEXT_TOLERANCE_DEG = 0.0004  # ~45 m: neighbouring kota, seen only as context
PRECISION = 100_000  # 1e-5 degrees, ~1 m


def encode_ring(coords: np.ndarray) -> str:
    """One ring ([[lon, lat], ...]) in the polyline encoding (lat first, 1e-5 steps)."""
    return topology.encode_steps(np.round(np.asarray(coords) * PRECISION).astype(np.int64))


def screen_geometry(geom: Any, tolerance: float = SCREEN_TOLERANCE_DEG) -> dict[str, Any]:
    """`geom` (a polygon or multipolygon) simplified for drawing, as encoded rings:
    {"type": "EncodedPolygons", "polygons": [[outer, hole, ...], ...]}."""
    simple = shapely.simplify(geom, tolerance, preserve_topology=True)
    parts = shapely.get_parts(simple)
    polygons = [
        [encode_ring(shapely.get_coordinates(p.exterior))]
        + [encode_ring(shapely.get_coordinates(r)) for r in p.interiors]
        for p in parts
        if isinstance(p, shapely.Polygon) and not p.is_empty
    ]
    return {"type": "EncodedPolygons", "polygons": polygons}


def screen_tolerance() -> float:
    """How much detail kelurahan outlines keep for the wilayah in force."""
    return SCREEN_TOLERANCE_DEG if cities.current().level == "kota" else WIDE_TOLERANCE_DEG


def label_point(geom: Any) -> list[float]:
    """[lat, lon] of a point surely inside `geom` (a centroid may fall outside)."""
    spot = geom.representative_point()
    return [round(spot.y, 5), round(spot.x, 5)]


def _feature(geom: Any, tolerance: float, **properties: Any) -> dict[str, Any]:
    return {
        "type": "Feature",
        "geometry": screen_geometry(geom, tolerance),
        "properties": {**properties, "label_at": label_point(geom)},
    }


@cache
def _kota_features(lang: str) -> tuple[dict[str, Any], ...]:
    gdf = gpd.read_file(KOTA_FILE)
    out = []
    for kode, nama, geom in zip(gdf["kode_kemendagri"], gdf["nama"], gdf.geometry, strict=True):
        short = cities.ENGLISH_NAMES[kode][0] if lang == "en" else cities.short_name(str(nama))
        out.append(_feature(geom, CONTEXT_TOLERANCE_DEG, kode=kode, nama=html.escape(short)))
    return tuple(out)


def kota_layer(lang: str) -> dict[str, Any]:
    """Every kota of the region: outline, short name (HTML-escaped), label point."""
    return {"type": "FeatureCollection", "features": list(_kota_features(lang))}


def kecamatan_names(boundaries: gpd.GeoDataFrame) -> dict[str, Any]:
    """The names of the kecamatan of the wilayah in force (HTML-escaped, from the
    city's list) at a point inside each, dissolved from its kelurahan `boundaries`
    (kode, nama, kecamatan_kode, geometry). Their outlines come from the topology."""
    names = tuple((k.kode, k.nama) for k in cities.current().kecamatan)
    wkbs = tuple(shapely.to_wkb(g) for g in boundaries.geometry)
    kecamatan = tuple(boundaries["kecamatan_kode"].astype(str))
    return copy.deepcopy(_kecamatan_names(kecamatan, wkbs, names))  # the cached one stays as built


@lru_cache(maxsize=8)
def _kecamatan_names(
    kecamatan: tuple[str, ...], wkbs: tuple[bytes, ...], known: tuple[tuple[str, str], ...]
) -> dict[str, Any]:
    names = dict(known)
    geoms = gpd.GeoDataFrame(
        {"kecamatan_kode": kecamatan}, geometry=[shapely.from_wkb(w) for w in wkbs]
    )
    features = []
    for kode, group in geoms.groupby("kecamatan_kode", sort=True):
        geom = shapely.union_all(shapely.make_valid(group.geometry.to_numpy()))
        features.append(
            {
                "type": "Feature",
                "geometry": None,
                "properties": {
                    "kode": str(kode),
                    "nama": html.escape(names.get(str(kode), str(kode))),
                    "label_at": label_point(geom),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def kelurahan_topology(boundaries: gpd.GeoDataFrame) -> topology.Topology:
    """The shared-border topology of the kelurahan in force, simplified for the screen."""
    return topology.of(list(boundaries.geometry), screen_tolerance())


def topology_payload(
    topo: topology.Topology, shown: Sequence[int], outline: Sequence[int]
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """What the browser needs to draw the kelurahan at positions `shown` and the
    `outline` arcs: ({"arcs": encoded arcs, "outline": arc references}, one
    "ArcPolygons" geometry per shown kelurahan). Only arcs in use are sent."""
    used = sorted(
        {
            r if r >= 0 else ~r
            for s in shown
            for rings in topo.shapes[s]
            for refs in rings
            for r in refs
        }
        | set(outline)
    )
    new = {old: i for i, old in enumerate(used)}

    def ref(r: int) -> int:
        return new[r] if r >= 0 else ~new[~r]

    geometries = [
        {
            "type": "ArcPolygons",
            "polygons": [[[ref(r) for r in refs] for refs in rings] for rings in topo.shapes[s]],
        }
        for s in shown
    ]
    shared = {
        "arcs": [topo.encoded[i] for i in used],
        "outline": [new[i] for i in outline],
    }
    return shared, geometries
