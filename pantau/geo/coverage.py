"""A clean kelurahan coverage for all of DKI Jakarta, built from the shipped polygons.

The shipped kelurahan (`geo/dki/kelurahan.geojson`) were each simplified on their own, so
neighbours overlap a little and leave thin gaps. This module turns them into a *coverage*:
neighbours share their edges exactly, no two kelurahan overlap, and no gap is left inside
DKI. The result is committed (`geo/dki/kelurahan_coverage.geojson`) with a per-kelurahan
report of the area that moved (`geo/dki/coverage_report.csv`), so the app never builds it at
start. Rebuild (byte for byte the same on the pinned stack) with

    uv run python -m pantau.geo.coverage build

The rule for each sliver, all measured in metres in EPSG:32748 (UTM 48S):

1. Every edge of every polygon is noded together (vertices closer than `SNAP_M` are snapped)
   and the plane is cut into faces (GEOS CoverageCleaner through `shapely.coverage_clean`).
2. A face inside exactly one source polygon stays with it.
3. An **overlap** (a face inside two or more source polygons) goes to the one of those
   kelurahan with which it shares the longest border; on a tie to the lowest code.
4. A **gap** (a face inside no source polygon, enclosed by the coverage) no wider than
   `GAP_WIDTH_M` (twice its largest inscribed circle's radius) goes to the neighbouring
   kelurahan with the longest shared border. The widest gap in the source is 11 m, so every
   enclosed gap is filled, inside a kota and between two kota alike; open notches on DKI's
   outer edge (the coast, the border with Jawa Barat and Banten) are outside, not gaps.
5. A **stray piece**: if steps 3–4 cut a kelurahan so that a piece no wider than
   `GAP_WIDTH_M` is left apart from its body and bordering other kelurahan, that piece goes
   to the neighbour with the longest shared border (ties to the lowest code). Pieces that
   were separate parts in the source (islands, Kamal Muara's, Pluit's, Kalibaru's) stay.

The result is reprojected to EPSG:4326 and every coordinate is rounded to `DECIMALS`
decimals (about 1 cm). Rounding is a function of the coordinate alone, so shared edges stay
identical; the build checks the rounded result is still a valid coverage and raises
`ValueError` if not.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import numpy.typing as npt
import pandas as pd
import shapely
from pyproj import CRS
from shapely.geometry import mapping

from pantau.city.seam import COVERAGE_FILE, METRIC_CRS

__all__ = [
    "COVERAGE_FILE",
    "DECIMALS",
    "DKI_DIR",
    "GAP_WIDTH_M",
    "METRIC_CRS",
    "REPORT_FILE",
    "SNAP_M",
    "SOURCE_FILE",
    "BuildResult",
    "area_report",
    "build",
    "build_coverage",
    "coverage_geojson",
    "load_coverage",
    "load_source",
    "report_csv",
]

DKI_DIR = Path(__file__).resolve().parent.parent / "geo" / "dki"
SOURCE_FILE = DKI_DIR / "kelurahan.geojson"
REPORT_FILE = DKI_DIR / "coverage_report.csv"

GAP_WIDTH_M = 20.0
SNAP_M = 0.1
DECIMALS = 7

KEY = "kode_kemendagri"
COLUMNS = ["kode_kemendagri", "nama", "kode_kecamatan", "kecamatan", "kode_kota", "kota"]
REPORT_COLUMNS = [
    "kode_kemendagri",
    "nama",
    "kecamatan",
    "kota",
    "area_source_m2",
    "area_built_m2",
    "overlap_kept_m2",
    "gap_filled_m2",
    "gained_m2",
    "lost_m2",
    "moved_m2",
    "moved_pct",
]

Geoms = npt.NDArray[np.object_]


@dataclass(frozen=True)
class BuildResult:
    """What `build` wrote and how long the build took."""

    coverage: Path
    report: Path
    features: int
    seconds: float
    sha256: str
    moved_total_m2: float
    moved_max_m2: float
    moved_max_kelurahan: str


def load_source(path: Path = SOURCE_FILE) -> gpd.GeoDataFrame:
    """Read the shipped kelurahan polygons, sorted by code, with `COLUMNS` and geometry.

    Raises ValueError when the file is not EPSG:4326, lacks a column, repeats a code, or
    holds a geometry that is missing, not polygonal or invalid.
    """
    gdf = gpd.read_file(path)
    if gdf.crs is None or not CRS(gdf.crs).equals("EPSG:4326", ignore_axis_order=True):
        raise ValueError(f"{path.name}: expected EPSG:4326 coordinates, got CRS {gdf.crs}")
    missing = [c for c in COLUMNS if c not in gdf.columns]
    if missing:
        raise ValueError(f"{path.name}: missing column(s) {', '.join(missing)}")
    dupes = sorted(set(gdf[KEY][gdf[KEY].duplicated()]))
    if dupes:
        raise ValueError(f"{path.name}: repeated code(s) {', '.join(dupes)}")
    geoms = gdf.geometry.values
    bad = [
        str(code)
        for code, geom in zip(gdf[KEY], geoms, strict=True)
        if geom is None
        or geom.geom_type not in ("Polygon", "MultiPolygon")
        or not shapely.is_valid(geom)
    ]
    if bad:
        raise ValueError(f"{path.name}: missing, non-polygonal or invalid geometry: {bad}")
    out = gdf[[*COLUMNS, "geometry"]].sort_values(KEY, kind="stable").reset_index(drop=True)
    return gpd.GeoDataFrame(out, geometry="geometry", crs="EPSG:4326")


def _shared_border(a: Any, b: Any) -> float:
    """Length in metres of the border two coverage polygons share (0 when they only touch)."""
    return float(shapely.length(shapely.intersection(shapely.boundary(a), shapely.boundary(b))))


def _longest_border(piece: Any, geoms: Geoms, exclude: int) -> int | None:
    """Index of the polygon sharing the longest border with `piece` (ties: lowest index)."""
    best: int | None = None
    best_len = 0.0
    for j in range(len(geoms)):
        if j == exclude or not shapely.intersects(piece, geoms[j]):
            continue
        length = _shared_border(piece, geoms[j])
        if length > best_len:
            best, best_len = j, length
    return best


def _source_part_counts(source: Geoms) -> npt.NDArray[np.int64]:
    return np.asarray(shapely.get_num_geometries(source), dtype=np.int64)


def _move_stray_pieces(cleaned: Geoms, source: Geoms) -> Geoms:
    """Rule 5: hand pieces the cleaning cut off a kelurahan to their longest-border neighbour."""
    out = cleaned.copy()
    source_parts = _source_part_counts(source)
    for i in range(len(out)):
        parts = list(shapely.get_parts(out[i]))
        if len(parts) <= source_parts[i]:
            continue
        # The largest pieces, as many as the source had parts, are the body; a smaller one is
        # stray only if it is sliver-narrow and borders another kelurahan.
        order = sorted(range(len(parts)), key=lambda k: -float(shapely.area(parts[k])))
        keep = set(order[: source_parts[i]])
        for k in order[source_parts[i] :]:
            piece = parts[k]
            radius = shapely.length(shapely.maximum_inscribed_circle(piece, 0.01))
            target = _longest_border(piece, out, exclude=i)
            if 2 * float(radius) > GAP_WIDTH_M or target is None:
                keep.add(k)
                continue
            out[target] = shapely.coverage_union(out[target], piece)
        kept = [parts[k] for k in sorted(keep)]
        out[i] = kept[0] if len(kept) == 1 else shapely.MultiPolygon(kept)
    return out


def _round(geoms: Geoms) -> Geoms:
    def snap(coords: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        return np.round(coords, DECIMALS)

    rounded = shapely.remove_repeated_points(shapely.transform(geoms, snap))
    return np.asarray(shapely.orient_polygons(rounded, exterior_cw=False), dtype=object)


def _check_coverage(gdf: gpd.GeoDataFrame) -> None:
    """Raise ValueError unless `gdf` is a valid coverage with no gap inside any kota."""
    geoms = gdf.geometry.values
    empty = [str(c) for c, g in zip(gdf[KEY], geoms, strict=True) if shapely.is_empty(g)]
    if empty:
        raise ValueError(f"the cleaning left kelurahan without area: {empty}")
    invalid = [str(c) for c, g in zip(gdf[KEY], geoms, strict=True) if not shapely.is_valid(g)]
    if invalid:
        raise ValueError(f"invalid polygon after rounding: {invalid}")
    if not shapely.coverage_is_valid(geoms):
        raise ValueError("the cleaned polygons do not form a valid coverage")
    for kota, part in gdf.groupby("kode_kota", sort=True):
        union = shapely.coverage_union_all(part.geometry.values)
        holes = sum(shapely.get_num_interior_rings(p) for p in shapely.get_parts(union))
        if holes:
            raise ValueError(f"kota {kota}: {holes} gap(s) wider than {GAP_WIDTH_M} m remain")


def build_coverage(source: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The clean coverage of `source` (from `load_source`), in EPSG:4326, rounded.

    Same columns and order as `source`. Raises ValueError when the result is not a valid
    coverage, leaves a gap inside a kota, or empties a kelurahan.
    """
    metric = np.asarray(source.to_crs(METRIC_CRS).geometry.values, dtype=object)
    cleaned = shapely.coverage_clean(
        metric, gap_width=GAP_WIDTH_M, snapping_distance=SNAP_M, merge_strategy="longest_border"
    )
    cleaned = _move_stray_pieces(np.asarray(cleaned, dtype=object), metric)
    back = gpd.GeoSeries(cleaned, crs=METRIC_CRS).to_crs("EPSG:4326")
    geoms = _round(np.asarray(back.values, dtype=object))
    out = gpd.GeoDataFrame(source[COLUMNS].copy(), geometry=list(geoms), crs="EPSG:4326")
    _check_coverage(out)
    return out


