"""Boundary files: names, reading, matching to the 31 kelurahan, default boundaries.

Tiny shapes are built in code; the real file `../shared/boundaries/
kelurahan_jakarta_utara.geojson` (MIT, from `wilayah_boundaries`, see its README)
is read from next to the repository and those tests skip when it is absent.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from geopandas.testing import assert_geodataframe_equal
from shapely import box

from pantau.city.areas import kelurahan_by_kode, kelurahan_list
from pantau.geo.boundaries import (
    DEFAULT_BOUNDARIES,
    METRIC_CRS,
    boundaries_to_geojson,
    load_default_boundaries,
    match_boundaries,
    normalise_name,
    read_boundary_file,
    write_boundaries,
)
from pantau.geo.matching import Columns, detect_columns
from pantau.kernel.errors import InvalidInput, PantauError

SHARED = Path(__file__).resolve().parents[2] / "shared" / "boundaries"
REAL_FILE = SHARED / "kelurahan_jakarta_utara.geojson"
KODES = [k.kode for k in kelurahan_list()]
PLUIT = "31.72.01.1005"
HALF = 0.002  # half side of the test boxes, in degrees; inside points are >= 0.0065 apart


@pytest.fixture(scope="module")
def real() -> gpd.GeoDataFrame:
    if not SHARED.is_dir():
        pytest.skip(f"real boundary file folder absent: {SHARED}")
    return read_boundary_file(REAL_FILE)


@pytest.fixture(scope="module")
def default() -> gpd.GeoDataFrame:
    return load_default_boundaries()


def boxes(**columns: list[object]) -> gpd.GeoDataFrame:
    """31 small boxes, one around each inside point, with kode and nama by default."""
    ks = kelurahan_list()
    data: dict[str, list[object]] = {"kode": [k.kode for k in ks], "nama": [k.nama for k in ks]}
    data.update(columns)
    geoms = [
        box(k.inside_lon - HALF, k.inside_lat - HALF, k.inside_lon + HALF, k.inside_lat + HALF)
        for k in ks
    ]
    return gpd.GeoDataFrame(data, geometry=geoms, crs="EPSG:4326")


def with_feature(
    gdf: gpd.GeoDataFrame, geom: shapely.Geometry, **values: object
) -> gpd.GeoDataFrame:
    extra = gpd.GeoDataFrame({k: [v] for k, v in values.items()}, geometry=[geom], crs=gdf.crs)
    return gpd.GeoDataFrame(pd.concat([gdf, extra], ignore_index=True), crs=gdf.crs)


def write_text(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- normalise_name -----------------------------------------------------------


@pytest.mark.parametrize(
    ("variant", "reference"),
    [
        ("Kali Baru", "Kalibaru"),
        ("Rawabadak Utara", "Rawa Badak Utara"),
        ("Tanjung Priuk", "Tanjung Priok"),
        ("Tanjungpriok", "Tanjung Priok"),
        ("Tj. Priok", "Tanjung Priok"),
        ("Papango", "Papanggo"),
        ("Suka Pura", "Sukapura"),
        ("Kelapagading Barat", "Kelapa Gading Barat"),
        ("Penjagalan", "Pejagalan"),
        ("SUNTER  JAYA", "Sunter Jaya"),
        ("Sunter Djaja", "Sunter Jaya"),
        ("Pad. Barat", "Pademangan Barat"),
        ("Pegangsaan II", "Pegangsaan Dua"),
        ("Soekapoera", "Sukapura"),
        ("Tjilintjing", "Cilincing"),
        ("Kel. Pluit", "Pluit"),
        ("Kelurahan Koja", "Koja"),
        ("Desa Marunda", "Marunda"),
        ("Kebun Bawang", "Kebon Bawang"),
        ("Rawa-Badak Selatan", "Rawa Badak Selatan"),
    ],
)
def test_normalise_name_folds_variant(variant: str, reference: str) -> None:
    assert normalise_name(variant) == normalise_name(reference)


def test_normalise_name_keeps_kelapa_gading_whole() -> None:
    # "Kel" is a prefix only as a word or with a dot, never the start of "Kelapa".
    assert normalise_name("Kelapa Gading") == "kelapagading"


def test_normalise_name_keeps_all_31_apart() -> None:
    keys = {normalise_name(k.nama) for k in kelurahan_list()}
    assert len(keys) == 31


def test_normalise_name_does_not_merge_different_names() -> None:
    assert normalise_name("Kapuk") != normalise_name("Kapuk Muara")
    assert normalise_name("Penjaringan") != normalise_name("Pejagalan")


# --- detect_columns -----------------------------------------------------------


def test_detect_columns_on_real_file(real: gpd.GeoDataFrame) -> None:
    assert detect_columns(real) == Columns("kode", "bps", "nama", "kecamatan")


def test_detect_columns_undotted_kemendagri_digits() -> None:
    gdf = boxes(kode=[int(k.replace(".", "")) for k in KODES])
    assert detect_columns(gdf).kemendagri == "kode"
    assert detect_columns(gdf).bps is None


def test_detect_columns_bps_digits_are_not_kemendagri() -> None:
    gdf = boxes(kode=[kelurahan_by_kode()[k].kode_bps for k in KODES])
    assert detect_columns(gdf) == Columns(None, "kode", "nama", None)


def test_detect_columns_jakarta_timur_bps_codes_are_not_kemendagri() -> None:
    # BPS 3172... is Jakarta Timur: ten digits starting 3172 that are no Jakarta
    # Utara Kemendagri code once dotted must not make a Kemendagri column.
    gdf = boxes(kode=[f"3172{i:03d}001" for i in range(10, 320, 10)])
    assert detect_columns(gdf) == Columns(None, None, "nama", None)


# --- read_boundary_file -------------------------------------------------------


def test_read_text_file_renamed_geojson(tmp_path: Path) -> None:
    path = write_text(tmp_path, "batas.geojson", "ini bukan data geospasial\n")
    with pytest.raises(InvalidInput, match="tidak dapat dibaca sebagai data geospasial") as exc:
        read_boundary_file(path)
    assert "berkas" in exc.value.fields


def test_read_empty_file(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="tidak dapat dibaca"):
        read_boundary_file(write_text(tmp_path, "kosong.geojson", ""))


def test_read_empty_feature_collection(tmp_path: Path) -> None:
    path = write_text(tmp_path, "fc.geojson", '{"type":"FeatureCollection","features":[]}')
    with pytest.raises(InvalidInput, match="tidak berisi satu pun fitur"):
        read_boundary_file(path)


def test_read_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="tidak ditemukan"):
        read_boundary_file(tmp_path / "tidak-ada.geojson")


def test_read_unsupported_format(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="tidak didukung"):
        read_boundary_file(write_text(tmp_path, "batas.csv", "kode,nama\n"))


def test_read_points_only(tmp_path: Path) -> None:
    points = gpd.GeoDataFrame({"nama": ["Pluit"]}, geometry=[shapely.Point(106.78, -6.11)])
    points.set_crs("EPSG:4326").to_file(tmp_path / "titik.geojson")
    with pytest.raises(InvalidInput, match="tidak berisi poligon"):
        read_boundary_file(tmp_path / "titik.geojson")


def test_read_no_crs_in_metres_shapefile(tmp_path: Path) -> None:
    metres = boxes().to_crs(METRIC_CRS).set_crs(None, allow_override=True)
    with pytest.warns(UserWarning):  # pyogrio warns that no .prj is written
        metres.to_file(tmp_path / "batas.shp")
    assert not (tmp_path / "batas.prj").exists()
    with pytest.raises(InvalidInput, match="tidak menyebutkan sistem koordinat") as exc:
        read_boundary_file(tmp_path / "batas.shp")
    assert "CRS" in exc.value.fields["berkas"]


def test_read_geojson_metres_without_crs_member(tmp_path: Path) -> None:
    # GeoJSON has no CRS member: GDAL assumes WGS84, the coordinates say otherwise.
    metres = boxes().to_crs(METRIC_CRS)
    text = json.dumps(json.loads(metres.to_json(drop_id=True)) | {"crs": None})
    with pytest.raises(InvalidInput, match="di luar rentang bujur/lintang"):
        read_boundary_file(write_text(tmp_path, "utm.geojson", text))


def test_read_no_crs_lonlat_shapefile_assumed_wgs84(tmp_path: Path) -> None:
    with pytest.warns(UserWarning):
        boxes().set_crs(None, allow_override=True).to_file(tmp_path / "batas.shp")
    gdf = read_boundary_file(tmp_path / "batas.shp")
    assert gdf.crs is not None and gdf.crs.to_epsg() == 4326
    assert any("dianggap" in note for note in gdf.attrs["pantau_notes"])


def test_read_bad_zip(tmp_path: Path) -> None:
    (tmp_path / "batas.zip").write_bytes(b"bukan zip")
    with pytest.raises(InvalidInput, match="zip rusak"):
        read_boundary_file(tmp_path / "batas.zip")


def test_read_zip_with_two_shapefiles(tmp_path: Path) -> None:
    for name in ("a", "b"):
        boxes().to_file(tmp_path / f"{name}.shp")
    with zipfile.ZipFile(tmp_path / "dua.zip", "w") as zf:
        for f in tmp_path.glob("[ab].*"):
            zf.write(f, f.name)
    with pytest.raises(InvalidInput, match="tepat satu"):
        read_boundary_file(tmp_path / "dua.zip")


def test_read_geopackage_with_two_polygon_layers(tmp_path: Path) -> None:
    boxes().to_file(tmp_path / "x.gpkg", layer="satu")
    boxes().to_file(tmp_path / "x.gpkg", layer="dua")
    with pytest.raises(InvalidInput, match="beberapa lapisan"):
        read_boundary_file(tmp_path / "x.gpkg")


def test_read_geopackage_picks_the_polygon_layer(tmp_path: Path) -> None:
    points = gpd.GeoDataFrame({"n": [1]}, geometry=[shapely.Point(106.8, -6.1)], crs=4326)
    points.to_file(tmp_path / "x.gpkg", layer="kantor")
    boxes().to_file(tmp_path / "x.gpkg", layer="kelurahan")
    assert len(read_boundary_file(tmp_path / "x.gpkg")) == 31


# --- match_boundaries on the real file ----------------------------------------


def test_real_file_matches_31_by_kemendagri(real: gpd.GeoDataFrame) -> None:
    result = match_boundaries(real)
    b = result.boundaries
    assert list(b.columns) == ["kode", "nama", "kecamatan_kode", "geometry"]
    assert b.crs.to_epsg() == 4326
    assert b["kode"].tolist() == KODES
    assert set(result.matched_by.values()) == {"kode_kemendagri"}
    assert len(result.matched_by) == 31
    source = real.set_index("kode").loc[KODES].geometry.to_numpy()
    assert shapely.equals(b.geometry.to_numpy(), source).all()


def test_real_file_matches_by_name_without_code_columns(real: gpd.GeoDataFrame) -> None:
    result = match_boundaries(real.drop(columns=["kode", "bps"]))
    assert set(result.matched_by.values()) == {"nama"}
    assert result.boundaries["kode"].tolist() == KODES


def test_real_file_matches_by_bps_with_names(real: gpd.GeoDataFrame) -> None:
    # The three uncertain Kelapa Gading BPS codes count because the names agree.
    result = match_boundaries(real.drop(columns=["kode"]))
    assert set(result.matched_by.values()) == {"kode_bps"}
    assert len(result.matched_by) == 31


def test_real_file_bps_only_leaves_uncertain_codes_unmatched(real: gpd.GeoDataFrame) -> None:
    with pytest.raises(InvalidInput) as exc:
        match_boundaries(real[["bps", "geometry"]])
    message = str(exc.value)
    for nama in ("Kelapa Gading Timur", "Pegangsaan Dua", "Kelapa Gading Barat"):
        assert nama in message
    assert {"31.72.06.1001", "31.72.06.1002", "31.72.06.1003"} <= set(exc.value.fields)
    assert "belum pasti" in message


def test_real_file_reprojected_imports_back(real: gpd.GeoDataFrame, tmp_path: Path) -> None:
    real.to_crs(METRIC_CRS).to_file(tmp_path / "utm.gpkg")
    gdf = read_boundary_file(tmp_path / "utm.gpkg")
    assert gdf.crs.to_epsg() == 4326
    assert any("32748" in note for note in gdf.attrs["pantau_notes"])
    result = match_boundaries(gdf)
    assert result.boundaries["kode"].tolist() == KODES
    source = real.set_index("kode").loc[KODES].geometry.to_numpy()
    moved = shapely.hausdorff_distance(result.boundaries.geometry.to_numpy(), source)
    assert moved.max() < 1e-7  # degrees: the round trip through UTM loses nothing
    assert any("32748" in note for note in result.notes)


def test_real_file_zipped_shapefile_round_trip(real: gpd.GeoDataFrame, tmp_path: Path) -> None:
    folder = tmp_path / "shp"
    folder.mkdir()
    real.to_file(folder / "kelurahan.shp")
    with zipfile.ZipFile(tmp_path / "kelurahan.zip", "w") as zf:
        for f in sorted(folder.iterdir()):
            zf.write(f, f"batas/{f.name}")  # in a sub-folder, as people zip them
    result = match_boundaries(read_boundary_file(tmp_path / "kelurahan.zip"))
    assert set(result.matched_by.values()) == {"kode_kemendagri"}
    source = real.set_index("kode").loc[KODES].geometry.to_numpy()
    assert shapely.equals_exact(result.boundaries.geometry.to_numpy(), source, 1e-9).all()


def test_geopackage_round_trip(tmp_path: Path) -> None:
    boxes().to_file(tmp_path / "kelurahan.gpkg")
    result = match_boundaries(read_boundary_file(tmp_path / "kelurahan.gpkg"))
    assert result.boundaries["kode"].tolist() == KODES
    assert shapely.equals(result.boundaries.geometry.to_numpy(), boxes().geometry.to_numpy()).all()


# --- match_boundaries on tiny shapes ------------------------------------------


def test_match_undotted_kemendagri_integers() -> None:
    result = match_boundaries(boxes(kode=[int(k.replace(".", "")) for k in KODES]))
    assert set(result.matched_by.values()) == {"kode_kemendagri"}


def test_match_names_with_spelling_variants() -> None:
    names = [k.nama for k in kelurahan_list()]
    names[names.index("Papanggo")] = "Kel. Papango"
    names[names.index("Tanjung Priok")] = "TANJUNG PRIUK"
    result = match_boundaries(boxes(kode=[None] * 31, nama=names))
    assert set(result.matched_by.values()) == {"nama"}


def test_match_bow_tie_is_repaired() -> None:
    k = kelurahan_by_kode()[PLUIT]
    x, y, d = k.inside_lon, k.inside_lat, HALF
    bow_tie = shapely.Polygon([(x - d, y - d), (x + d, y + d), (x + d, y - d), (x - d, y + d)])
    assert not bow_tie.is_valid
    gdf = boxes()
    gdf.loc[gdf["kode"] == PLUIT, "geometry"] = bow_tie
    result = match_boundaries(gdf)
    geom = result.boundaries.set_index("kode").geometry[PLUIT]
    assert geom.is_valid and geom.geom_type == "MultiPolygon"
    assert geom.area == pytest.approx(2 * d * d, rel=1e-9)  # the two triangles of the bow
    assert result.repaired == 1
    assert any("diperbaiki" in note for note in result.notes)


def test_match_missing_kelurahan_names_it() -> None:
    gdf = boxes()
    with pytest.raises(InvalidInput, match="Pluit") as exc:
        match_boundaries(gdf[gdf["kode"] != PLUIT])
    assert list(exc.value.fields) == [PLUIT]
    assert "1 kelurahan tidak ditemukan" in str(exc.value)


def test_match_two_features_are_dissolved() -> None:
    gdf = boxes()
    k = kelurahan_by_kode()[PLUIT]
    gdf.loc[gdf["kode"] == PLUIT, "geometry"] = box(
        k.inside_lon - HALF, k.inside_lat - HALF, k.inside_lon, k.inside_lat + HALF
    )
    right = box(k.inside_lon, k.inside_lat - HALF, k.inside_lon + HALF, k.inside_lat + HALF)
    result = match_boundaries(with_feature(gdf, right, kode=PLUIT, nama="Pluit"))
    assert len(result.boundaries) == 31
    geom = result.boundaries.set_index("kode").geometry[PLUIT]
    assert geom.equals(boxes().set_index("kode").geometry[PLUIT])
    assert result.dissolved == 1
    assert any("Pluit tersusun dari 2 fitur" in note for note in result.notes)


@pytest.mark.parametrize(
    ("name", "candidates"),
    [
        ("Pademangan", "Pademangan Barat, Pademangan Timur"),
        ("Kel. Rawa Badak", "Rawa Badak Selatan, Rawa Badak Utara"),
        ("Kelapa Gading", "Kelapa Gading Barat, Kelapa Gading Timur"),
    ],
)
def test_match_shared_name_stem_is_ambiguous(name: str, candidates: str) -> None:
    k = kelurahan_by_kode()["31.72.05.1002"]  # Pademangan Barat
    piece = box(k.inside_lon - HALF / 2, k.inside_lat - HALF / 2, k.inside_lon, k.inside_lat)
    with pytest.raises(InvalidInput, match="ambigu") as exc:
        match_boundaries(with_feature(boxes(), piece, kode=None, nama=name))
    assert candidates in exc.value.fields["fitur 32"]


def test_match_stem_of_one_kelurahan_is_not_that_kelurahan() -> None:
    # Kapuk is a kelurahan of Jakarta Barat, not a short form of Kapuk Muara.
    west = box(106.73, -6.16, 106.74, -6.15)
    result = match_boundaries(with_feature(boxes(), west, kode=None, nama="Kapuk"))
    assert result.dropped == 1
    assert any("nama Kapuk" in note and "di luar Jakarta Utara" in note for note in result.notes)


def test_match_name_disagreeing_with_code_is_noted() -> None:
    names = [k.nama for k in kelurahan_list()]
    names[KODES.index(PLUIT)] = "Penjaringan"
    result = match_boundaries(boxes(nama=names))
    assert result.matched_by[PLUIT] == "kode_kemendagri"
    assert any("nama menunjuk Penjaringan" in note for note in result.notes)


def test_match_contradicting_codes_are_ambiguous() -> None:
    bps = [kelurahan_by_kode()[k].kode_bps for k in KODES]
    i, j = KODES.index(PLUIT), KODES.index("31.72.01.1001")
    bps[i], bps[j] = bps[j], bps[i]
    with pytest.raises(InvalidInput, match="ambigu") as exc:
        match_boundaries(boxes(bps=bps))
    assert "kode BPS menunjuk Penjaringan" in " ".join(exc.value.fields.values())


def test_match_other_kota_by_code_is_dropped_with_note() -> None:
    other = box(106.70, -6.16, 106.71, -6.15)
    result = match_boundaries(with_feature(boxes(), other, kode="31.73.01.1001", nama="Kapuk"))
    assert len(result.boundaries) == 31
    assert result.dropped == 1
    assert any("31.73.01.1001" in n and "bukan Jakarta Utara" in n for n in result.notes)
    assert "Fitur diabaikan: 1." in result.report()


def test_match_jakarta_timur_bps_code_is_dropped_with_note() -> None:
    gdf = boxes(bps=[kelurahan_by_kode()[k].kode_bps for k in KODES])
    other = box(106.90, -6.25, 106.91, -6.24)
    result = match_boundaries(with_feature(gdf, other, kode=None, nama=None, bps="3172010001"))
    assert result.dropped == 1
    assert any("kode BPS 3172010001 bukan Jakarta Utara" in note for note in result.notes)


def test_match_unknown_name_outside_is_dropped() -> None:
    far = box(106.60, -6.30, 106.61, -6.29)
    result = match_boundaries(with_feature(boxes(), far, kode=None, nama="Kembangan"))
    assert result.dropped == 1
    assert any("di luar Jakarta Utara" in note for note in result.notes)


def test_match_unknown_name_inside_the_city_is_an_error() -> None:
    k = kelurahan_by_kode()[PLUIT]
    lake = box(k.inside_lon - HALF / 2, k.inside_lat - HALF / 2, k.inside_lon, k.inside_lat)
    with pytest.raises(InvalidInput, match="fitur bermasalah") as exc:
        match_boundaries(with_feature(boxes(), lake, kode=None, nama="Waduk Pluit"))
    assert "fitur 32" in exc.value.fields


def test_match_without_code_or_name_columns() -> None:
    with pytest.raises(InvalidInput, match="kolom"):
        match_boundaries(boxes(kode=["x"] * 31, nama=["y"] * 31))


def test_match_kecamatan_column_alone_is_not_enough(real: gpd.GeoDataFrame) -> None:
    with pytest.raises(InvalidInput, match="Kolom yang ada: kecamatan"):
        match_boundaries(real[["kecamatan", "geometry"]])


def test_match_refuses_other_crs() -> None:
    with pytest.raises(ValueError, match="EPSG:4326"):
        match_boundaries(boxes().to_crs(METRIC_CRS))


def test_report_counts() -> None:
    report = match_boundaries(boxes()).report()
    assert "Berkas berisi 31 fitur." in report
    assert "31 dari 31 kelurahan cocok: 31 lewat kode Kemendagri" in report
    assert "Geometri diperbaiki: 0." in report


# --- default boundaries -------------------------------------------------------


def test_default_has_31_valid_polygons(default: gpd.GeoDataFrame) -> None:
    assert list(default.columns) == ["kode", "nama", "kecamatan_kode", "geometry"]
    assert default["kode"].tolist() == KODES
    assert default.crs.to_epsg() == 4326
    assert default.is_valid.all()
    assert set(default.geom_type) <= {"Polygon", "MultiPolygon"}


def test_default_inside_points_in_own_cell_only(default: gpd.GeoDataFrame) -> None:
    for k in kelurahan_list():
        holders = default.loc[default.contains(shapely.Point(k.inside_lon, k.inside_lat)), "kode"]
        assert holders.tolist() == [k.kode], k.nama


def test_default_office_points_in_own_cell(default: gpd.GeoDataFrame) -> None:
    geoms = default.set_index("kode").geometry
    for k in kelurahan_list():
        assert geoms[k.kode].contains(shapely.Point(k.office_lon, k.office_lat)), k.nama


def test_default_is_a_clean_coverage(default: gpd.GeoDataFrame) -> None:
    assert shapely.coverage_is_valid(default.geometry.to_numpy())
    union = shapely.union_all(default.geometry.to_numpy())
    assert all(len(p.interiors) == 0 for p in shapely.get_parts(union))


def test_default_is_the_real_city_not_an_approximation(default: gpd.GeoDataFrame) -> None:
    """The 31 kelurahan of the real DKI coverage: their area is the published one (147.12
    km² in the facts) and each has the shape of the real kelurahan, not of circles."""
    facts = sum(k.area_km2 for k in kelurahan_list())
    area = default.to_crs(METRIC_CRS).area.sum() / 1e6
    assert area == pytest.approx(facts, rel=0.002)
    published = read_boundary_file(DEFAULT_BOUNDARIES.parent / "kelurahan.geojson")
    mine = published.set_index("kode_kemendagri").geometry[KODES].to_crs(METRIC_CRS)
    ours = default.set_index("kode").geometry.to_crs(METRIC_CRS)
    for kode in KODES:  # the cleaning moves at most a thin sliver of each
        same = ours[kode].intersection(mine[kode]).area
        assert same / mine[kode].area > 0.99, kode


def test_default_coordinates_have_7_decimals(default: gpd.GeoDataFrame) -> None:
    coords = shapely.get_coordinates(default.geometry.to_numpy())
    assert np.array_equal(coords, np.round(coords, 7))


def test_default_file_imports_as_official(default: gpd.GeoDataFrame) -> None:
    """The whole-DKI file imports as the city's 31 (the others left out with a note)."""
    result = match_boundaries(read_boundary_file(DEFAULT_BOUNDARIES))
    assert set(result.matched_by.values()) == {"kode_kemendagri"}
    assert_geodataframe_equal(result.boundaries, default)


