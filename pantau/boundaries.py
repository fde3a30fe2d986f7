"""Kelurahan boundaries: reading files, the default approximation, GeoJSON output.

Pantau ships APPROXIMATE default boundaries (`geo/kelurahan_default.geojson`),
built only from public facts by `build_default_boundaries`; an administrator
replaces them with official ones via `read_boundary_file` + `match_boundaries`
(matching lives in `pantau.boundary_match`). Every GeoDataFrame this module
returns is in EPSG:4326 with columns kode, nama, kecamatan_kode, geometry.

Regenerate the default file with ``uv run python -m pantau.boundaries``.
"""

from __future__ import annotations

import json
import math
import zipfile
from pathlib import Path
from typing import Any, cast

import geopandas as gpd
import numpy as np
import pyogrio
import shapely
from pyproj import CRS, Transformer
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from pantau.areas import GEO_DIR, kelurahan_list
from pantau.boundary_match import (
    BoundaryImport,
    MatchMethod,
    match_boundaries,
    normalise_name,
)
from pantau.errors import InvalidInput, PantauError

__all__ = [
    "DEFAULT_BOUNDARIES",
    "METRIC_CRS",
    "BoundaryImport",
    "MatchMethod",
    "boundaries_to_geojson",
    "build_default_boundaries",
    "load_default_boundaries",
    "match_boundaries",
    "normalise_name",
    "read_boundary_file",
    "write_boundaries",
    "write_default_boundaries",
]

DEFAULT_BOUNDARIES = GEO_DIR / "kelurahan_default.geojson"
METRIC_CRS = "EPSG:32748"  # WGS 84 / UTM zone 48S: metres around Jakarta
COLUMNS = ("kode", "nama", "kecamatan_kode")
SUFFIXES = (".geojson", ".json", ".gpkg", ".shp", ".zip")
_FIELD = "berkas"


def _unreadable(detail: object) -> InvalidInput:
    message = f"Berkas tidak dapat dibaca sebagai data geospasial: {detail}"
    return InvalidInput(message, {_FIELD: message})


def _dataset_path(path: Path) -> str:
    """The path pyogrio should open: for a zip, the one data set inside it."""
    if path.suffix.lower() != ".zip":
        return str(path)
    try:
        with zipfile.ZipFile(path) as zf:
            members = [
                n
                for n in zf.namelist()
                if n.lower().endswith((".shp", ".gpkg", ".geojson", ".json"))
                and not n.startswith("__MACOSX/")
            ]
    except (zipfile.BadZipFile, OSError) as exc:
        raise _unreadable(f"berkas zip rusak ({exc})") from exc
    if len(members) != 1:
        found = ", ".join(members) if members else "tidak ada"
        raise _unreadable(
            f"berkas zip harus berisi tepat satu shapefile, GeoPackage atau GeoJSON "
            f"(ditemukan: {found})"
        )
    return f"/vsizip/{path}/{members[0]}"


def _layer(source: str) -> str | None:
    """The one polygon layer of a multi-layer source (GeoPackage), None if single."""
    layers = pyogrio.list_layers(source)
    if len(layers) <= 1:
        return None
    polygon = [str(name) for name, kind in layers if kind and "polygon" in str(kind).lower()]
    if len(polygon) != 1:
        names = ", ".join(str(name) for name, _ in layers)
        raise _unreadable(f"berkas berisi beberapa lapisan ({names}); sisakan satu lapisan poligon")
    return polygon[0]