def area_report(source: gpd.GeoDataFrame, built: gpd.GeoDataFrame) -> pd.DataFrame:
    """Per kelurahan, in m² measured in EPSG:32748: source and built area; overlap it kept
    (source area it shared with a neighbour and still holds); gap it filled (area in no
    source polygon); gained (built minus source) and lost (source minus built: overlaps
    given to a neighbour, stray pieces); moved = gained + lost, also in % of the source.
    Rounding to ~1 cm adds a few m² of gained and lost along every border.

    Raises ValueError when the two frames do not hold the same codes in the same order.
    """
    if list(source[KEY]) != list(built[KEY]):
        raise ValueError("source and built coverage hold different kelurahan codes")
    src = np.asarray(source.to_crs(METRIC_CRS).geometry.values, dtype=object)
    new = np.asarray(built.to_crs(METRIC_CRS).geometry.values, dtype=object)
    tree = shapely.STRtree(src)
    rows: list[dict[str, Any]] = []
    for i in range(len(src)):
        others = [int(j) for j in tree.query(src[i].union(new[i])) if j != i]
        near = shapely.union_all(src[others]) if others else shapely.Polygon()
        gained = float(shapely.area(shapely.difference(new[i], src[i])))
        lost = float(shapely.area(shapely.difference(src[i], new[i])))
        kept = shapely.intersection(shapely.intersection(new[i], src[i]), near)
        filled = shapely.difference(shapely.difference(new[i], src[i]), near)
        source_m2 = float(shapely.area(src[i]))
        rows.append(
            {
                "kode_kemendagri": source[KEY].iloc[i],
                "nama": source["nama"].iloc[i],
                "kecamatan": source["kecamatan"].iloc[i],
                "kota": source["kota"].iloc[i],
                "area_source_m2": source_m2,
                "area_built_m2": float(shapely.area(new[i])),
                "overlap_kept_m2": float(shapely.area(kept)),
                "gap_filled_m2": float(shapely.area(filled)),
                "gained_m2": gained,
                "lost_m2": lost,
                "moved_m2": gained + lost,
                "moved_pct": 100 * (gained + lost) / source_m2,
            }
        )
    return pd.DataFrame(rows, columns=REPORT_COLUMNS)


