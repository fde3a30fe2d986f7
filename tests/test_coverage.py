"""The clean DKI kelurahan coverage (`pantau/geo/coverage.py`, `geo/dki/`).

Real-data tests use the shipped `geo/dki/kelurahan.geojson` (MIT, © 2024 Cahya DSN, from
the *wilayah_boundaries* data set; see `geo/dki/README.md`). Rule tests build tiny boxes in
code, in metres of EPSG:32748 near Jakarta.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from shapely import box
from shapely.geometry.base import BaseGeometry

from pantau.geo import coverage
from pantau.geo.coverage import (
    COLUMNS,
    COVERAGE_FILE,
    GAP_WIDTH_M,
    METRIC_CRS,
    REPORT_FILE,
    area_report,
    build,
    build_coverage,
    coverage_geojson,
    load_coverage,
    load_source,
    report_csv,
)

# Tolerances: rounding to 1e-7 degrees moves a coordinate by at most ~0.6 cm.
OVERLAP_TOLERANCE_M2 = 0.01
KOTA_AREA_TOLERANCE = 0.001  # symmetric difference of a kota's outline, as share of its area
POINTS_PER_KOTA = 10_000


@pytest.fixture(scope="module")
def source() -> gpd.GeoDataFrame:
    return load_source()


@pytest.fixture(scope="module")
def built() -> gpd.GeoDataFrame:
    return load_coverage()


@pytest.fixture(scope="module")
def built_metric(built: gpd.GeoDataFrame) -> np.ndarray:
    return np.asarray(built.to_crs(METRIC_CRS).geometry.values, dtype=object)


@pytest.fixture(scope="module")
def source_metric(source: gpd.GeoDataFrame) -> np.ndarray:
    return np.asarray(source.to_crs(METRIC_CRS).geometry.values, dtype=object)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _kota_outline(geoms: np.ndarray) -> BaseGeometry:
    """The union of a kota's source polygons with its (thin-gap) holes filled."""
    union = shapely.union_all(geoms)
    return shapely.union_all([shapely.Polygon(p.exterior) for p in shapely.get_parts(union)])


# --- the committed files ------------------------------------------------------------------


def test_rebuilding_gives_the_committed_files_byte_for_byte(tmp_path: Path) -> None:
    first = build(coverage_path=tmp_path / "a.geojson", report_path=tmp_path / "a.csv")
    second = build(coverage_path=tmp_path / "b.geojson", report_path=tmp_path / "b.csv")
    assert first.sha256 == second.sha256 == _sha(tmp_path / "b.geojson")
    assert _sha(tmp_path / "a.geojson") == _sha(COVERAGE_FILE), (
        "geo/dki/kelurahan_coverage.geojson is stale: run `uv run python -m pantau.geo.coverage build`"
    )
    assert _sha(tmp_path / "a.csv") == _sha(tmp_path / "b.csv") == _sha(REPORT_FILE)


def test_codes_and_names_are_preserved(source: gpd.GeoDataFrame, built: gpd.GeoDataFrame) -> None:
    assert len(built) == 267
    assert built[coverage.KEY].is_unique
    pd.testing.assert_frame_equal(
        pd.DataFrame(built[COLUMNS]), pd.DataFrame(source[COLUMNS]), check_dtype=False
    )
    assert built.groupby("kode_kota").size().to_dict() == {
        "31.01": 6,
        "31.71": 44,
        "31.72": 31,
        "31.73": 56,
        "31.74": 65,
        "31.75": 65,
    }


# --- a clean coverage -----------------------------------------------------------------------


def test_the_source_is_not_a_coverage_and_the_build_is(
    source: gpd.GeoDataFrame, built: gpd.GeoDataFrame
) -> None:
    assert not shapely.coverage_is_valid(source.geometry.values)
    assert shapely.is_valid(built.geometry.values).all()
    assert shapely.coverage_is_valid(built.geometry.values)
    assert not shapely.is_empty(built.geometry.values).any()


