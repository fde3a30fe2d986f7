"""Kelurahan boundaries: reading files, the shipped default, GeoJSON output.

The default boundaries are the city's kelurahan from the real DKI Jakarta coverage
shipped in `geo/dki/` (MIT; cleaned by `pantau.geo.coverage`); an administrator may
replace them with official ones via `read_boundary_file` + `match_boundaries`
(matching lives in `pantau.geo.matching`). Every GeoDataFrame this module
returns is in EPSG:4326 with columns kode, nama, kecamatan_kode, geometry.
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
from pyproj import CRS
from shapely.geometry import mapping

from pantau.city.areas import kelurahan_list
from pantau.city.seam import COVERAGE_FILE, METRIC_CRS
from pantau.geo.matching import (
    BoundaryImport,
    MatchMethod,
    match_boundaries,
    normalise_name,
)
from pantau.kernel.errors import InvalidInput, PantauError

__all__ = [
    "DEFAULT_BOUNDARIES",
    "DEFAULT_SOURCE",
    "METRIC_CRS",
    "BoundaryImport",
    "MatchMethod",
    "boundaries_to_geojson",
    "load_default_boundaries",
    "match_boundaries",
    "normalise_name",
    "read_boundary_file",
    "write_boundaries",
]

DEFAULT_BOUNDARIES = COVERAGE_FILE  # real, all of DKI
DEFAULT_SOURCE = "geo/dki"  # the `source` stored with the shipped boundaries
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


def load_default_boundaries(path: Path = DEFAULT_BOUNDARIES) -> gpd.GeoDataFrame:
    """The city's kelurahan cut from the shipped DKI coverage (columns kode, nama,
    kecamatan_kode, geometry; EPSG:4326, sorted by kode).

    `geo/dki/kelurahan_coverage.geojson` holds all 267 kelurahan of DKI Jakarta as a
    clean coverage (neighbours share edges; built by `pantau.geo.coverage`); the city's
    own are those in its reference list, with the reference names. Raises
    PantauError if the file is missing or lacks one of the city's kelurahan.
    """
    if not path.is_file():
        raise PantauError(
            f"Berkas batas wilayah bawaan tidak ditemukan: {path}. "
            "Buat ulang dengan `uv run python -m pantau.geo.coverage build`."
        )
    gdf = cast(gpd.GeoDataFrame, gpd.read_file(path))
    reference = {k.kode: k for k in kelurahan_list()}
    mine = gdf[gdf["kode_kemendagri"].isin(list(reference))].sort_values("kode_kemendagri")
    missing = sorted(set(reference) - set(mine["kode_kemendagri"]))
    if missing:
        names = ", ".join(f"{reference[k].nama} ({k})" for k in missing)
        raise PantauError(f"Batas wilayah bawaan {path.name} tidak memuat kelurahan: {names}.")
    codes = [str(c) for c in mine["kode_kemendagri"]]
    return gpd.GeoDataFrame(
        {
            "kode": codes,
            "nama": [reference[c].nama for c in codes],
            "kecamatan_kode": [reference[c].kecamatan_kode for c in codes],
        },
        geometry=list(mine.geometry.values),
        crs="EPSG:4326",
    )


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
