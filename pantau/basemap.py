"""The map's own base layer, drawn from shipped boundary data: the region's kota and
the kecamatan of the wilayah in force, with their names. With no tile server (a
meeting room, a poor connection) this is what makes the city recognisable.

Geometry is simplified for the screen (a few metres, invisible at city zoom) and
sent as encoded polylines (the widely used 1e-5 "polyline algorithm": ~1 m steps,
about a quarter of the same rings in GeoJSON). `DECODE_JS` draws them.
"""

from __future__ import annotations

import html
from functools import cache
from typing import Any

import geopandas as gpd
import numpy as np
import shapely

from pantau import city as cities

KOTA_FILE = cities.COVERAGE_FILE.parent / "kota.geojson"
SCREEN_TOLERANCE_DEG = 0.00003  # ~3 m: the largest detail dropped from kelurahan outlines
WIDE_TOLERANCE_DEG = 0.00006  # ~7 m, for a whole province (seen from further out)
OUTLINE_TOLERANCE_DEG = 0.00015  # ~17 m: a province's kecamatan, drawn thick as context
CONTEXT_TOLERANCE_DEG = 0.0004  # ~45 m: neighbouring kota, seen only as context
PRECISION = 100_000  # 1e-5 degrees, ~1 m

# pwPolygons(geometry) -> Leaflet lat/lng arrays of an encoded geometry (see `screen_geometry`)
DECODE_JS = """
window.pwPolygons = window.pwPolygons || function(g) {
  function ring(str) {
    var pts = [], i = 0, lat = 0, lon = 0;
    while (i < str.length) {
      var v = [0, 0];
      for (var k = 0; k < 2; k++) {
        var r = 0, s = 0, b;
        do { b = str.charCodeAt(i++) - 63; r |= (b & 31) << s; s += 5; } while (b >= 32);
        v[k] = (r & 1) ? ~(r >> 1) : (r >> 1);
      }
      lat += v[0]; lon += v[1];
      pts.push([lat / 1e5, lon / 1e5]);
    }
    return pts;
  }
  return g.polygons.map(function(p) { return p.map(ring); });
};
// a feature group of polygons from a collection of encoded features
window.pwShapes = window.pwShapes || function(fc, style, options, each) {
  var group = L.featureGroup();
  fc.features.forEach(function(f) {
    var layer = L.polygon(window.pwPolygons(f.geometry), Object.assign({}, options, style(f)));
    layer.feature = {type: 'Feature', properties: f.properties};
    if (each) each(f, layer);
    layer.addTo(group);
  });
  return group;
};
"""


def encode_ring(coords: np.ndarray) -> str:
    """One ring ([[lon, lat], ...]) in the polyline encoding (lat first, 1e-5 steps)."""
    points = np.round(np.asarray(coords)[:, [1, 0]] * PRECISION).astype(np.int64)
    deltas = np.diff(points, axis=0, prepend=np.zeros((1, 2), dtype=np.int64)).ravel()
    out: list[str] = []
    for value in (deltas << 1) ^ (deltas >> 63):  # zigzag: small magnitudes, small codes
        v = int(value)
        while v >= 0x20:
            out.append(chr((0x20 | (v & 0x1F)) + 63))
            v >>= 5
        out.append(chr(v + 63))
    return "".join(out)


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


def kecamatan_layer(boundaries: gpd.GeoDataFrame) -> dict[str, Any]:
    """The kecamatan of the wilayah in force, dissolved from its kelurahan `boundaries`
    (kode, nama, kecamatan_kode, geometry), named (HTML-escaped) from the city's list."""
    here = cities.current()
    names = {k.kode: k.nama for k in here.kecamatan}
    tolerance = SCREEN_TOLERANCE_DEG if here.level == "kota" else OUTLINE_TOLERANCE_DEG
    features = []
    for kode, group in boundaries.groupby("kecamatan_kode", sort=True):
        geom = shapely.union_all(shapely.make_valid(group.geometry.to_numpy()))
        features.append(
            _feature(
                geom,
                tolerance,
                kode=str(kode),
                nama=html.escape(names.get(str(kode), str(kode))),
            )
        )
    return {"type": "FeatureCollection", "features": features}