def read_boundary_file(path: Path) -> gpd.GeoDataFrame:
    """Read a GeoJSON, GeoPackage, Shapefile or zipped Shapefile, in EPSG:4326.

    Any CRS is reprojected (noted in ``gdf.attrs["pantau_notes"]``). A file
    without a CRS is taken as EPSG:4326 only if its coordinates are valid
    longitudes/latitudes. Raises InvalidInput (field "berkas", Indonesian
    message) when the file is missing, of another format, unreadable, empty,
    holds no polygons, has no CRS while not in lon/lat, or has coordinates
    outside lon/lat ranges after reprojection.
    """
    path = Path(path)
    if not path.is_file():
        message = f"Berkas tidak ditemukan: {path}"
        raise InvalidInput(message, {_FIELD: message})
    if path.suffix.lower() not in SUFFIXES:
        message = (
            f"Format berkas {path.suffix or '(tanpa akhiran)'} tidak didukung; gunakan "
            "GeoJSON (.geojson), GeoPackage (.gpkg), atau Shapefile (.shp, atau .zip berisi .shp)."
        )
        raise InvalidInput(message, {_FIELD: message})
    source = _dataset_path(path)
    try:
        gdf = cast(gpd.GeoDataFrame, gpd.read_file(source, layer=_layer(source)))
    except InvalidInput:
        raise
    except Exception as exc:  # pyogrio/GDAL raise many kinds; none may escape raw
        detail = str(exc).split(";")[0]
        if "not recognized" in detail:
            detail = f"isi {path.name} tidak dikenali sebagai GeoJSON, GeoPackage atau Shapefile"
        raise _unreadable(detail) from exc
    if not isinstance(gdf, gpd.GeoDataFrame) or len(gdf) == 0:
        message = "Berkas tidak berisi satu pun fitur."
        raise InvalidInput(message, {_FIELD: message})
    kinds = set(gdf.geometry.dropna().geom_type)
    if not kinds & {"Polygon", "MultiPolygon", "GeometryCollection"}:
        found = ", ".join(sorted(kinds)) or "tidak ada geometri"
        message = f"Berkas tidak berisi poligon batas wilayah (ditemukan: {found})."
        raise InvalidInput(message, {_FIELD: message})
    notes: list[str] = []
    if gdf.crs is None:
        if not _lonlat_bounds(gdf):
            message = (
                "Berkas tidak menyebutkan sistem koordinat (CRS) dan koordinatnya bukan "
                "bujur/lintang. Ekspor ulang berkas beserta CRS-nya (misalnya berkas .prj)."
            )
            raise InvalidInput(message, {_FIELD: message})
        gdf = gdf.set_crs("EPSG:4326")
        notes.append("Berkas tanpa CRS; koordinat dianggap bujur/lintang WGS 84 (EPSG:4326).")
    elif not CRS(gdf.crs).equals("EPSG:4326", ignore_axis_order=True):
        source_crs = CRS(gdf.crs).to_string()
        try:
            gdf = gdf.to_crs("EPSG:4326")
        except Exception as exc:
            raise _unreadable(f"koordinat tidak dapat diubah dari {source_crs}") from exc
        notes.append(f"Koordinat diubah dari {source_crs} ke EPSG:4326.")
    if not _lonlat_bounds(gdf):
        message = (
            "Koordinat berkas berada di luar rentang bujur/lintang; CRS yang tercantum "
            "kemungkinan salah atau tidak ada. Ekspor ulang berkas dengan CRS yang benar."
        )
        raise InvalidInput(message, {_FIELD: message})
    gdf.attrs["pantau_notes"] = notes
    return gdf


def _lonlat_bounds(gdf: gpd.GeoDataFrame) -> bool:
    minx, miny, maxx, maxy = (float(v) for v in gdf.total_bounds)
    return all(map(math.isfinite, (minx, miny, maxx, maxy))) and (
        -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90
    )


# --- default boundaries -------------------------------------------------------


def _seeds() -> tuple[np.ndarray, np.ndarray, list[int]]:
    """x, y (metres, EPSG:32748) of every inside and office point, and its kelurahan index."""
    ks = kelurahan_list()
    lon = [k.inside_lon for k in ks] + [k.office_lon for k in ks]
    lat = [k.inside_lat for k in ks] + [k.office_lat for k in ks]
    x, y = Transformer.from_crs("EPSG:4326", METRIC_CRS, always_xy=True).transform(lon, lat)
    return np.asarray(x), np.asarray(y), list(range(len(ks))) * 2


def _outline(points: np.ndarray, radius: float) -> BaseGeometry:
    """Union of `radius` buffers around the points, holes filled."""
    union = shapely.union_all(shapely.buffer(points, radius, quad_segs=16))
    return shapely.union_all([shapely.Polygon(p.exterior) for p in shapely.get_parts(union)])


def _outline_radius(points: np.ndarray, target_m2: float) -> float:
    """The buffer radius (whole metres) whose outline area is closest to `target_m2`."""
    lo, hi = 100.0, 10_000.0
    for _ in range(30):  # fixed bisection: deterministic
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if _outline(points, mid).area < target_m2 else (lo, mid)
    return float(round((lo + hi) / 2))


def _round6(geom: BaseGeometry) -> BaseGeometry:
    """`geom` with every coordinate the double nearest to its 6-decimal text."""
    return shapely.transform(
        geom, lambda c: np.array([[float(f"{v:.6f}") for v in row] for row in c])
    )