def test_no_two_kelurahan_overlap(built_metric: np.ndarray) -> None:
    tree = shapely.STRtree(built_metric)
    left, right = tree.query(built_metric, predicate="intersects")
    pairs = left < right
    overlap = shapely.area(
        shapely.intersection(built_metric[left[pairs]], built_metric[right[pairs]])
    )
    assert pairs.sum() > 500  # neighbours do touch
    assert overlap.max() < OVERLAP_TOLERANCE_M2


def test_no_kelurahan_gains_a_part(source_metric: np.ndarray, built_metric: np.ndarray) -> None:
    """Rule 5: a piece cut off by the cleaning goes to a neighbour (Cipulir's 2.8 m²)."""
    assert (
        shapely.get_num_geometries(built_metric) <= shapely.get_num_geometries(source_metric)
    ).all()


def test_each_kota_keeps_its_outline_with_no_hole(
    source: gpd.GeoDataFrame, source_metric: np.ndarray, built_metric: np.ndarray
) -> None:
    source_holes = sum(
        shapely.get_num_interior_rings(p) for g in source_metric for p in shapely.get_parts(g)
    )
    assert source_holes == 0  # so the kota unions must have no hole at all
    for kota, index in source.groupby("kode_kota").indices.items():
        outline = _kota_outline(source_metric[index])
        union = shapely.coverage_union_all(built_metric[index])
        holes = sum(shapely.get_num_interior_rings(p) for p in shapely.get_parts(union))
        assert holes == 0, kota
        moved = shapely.area(shapely.symmetric_difference(outline, union))
        assert moved < KOTA_AREA_TOLERANCE * shapely.area(outline), kota
        # The outline moves by no more than the widest sliver, both ways.
        for a, b in ((outline, union), (union, outline)):
            edge = shapely.get_coordinates(shapely.segmentize(shapely.boundary(a), 2.0))
            assert shapely.distance(shapely.points(edge), b).max() < GAP_WIDTH_M, kota


def test_random_points_in_each_kota_fall_in_exactly_one_kelurahan(
    source: gpd.GeoDataFrame, source_metric: np.ndarray, built_metric: np.ndarray
) -> None:
    rng = np.random.default_rng(14)
    tree = shapely.STRtree(built_metric)
    for kota, index in source.groupby("kode_kota").indices.items():
        outline = _kota_outline(source_metric[index])
        shapely.prepare(outline)
        minx, miny, maxx, maxy = outline.bounds
        batches, count = [], 0
        while count < POINTS_PER_KOTA:
            xy = rng.uniform((minx, miny), (maxx, maxy), size=(200_000, 2))
            inside = xy[shapely.contains_xy(outline, xy[:, 0], xy[:, 1])]
            batches.append(inside)
            count += len(inside)
        points = shapely.points(np.concatenate(batches)[:POINTS_PER_KOTA])
        hit, _ = tree.query(points, predicate="within")
        per_point = np.bincount(hit, minlength=POINTS_PER_KOTA)
        assert (per_point == 1).all(), (kota, np.bincount(per_point))


def test_area_moved_per_kelurahan_is_small(
    source: gpd.GeoDataFrame, built: gpd.GeoDataFrame
) -> None:
    report = pd.read_csv(REPORT_FILE, dtype={"kode_kemendagri": str})
    assert list(report["kode_kemendagri"]) == list(built[coverage.KEY])
    # The committed report is the report of the committed coverage.
    assert report_csv(area_report(source, built)) == REPORT_FILE.read_text("utf-8")
    assert report["moved_m2"].max() < 15_000  # Sunter Agung: 14 023 m², gaps filled (0.27 %)
    assert report["moved_pct"].max() < 1.0  # Tanah Sereal: 0.90 %
    # Overlaps (0.36 km²) and gaps (0.38 km²) are all that moved.
    assert 0.70e6 < report["moved_m2"].sum() < 0.80e6
    assert report["gap_filled_m2"].sum() == pytest.approx(0.38e6, rel=0.05)


# --- the rules, on boxes --------------------------------------------------------------------

X0, Y0 = 700_000.0, 9_320_000.0  # metres in EPSG:32748, in Jakarta