def test_load_default_missing_file(tmp_path: Path) -> None:
    with pytest.raises(PantauError, match=r"python -m pantau\.coverage build"):
        load_default_boundaries(tmp_path / "hilang.geojson")


def test_load_default_refuses_a_file_without_the_city(tmp_path: Path) -> None:
    other = read_boundary_file(DEFAULT_BOUNDARIES)
    other = other[other["kode_kota"] != "31.72"]
    path = tmp_path / "tanpa_utara.geojson"
    other.to_file(path, driver="GeoJSON")
    with pytest.raises(PantauError, match="Pluit"):
        load_default_boundaries(path)


# --- GeoJSON output -----------------------------------------------------------


def test_geojson_round_trip(tmp_path: Path) -> None:
    gdf = boxes(kecamatan_kode=[k.kecamatan_kode for k in kelurahan_list()])
    write_boundaries(gdf, tmp_path / "out.geojson")
    back = read_boundary_file(tmp_path / "out.geojson")
    assert back["kode"].tolist() == KODES
    assert shapely.equals(back.geometry.to_numpy(), gdf.geometry.to_numpy()).all()


def test_geojson_is_a_feature_collection_with_properties() -> None:
    data = json.loads(boundaries_to_geojson(boxes()))
    assert data["type"] == "FeatureCollection"
    assert data["features"][0]["properties"] == {"kode": KODES[0], "nama": "Penjaringan"}