def build_default_boundaries() -> gpd.GeoDataFrame:
    """APPROXIMATE boundaries of the 31 kelurahan, built only from the public facts.

    Each kelurahan is the union of the Voronoi cells of its inside point and its
    office point (so both lie in it), clipped to an outline: the union of
    equal buffers around all 62 points, holes filled, whose radius is chosen so
    the outline's area matches the sum of the kelurahan areas (`area_km2`).
    The Voronoi edges and the outline are noded together (1 m grid) and
    polygonized, so neighbours share the same border vertices (no slivers). Computed in
    EPSG:32748, returned in EPSG:4326 rounded to 6 decimals, sorted by kode.
    Deterministic. Raises RuntimeError if a result is not a valid polygon
    (a bug, checked by the tests).
    """
    ks = kelurahan_list()
    x, y, owner = _seeds()
    points = shapely.points(x, y)
    outline = _outline(points, _outline_radius(points, sum(k.area_km2 for k in ks) * 1e6))
    edges = shapely.voronoi_polygons(
        shapely.multipoints(points), extend_to=outline, only_edges=True
    )
    # Snap-rounded noding on a 1 m grid: no vertex closer than ~0.5 m to a foreign edge,
    # so rounding to 6 decimals of a degree (<= 0.08 m) later cannot break validity.
    noded = shapely.union_all([edges, outline.boundary], grid_size=1.0)
    faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(noded)))
    inner = shapely.point_on_surface(faces)
    faces = faces[shapely.within(inner, outline)]
    # The nearest seed of a face's inner point is the seed whose Voronoi cell holds the face.
    face_idx, seed_idx = shapely.STRtree(points).query_nearest(shapely.point_on_surface(faces))
    parts: list[list[BaseGeometry]] = [[] for _ in ks]
    for f, p in sorted(zip(face_idx.tolist(), seed_idx.tolist(), strict=True)):
        parts[owner[p]].append(faces[f])
    to_lonlat = Transformer.from_crs(METRIC_CRS, "EPSG:4326", always_xy=True)
    geoms = [
        _round6(
            shapely.transform(
                shapely.coverage_union_all(part),
                lambda c: np.column_stack(to_lonlat.transform(c[:, 0], c[:, 1])),
            )
        )
        for part in parts
    ]
    invalid = [k.nama for k, g in zip(ks, geoms, strict=True) if not g.is_valid or g.is_empty]
    if invalid:
        raise RuntimeError(f"default boundaries invalid for: {', '.join(invalid)}")
    return gpd.GeoDataFrame(
        {
            "kode": [k.kode for k in ks],
            "nama": [k.nama for k in ks],
            "kecamatan_kode": [k.kecamatan_kode for k in ks],
        },
        geometry=geoms,
        crs="EPSG:4326",
    )


def write_default_boundaries(path: Path = DEFAULT_BOUNDARIES) -> Path:
    """Build the default boundaries and write them (deterministically) to `path`."""
    write_boundaries(build_default_boundaries(), path, name="kelurahan_default")
    return path


def load_default_boundaries(path: Path = DEFAULT_BOUNDARIES) -> gpd.GeoDataFrame:
    """The shipped default boundaries (columns kode, nama, kecamatan_kode, geometry).

    Raises PantauError if the file is missing.
    """
    if not path.is_file():
        raise PantauError(
            f"Berkas batas wilayah bawaan tidak ditemukan: {path}. "
            "Buat ulang dengan `uv run python -m pantau.boundaries`."
        )
    gdf = cast(gpd.GeoDataFrame, gpd.read_file(path))
    gdf = gdf[[*COLUMNS, gdf.geometry.name]].sort_values("kode", ignore_index=True)
    return cast(gpd.GeoDataFrame, gdf.set_crs("EPSG:4326", allow_override=True))


# --- GeoJSON output -----------------------------------------------------------


def _json_value(value: object) -> Any:
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return None if value != value else str(value)  # NaN, pd.NA → null


def boundaries_to_geojson(gdf: gpd.GeoDataFrame, name: str = "kelurahan") -> str:
    """A GeoJSON FeatureCollection (RFC 7946, one feature per line) of `gdf`.

    Properties are the non-geometry columns in order. Coordinates are written
    as stored (the default boundaries are already rounded to 6 decimals).
    Raises ValueError if `gdf` is not a GeoDataFrame in EPSG:4326.
    """
    if not isinstance(gdf, gpd.GeoDataFrame):
        raise ValueError(f"expected a GeoDataFrame, got {type(gdf).__name__}")
    if gdf.crs is None or not CRS(gdf.crs).equals("EPSG:4326", ignore_axis_order=True):
        raise ValueError(f"GeoJSON needs EPSG:4326 coordinates, got CRS {gdf.crs}")
    props = [c for c in gdf.columns if c != gdf.geometry.name]
    lines = []
    for record, geom in zip(gdf[props].to_dict("records"), gdf.geometry.values, strict=True):
        feature = {
            "type": "Feature",
            "properties": {str(k): _json_value(v) for k, v in record.items()},
            "geometry": None if geom is None else mapping(geom),
        }
        lines.append(json.dumps(feature, ensure_ascii=False, separators=(",", ":")))
    head = json.dumps({"type": "FeatureCollection", "name": name}, separators=(",", ":"))[:-1]
    return head + ',"features":[\n' + ",\n".join(lines) + "\n]}\n"


def write_boundaries(gdf: gpd.GeoDataFrame, path: Path, name: str = "kelurahan") -> None:
    """Write `gdf` as GeoJSON to `path` (see `boundaries_to_geojson`; raises its errors)."""
    Path(path).write_text(boundaries_to_geojson(gdf, name=name), encoding="utf-8")


if __name__ == "__main__":
    written = write_default_boundaries()
    area = build_default_boundaries().to_crs(METRIC_CRS).area.sum() / 1e6
    print(f"{written}: 31 kelurahan, {area:.2f} km²")