def _frame(boxes: dict[str, BaseGeometry]) -> gpd.GeoDataFrame:
    codes = sorted(boxes)
    rows = {
        "kode_kemendagri": codes,
        "nama": [f"Kel {c[-4:]}" for c in codes],
        "kode_kecamatan": [c[:8] for c in codes],
        "kecamatan": ["Kec"] * len(codes),
        "kode_kota": [c[:5] for c in codes],
        "kota": ["Kota"] * len(codes),
    }
    geoms = [shapely.affinity.translate(boxes[c], X0, Y0) for c in codes]
    metric = gpd.GeoDataFrame(rows, geometry=geoms, crs=METRIC_CRS)
    return metric.to_crs("EPSG:4326")


def _areas(gdf: gpd.GeoDataFrame) -> dict[str, float]:
    return dict(zip(gdf[coverage.KEY], gdf.to_crs(METRIC_CRS).area, strict=True))


def test_an_overlap_goes_to_the_neighbour_with_the_longest_shared_border() -> None:
    # The 10 x 50 m overlap borders A's own area for 50 + 10 m and B's for 50 m.
    src = _frame({"31.99.01.1002": box(0, 0, 100, 100), "31.99.01.1001": box(90, 0, 200, 50)})
    areas = _areas(build_coverage(src))
    assert areas["31.99.01.1002"] == pytest.approx(10_000, abs=0.5)
    assert areas["31.99.01.1001"] == pytest.approx(5_500 - 500, abs=0.5)


def test_an_overlap_with_equal_borders_goes_to_the_lowest_code() -> None:
    src = _frame({"31.99.01.1002": box(0, 0, 100, 100), "31.99.01.1001": box(95, 0, 200, 100)})
    areas = _areas(build_coverage(src))
    assert areas["31.99.01.1001"] == pytest.approx(10_500, abs=0.5)
    assert areas["31.99.01.1002"] == pytest.approx(9_500, abs=0.5)


def test_a_gap_goes_to_the_neighbour_with_the_longest_shared_border() -> None:
    # A 5 m slot between A (100 m of border) and B, E (70 m and 30 m), closed by C and D.
    boxes = {
        "31.99.01.1001": box(0, 0, 100, 100),  # A
        "31.99.01.1002": box(105, 0, 200, 70),  # B
        "31.99.01.1003": box(105, 70, 200, 100),  # E
        "31.99.01.1004": box(0, 100, 200, 150),  # C
        "31.99.01.1005": box(0, -50, 200, 0),  # D
    }
    built = build_coverage(_frame(boxes))
    areas = _areas(built)
    assert areas["31.99.01.1001"] == pytest.approx(10_000 + 500, abs=0.5)
    assert areas["31.99.01.1002"] == pytest.approx(95 * 70, abs=0.5)
    assert shapely.coverage_is_valid(built.geometry.values)
    union = shapely.coverage_union_all(built.geometry.values)
    assert shapely.get_num_interior_rings(union) == 0


def test_a_gap_wider_than_the_limit_is_refused_naming_the_kota() -> None:
    boxes = {
        "31.99.01.1001": box(0, 0, 100, 100),
        "31.99.01.1002": box(130, 0, 200, 100),  # a 30 m slot
        "31.99.01.1004": box(0, 100, 200, 150),
        "31.99.01.1005": box(0, -50, 200, 0),
    }
    with pytest.raises(ValueError, match=r"kota 31\.99: 1 gap"):
        build_coverage(_frame(boxes))


def test_the_geojson_text_is_stable_and_rounded() -> None:
    src = _frame({"31.99.01.1001": box(0, 0, 100, 100)})
    text = coverage_geojson(build_coverage(src))
    assert text == coverage_geojson(build_coverage(src))
    assert text.startswith('{"type":"FeatureCollection","name":"kelurahan_coverage"')
    geometry = shapely.from_geojson(json.dumps(json.loads(text)["features"][0]["geometry"]))
    xy = shapely.get_coordinates(geometry)
    assert (np.round(xy, coverage.DECIMALS) == xy).all()


def test_the_source_loader_names_what_is_wrong(tmp_path: Path) -> None:
    bad = tmp_path / "bad.geojson"
    frame = _frame({"31.99.01.1001": box(0, 0, 10, 10)}).drop(columns=["kota"])
    frame.to_file(bad, driver="GeoJSON")
    with pytest.raises(ValueError, match="missing column"):
        load_source(bad)