def test_geojson_refuses_other_crs() -> None:
    with pytest.raises(ValueError, match="EPSG:4326"):
        boundaries_to_geojson(boxes().to_crs(METRIC_CRS))


def test_geo_readme_documents_files_and_regeneration() -> None:
    geo = DEFAULT_BOUNDARIES.parent.parent
    readme = (geo / "README.md").read_text(encoding="utf-8")
    csv_text = (geo / "kelurahan_jakarta_utara.csv").read_text("utf-8")
    for column in csv_text.splitlines()[0].split(","):
        assert f"`{column}`" in readme, column
    for needle in ("dki/", "uv run python -m pantau.geo.coverage build", "EPSG:4326", "MIT"):
        assert needle in readme
    assert "pantau boundaries import FILE" in readme


def test_match_a_second_feature_over_a_neighbour_imports_nothing() -> None:
    """A feature carrying Pluit's code with Semper Timur's polygon once imported with only
    a note ("digabung"), moving Semper Timur's reports and sites to lurah Pluit."""
    gdf = boxes()
    other = gdf.set_index("kode").geometry["31.72.04.1005"]
    with pytest.raises(InvalidInput) as exc:
        match_boundaries(with_feature(gdf, other, kode=PLUIT, nama="Pluit"))
    assert "menutupi Kelurahan" in str(exc.value.fields)