def coverage_geojson(built: gpd.GeoDataFrame) -> str:
    """The coverage as GeoJSON text: one feature per line, fixed key order, rounded floats."""
    lines = []
    for record, geom in zip(built[COLUMNS].to_dict("records"), built.geometry.values, strict=True):
        feature = {
            "type": "Feature",
            "properties": {c: str(record[c]) for c in COLUMNS},
            "geometry": mapping(geom),
        }
        lines.append(json.dumps(feature, ensure_ascii=False, separators=(",", ":")))
    head = '{"type":"FeatureCollection","name":"kelurahan_coverage","features":[\n'
    return head + ",\n".join(lines) + "\n]}\n"


def report_csv(report: pd.DataFrame) -> str:
    """The area report as CSV text: m² to 0.1, % to 0.001, `\\n` line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(REPORT_COLUMNS)
    for row in report[REPORT_COLUMNS].itertuples(index=False):
        writer.writerow(
            [
                f"{v:.3f}" if c == "moved_pct" else f"{v:.1f}" if isinstance(v, float) else v
                for c, v in zip(REPORT_COLUMNS, row, strict=True)
            ]
        )
    return buffer.getvalue()


def load_coverage(path: Path = COVERAGE_FILE) -> gpd.GeoDataFrame:
    """Read the committed coverage (EPSG:4326, `COLUMNS` + geometry, sorted by code)."""
    gdf = gpd.read_file(path)
    return gpd.GeoDataFrame(
        gdf[[*COLUMNS, "geometry"]].reset_index(drop=True), geometry="geometry", crs="EPSG:4326"
    )


def build(
    source_path: Path = SOURCE_FILE,
    coverage_path: Path = COVERAGE_FILE,
    report_path: Path = REPORT_FILE,
) -> BuildResult:
    """Build the coverage from `source_path`, write it and its report; raises ValueError."""
    start = time.perf_counter()
    source = load_source(source_path)
    built = build_coverage(source)
    text = coverage_geojson(built)
    seconds = time.perf_counter() - start
    report = area_report(source, built)
    coverage_path.write_text(text, encoding="utf-8")
    report_path.write_text(report_csv(report), encoding="utf-8")
    worst = int(report["moved_m2"].to_numpy().argmax())
    return BuildResult(
        coverage=coverage_path,
        report=report_path,
        features=len(built),
        seconds=seconds,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        moved_total_m2=float(report["moved_m2"].sum()),
        moved_max_m2=float(report["moved_m2"].iloc[worst]),
        moved_max_kelurahan=f"{report[KEY].iloc[worst]} {report['nama'].iloc[worst]}",
    )


def main(argv: list[str]) -> int:
    """`python -m pantau.geo.coverage build`: rebuild the committed files; 2 on wrong usage."""
    if argv != ["build"]:
        print("usage: python -m pantau.geo.coverage build", file=sys.stderr)
        return 2
    result = build()
    print(
        f"{result.coverage.name}: {result.features} kelurahan in {result.seconds:.2f} s, "
        f"sha256 {result.sha256[:16]}…; area moved {result.moved_total_m2 / 1e6:.3f} km² in "
        f"all, at most {result.moved_max_m2:,.0f} m² ({result.moved_max_kelurahan}); "
        f"report {result.report.name}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
