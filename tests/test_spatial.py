"""The spatial join: inside, overlap, gap and outside points.

Tiny boxes are built in code; the real file `../shared/boundaries/
kelurahan_jakarta_utara.geojson` (MIT, from `wilayah_boundaries`, see its README)
is read from next to the repository and those tests skip when it is absent.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely
from pyproj import Transformer
from shapely import box

from pantau.city.areas import kelurahan_list
from pantau.geo.boundaries import (
    METRIC_CRS,
    load_default_boundaries,
    match_boundaries,
    read_boundary_file,
)
from pantau.geo.spatial import PLACEMENTS, Placement, assign_point, format_distance, join_points
from pantau.kernel.errors import InvalidInput

SHARED = Path(__file__).resolve().parents[2] / "shared" / "boundaries"
COLUMNS = ["kelurahan_kode", "kecamatan_kode", "placement", "distance_m", "nearest_kode"]
A, B, C = "31.72.01.1001", "31.72.01.1002", "31.72.02.1001"
TO_METRIC = Transformer.from_crs("EPSG:4326", METRIC_CRS, always_xy=True)


def frame(*items: tuple[str, shapely.Geometry]) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "kode": [k for k, _ in items],
            "nama": [f"Kel {k[-4:]}" for k, _ in items],
            "kecamatan_kode": [k[:8] for k, _ in items],
        },
        geometry=[g for _, g in items],
        crs="EPSG:4326",
    )


@pytest.fixture
def tiny() -> gpd.GeoDataFrame:
    """A and B overlap in 106.809..106.810; C lies ~170 m east of B (a gap)."""
    return frame(
        (A, box(106.800, -6.110, 106.810, -6.100)),
        (B, box(106.809, -6.110, 106.8200, -6.100)),
        (C, box(106.8215, -6.110, 106.830, -6.100)),
    )


@pytest.fixture(scope="module")
def default() -> gpd.GeoDataFrame:
    return load_default_boundaries()


@pytest.fixture(scope="module")
def real() -> gpd.GeoDataFrame:
    if not SHARED.is_dir():
        pytest.skip(f"real boundary file folder absent: {SHARED}")
    return match_boundaries(
        read_boundary_file(SHARED / "kelurahan_jakarta_utara.geojson")
    ).boundaries


def metres_between(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    x1, y1 = TO_METRIC.transform(lon1, lat1)
    x2, y2 = TO_METRIC.transform(lon2, lat2)
    return float(np.hypot(x2 - x1, y2 - y1))


# --- placements on tiny boxes -------------------------------------------------


def test_inside_one_polygon(tiny: gpd.GeoDataFrame) -> None:
    row = join_points(tiny, [106.805], [-6.105]).iloc[0]
    assert row["kelurahan_kode"] == A
    assert row["kecamatan_kode"] == A[:8]
    assert row["placement"] == "inside"
    assert row["distance_m"] == 0
    assert row["nearest_kode"] == A


def test_overlap_goes_to_the_polygon_the_point_is_deepest_in(tiny: gpd.GeoDataFrame) -> None:
    # In the A/B overlap (106.809..106.810): near B's edge the point is deeper in A.
    out = join_points(tiny, [106.8092, 106.8098], [-6.105, -6.105])
    assert out["placement"].tolist() == ["overlap", "overlap"]
    assert out["kelurahan_kode"].tolist() == [A, B]
    assert out["distance_m"].tolist() == [0.0, 0.0]


def test_overlap_tie_goes_to_smallest_kode_whatever_the_row_order() -> None:
    left, right = box(106.80, -6.11, 106.81, -6.10), box(106.81, -6.11, 106.82, -6.10)
    on_border = ([106.81], [-6.105])  # on the shared edge: in both, depth 0 in both
    for boundaries in (frame((B, left), (A, right)), frame((A, right), (B, left))):
        row = join_points(boundaries, *on_border).iloc[0]
        assert (row["placement"], row["kelurahan_kode"]) == ("overlap", A)


def test_gap_within_tolerance_goes_to_nearest(tiny: gpd.GeoDataFrame) -> None:
    row = join_points(tiny, [106.8205], [-6.105]).iloc[0]  # 0.0005° from B, 0.001° from C
    assert row["placement"] == "gap"
    assert row["kelurahan_kode"] == B
    assert row["kecamatan_kode"] == B[:8]
    assert row["distance_m"] == pytest.approx(
        metres_between(106.8205, -6.105, 106.82, -6.105), abs=0.5
    )


def test_beyond_tolerance_is_outside_with_nearest(tiny: gpd.GeoDataFrame) -> None:
    row = join_points(tiny, [106.79], [-6.105]).iloc[0]  # ~1.1 km west of A
    assert row["placement"] == "outside"
    assert row["kelurahan_kode"] is None
    assert row["kecamatan_kode"] is None
    assert row["nearest_kode"] == A
    assert row["distance_m"] == pytest.approx(
        metres_between(106.79, -6.105, 106.80, -6.105), abs=0.5
    )


def test_tolerance_decides_gap_or_outside(tiny: gpd.GeoDataFrame) -> None:
    lon, lat = [106.79], [-6.105]
    assert join_points(tiny, lon, lat, tolerance_m=2000).iloc[0]["placement"] == "gap"
    assert join_points(tiny, lon, lat, tolerance_m=0).iloc[0]["placement"] == "outside"


def test_rows_follow_input_order(tiny: gpd.GeoDataFrame) -> None:
    out = join_points(tiny, np.array([106.825, 106.79, 106.805]), np.array([-6.105] * 3))
    assert list(out.columns) == COLUMNS
    assert list(out.index) == [0, 1, 2]
    assert out["kelurahan_kode"].tolist() == [C, None, A]


def test_no_points_gives_empty_frame(tiny: gpd.GeoDataFrame) -> None:
    out = join_points(tiny, [], [])
    assert list(out.columns) == COLUMNS
    assert len(out) == 0


# --- bad inputs -----------------------------------------------------------------


def test_mismatched_lengths(tiny: gpd.GeoDataFrame) -> None:
    with pytest.raises(ValueError, match="differ in length: 2 and 1"):
        join_points(tiny, [106.8, 106.81], [-6.1])


def test_two_dimensional_input(tiny: gpd.GeoDataFrame) -> None:
    with pytest.raises(ValueError, match="1-D"):
        join_points(tiny, [[106.8]], [[-6.1]])


@pytest.mark.parametrize(
    ("lon", "lat"), [(np.nan, -6.1), (106.8, np.inf), (200.0, -6.1), (106.8, -91.0)]
)
def test_bad_coordinates(tiny: gpd.GeoDataFrame, lon: float, lat: float) -> None:
    with pytest.raises(ValueError, match="first at position 1"):
        join_points(tiny, [106.805, lon], [-6.105, lat])


def test_negative_tolerance(tiny: gpd.GeoDataFrame) -> None:
    with pytest.raises(ValueError, match="tolerance_m"):
        join_points(tiny, [106.805], [-6.105], tolerance_m=-1)


def test_boundaries_in_metres_are_refused_not_converted(tiny: gpd.GeoDataFrame) -> None:
    with pytest.raises(ValueError, match="must be in EPSG:4326, got EPSG:32748"):
        join_points(tiny.to_crs(METRIC_CRS), [106.805], [-6.105])


def test_boundaries_without_crs(tiny: gpd.GeoDataFrame) -> None:
    with pytest.raises(ValueError, match="no CRS"):
        join_points(tiny.set_crs(None, allow_override=True), [106.805], [-6.105])


def test_boundaries_without_kecamatan_column(tiny: gpd.GeoDataFrame) -> None:
    with pytest.raises(ValueError, match="kecamatan_kode"):
        join_points(tiny.drop(columns="kecamatan_kode"), [106.805], [-6.105])


# --- assign_point -------------------------------------------------------------


def test_assign_point_inside(tiny: gpd.GeoDataFrame) -> None:
    assert assign_point(tiny, 106.805, -6.105) == Placement(A, A[:8], "inside", 0.0)


def test_assign_point_in_gap(tiny: gpd.GeoDataFrame) -> None:
    placed = assign_point(tiny, 106.8205, -6.105)
    assert (placed.kelurahan_kode, placed.placement) == (B, "gap")
    assert 50 < placed.distance_m < 60


def test_assign_point_outside_names_nearest_and_distance(tiny: gpd.GeoDataFrame) -> None:
    with pytest.raises(InvalidInput) as exc:
        assign_point(tiny, 106.77, -6.105)
    assert str(exc.value) == (
        "Titik (lintang -6.10500, bujur 106.77000) berada di luar Jakarta Utara: 3,3 km "
        "dari Kelurahan Kel 1001."
    )
    assert "lokasi" in exc.value.fields


def test_assign_point_outside_real_names(default: gpd.GeoDataFrame) -> None:
    with pytest.raises(
        InvalidInput, match=r"di luar Jakarta Utara: \d+,\d km dari Kelurahan Kamal Muara"
    ):
        assign_point(default, 106.70, -6.20)


@pytest.mark.parametrize(
    ("lon", "lat", "field"),
    [
        (float("nan"), -6.1, "lon"),
        (106.8, float("nan"), "lat"),
        (181.0, -6.1, "lon"),
        (106.8, 95.0, "lat"),
    ],
)
def test_assign_point_invalid_coordinates(
    tiny: gpd.GeoDataFrame, lon: float, lat: float, field: str
) -> None:
    with pytest.raises(InvalidInput, match="Koordinat titik tidak valid") as exc:
        assign_point(tiny, lon, lat)
    assert list(exc.value.fields) == [field]


@pytest.mark.parametrize(
    ("metres", "text"), [(0, "0 m"), (850.4, "850 m"), (3400, "3,4 km"), (12_345, "12,3 km")]
)
def test_format_distance(metres: float, text: str) -> None:
    assert format_distance(metres) == text


# --- many points ------------------------------------------------------------------


def test_100k_random_points(default: gpd.GeoDataFrame) -> None:
    rng = np.random.default_rng(7)
    lon = rng.uniform(106.68, 107.00, 100_000)
    lat = rng.uniform(-6.20, -6.05, 100_000)
    out = join_points(default, lon, lat)
    assert out.shape == (100_000, 5)
    assert set(out["placement"]) <= set(PLACEMENTS)
    outside = out["placement"] == "outside"
    assert out.loc[outside, "kelurahan_kode"].isna().all()
    assert out.loc[~outside, "kelurahan_kode"].notna().all()
    assert (out.loc[~outside, "kelurahan_kode"] == out.loc[~outside, "nearest_kode"]).all()
    assert (out.loc[out["placement"] == "inside", "distance_m"] == 0).all()
    assert (out.loc[out["placement"] == "gap", "distance_m"] <= 250).all()
    assert (out.loc[outside, "distance_m"] > 250).all()
    # A sample agrees with a plain, slow point-in-polygon test.
    geoms = default.set_index("kode").geometry
    for i in rng.choice(100_000, 300, replace=False):
        holders = [k for k, g in geoms.items() if g.covers(shapely.Point(lon[i], lat[i]))]
        if len(holders) == 1:
            assert out.at[i, "kelurahan_kode"] == holders[0]
        elif not holders:
            assert out.at[i, "placement"] in ("gap", "outside")


# --- default and real boundaries ----------------------------------------------


def test_default_inside_points_join_their_own_kelurahan(default: gpd.GeoDataFrame) -> None:
    ks = kelurahan_list()
    out = join_points(default, [k.inside_lon for k in ks], [k.inside_lat for k in ks])
    assert out["kelurahan_kode"].tolist() == [k.kode for k in ks]
    assert set(out["placement"]) == {"inside"}


def test_real_inside_points_join_their_own_kelurahan(real: gpd.GeoDataFrame) -> None:
    ks = kelurahan_list()
    out = join_points(real, [k.inside_lon for k in ks], [k.inside_lat for k in ks])
    assert out["kelurahan_kode"].tolist() == [k.kode for k in ks]
    assert set(out["placement"]) == {"inside"}


def test_real_gap_point_goes_to_nearest_kelurahan(real: gpd.GeoDataFrame) -> None:
    # Gaps between the simplified polygons show up as holes in their union.
    union = shapely.union_all(real.geometry.to_numpy())
    holes = [shapely.Polygon(r) for p in shapely.get_parts(union) for r in p.interiors]
    assert holes, "the real file should have gaps between polygons"
    point = max(holes, key=lambda h: h.area).point_on_surface()
    assert not real.intersects(point).any()
    metric = real.to_crs(METRIC_CRS)
    x, y = TO_METRIC.transform(point.x, point.y)
    distances = metric.distance(shapely.Point(x, y))
    row = join_points(real, [point.x], [point.y]).iloc[0]
    assert row["placement"] == "gap"
    assert row["kelurahan_kode"] == real["kode"][distances.idxmin()]
    assert row["distance_m"] == pytest.approx(distances.min(), abs=1e-6)
    assert 0 < row["distance_m"] <= 250


def test_real_overlap_point_is_placed_in_one_of_the_two(real: gpd.GeoDataFrame) -> None:
    geoms = real.geometry.to_numpy()
    left, right = shapely.STRtree(geoms).query(geoms, predicate="overlaps")
    i, j = next((a, b) for a, b in zip(left, right, strict=True) if a < b)
    point = shapely.intersection(geoms[i], geoms[j]).point_on_surface()
    row = join_points(real, [point.x], [point.y]).iloc[0]
    assert row["placement"] == "overlap"
    assert row["kelurahan_kode"] in (real["kode"][i], real["kode"][j])
