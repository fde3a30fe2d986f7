"""The city seam (`pantau/city/seam.py`) on the real files of `geo/` and `geo/dki/`.

Counts are checked against `geo/dki/kode_wilayah.csv`; points and boxes against
`geo/dki/kelurahan_coverage.geojson` (MIT, © 2024 Cahya DSN; see `geo/dki/README.md`).
"""

from __future__ import annotations

import csv
import math
from collections import defaultdict

import geopandas as gpd
import pytest
import shapely

from pantau.city import areas
from pantau.city.seam import (
    DEFAULT_CITY,
    MAX_ZOOM,
    City,
    Kota,
    all_cities,
    city,
    fit_zoom,
)
from pantau.geo.coverage import COVERAGE_FILE, DKI_DIR
from pantau.kernel.errors import InvalidInput

KOTA_CODES = ("31.01", "31.71", "31.72", "31.73", "31.74", "31.75")


@pytest.fixture(scope="module")
def wilayah() -> list[dict[str, str]]:
    with (DKI_DIR / "kode_wilayah.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def coverage() -> gpd.GeoDataFrame:
    return gpd.read_file(COVERAGE_FILE)


def test_all_cities_are_the_six_kota_then_the_province() -> None:
    cities = all_cities()
    assert [c.kode for c in cities] == [*KOTA_CODES, "31"]
    assert [c.level for c in cities] == ["kota"] * 6 + ["provinsi"]
    assert all_cities() == cities
    assert DEFAULT_CITY == areas.kota_kode() == "31.72"


@pytest.mark.parametrize("kode", KOTA_CODES)
def test_each_kota_has_the_counts_of_kode_wilayah(kode: str, wilayah: list[dict[str, str]]) -> None:
    rows = [r for r in wilayah if r["kode_kota"] == kode]
    c = city(kode)
    assert [k.kode for k in c.kelurahan] == sorted(r["kode_kemendagri"] for r in rows)
    assert [k.nama for k in c.kelurahan] == [
        r["kelurahan"] for r in sorted(rows, key=lambda r: r["kode_kemendagri"])
    ]
    assert [(k.kode, k.nama) for k in c.kecamatan] == sorted(
        {(r["kode_kecamatan"], r["kecamatan"]) for r in rows}
    )
    assert c.kota == (Kota(kode, c.nama),)
    assert c.nama_resmi == rows[0]["kota"]
    for kel in c.kelurahan:
        assert kel.kecamatan_kode == kel.kode[:8]
        assert (kel.kecamatan_kode, kel.kecamatan) in {(k.kode, k.nama) for k in c.kecamatan}


def test_kelurahan_counts_match_the_readme_line(wilayah: list[dict[str, str]]) -> None:
    counts = {c.nama: len(c.kelurahan) for c in all_cities()}
    assert counts == {
        "Kepulauan Seribu": 6,
        "Jakarta Pusat": 44,
        "Jakarta Utara": 31,
        "Jakarta Barat": 56,
        "Jakarta Selatan": 65,
        "Jakarta Timur": 65,
        "DKI Jakarta": 267,
    }
    assert sum(counts.values()) - counts["DKI Jakarta"] == len(wilayah)


def test_province_holds_everything(wilayah: list[dict[str, str]]) -> None:
    dki = city("31")
    assert (dki.nama, dki.nama_resmi, dki.level) == (
        "DKI Jakarta",
        "Provinsi DKI Jakarta",
        "provinsi",
    )
    assert len(dki.kelurahan) == 267
    assert len(dki.kecamatan) == 44 == len({r["kode_kecamatan"] for r in wilayah})
    assert [k.kode for k in dki.kota] == list(KOTA_CODES)
    assert dki.kota[0] == Kota("31.01", "Kepulauan Seribu")
    assert [k.kode for k in dki.kelurahan] == sorted(r["kode_kemendagri"] for r in wilayah)
    kota_parts = [k for c in all_cities()[:6] for k in c.kelurahan]
    assert sorted(kota_parts, key=lambda k: k.kode) == list(dki.kelurahan)


def test_jakarta_utara_is_exactly_areas() -> None:
    utara = city("31.72")
    assert utara.kelurahan == areas.reference_facts() == areas.kelurahan_list()
    assert utara.kecamatan == areas.kecamatan_list()
    assert utara.kelurahan_by_kode() == dict(areas.kelurahan_by_kode())
    assert (utara.kode, utara.nama) == (areas.kota_kode(), areas.kota_name())
    assert utara.nama_resmi == "Kota Administrasi Jakarta Utara"
    in_province = city("31").kelurahan_by_kode()
    assert all(in_province[k.kode] == k for k in areas.kelurahan_list())


def test_kelurahan_outside_jakarta_utara_come_from_the_coverage(
    coverage: gpd.GeoDataFrame,
) -> None:
    metric_km2 = dict(
        zip(coverage["kode_kemendagri"], coverage.to_crs("EPSG:32748").area / 1e6, strict=True)
    )
    others = [k for k in city("31").kelurahan if not k.kode.startswith("31.72.")]
    assert len(others) == 267 - 31
    for k in others:
        assert (k.kode_bps, k.bps_certain) == ("", False)
        assert (k.office_lon, k.office_lat) == (k.inside_lon, k.inside_lat)
        assert round(k.inside_lon, 6) == k.inside_lon and round(k.inside_lat, 6) == k.inside_lat
        assert k.area_km2 == round(metric_km2[k.kode], 2)
        assert k.area_km2 > 0


def test_every_inside_point_lies_in_its_own_polygon(coverage: gpd.GeoDataFrame) -> None:
    polygons = dict(zip(coverage["kode_kemendagri"], coverage.geometry, strict=True))
    kelurahan = city("31").kelurahan
    assert len(kelurahan) == len(polygons) == 267
    geoms = [polygons[k.kode] for k in kelurahan]
    xs = [k.inside_lon for k in kelurahan]
    ys = [k.inside_lat for k in kelurahan]
    inside = shapely.contains_xy(geoms, xs, ys)
    assert [k.kode for k, ok in zip(kelurahan, inside, strict=True) if not ok] == []


@pytest.mark.parametrize("kode", [*KOTA_CODES, "31"])
def test_bbox_contains_every_kelurahan_and_is_tight(kode: str, coverage: gpd.GeoDataFrame) -> None:
    c = city(kode)
    mine = coverage[coverage["kode_kemendagri"].isin(c.kelurahan_by_kode())]
    assert len(mine) == len(c.kelurahan)
    frame = shapely.box(*c.bbox)
    assert all(frame.covers(g) for g in mine.geometry)
    assert c.bbox == tuple(float(v) for v in mine.total_bounds)
    assert all(type(v) is float for v in (*c.bbox, *c.centre))
    lat, lon = c.centre
    assert lat == pytest.approx((c.bbox[1] + c.bbox[3]) / 2, abs=1e-6)
    assert lon == pytest.approx((c.bbox[0] + c.bbox[2]) / 2, abs=1e-6)
    assert (c.timezone, c.metric_crs) == ("Asia/Jakarta", "EPSG:32748")


def test_zoom_fits_the_map_and_orders_the_cities() -> None:
    zooms = {c.kode: c.zoom for c in all_cities()}
    kota_zooms = [zooms[k] for k in KOTA_CODES]
    assert zooms["31"] <= min(kota_zooms)
    assert zooms["31.01"] == min(kota_zooms)
    assert all(zooms["31.01"] < zooms[k] for k in KOTA_CODES[1:])
    assert all(0 < z <= MAX_ZOOM for z in zooms.values())
    for c in all_cities():
        assert _fits(c.bbox, c.zoom) and not _fits(c.bbox, c.zoom + 1)


def _fits(bbox: tuple[float, float, float, float], zoom: int) -> bool:
    """Whether bbox fits 1000×650 px at `zoom`, projecting its corners to pixels."""

    def px(lon: float, lat: float) -> tuple[float, float]:
        scale = 256 * 2**zoom
        s = math.sin(math.radians(lat))
        return (lon + 180) / 360 * scale, (
            0.5 - math.log((1 + s) / (1 - s)) / (4 * math.pi)
        ) * scale

    x0, y0 = px(bbox[0], bbox[3])
    x1, y1 = px(bbox[2], bbox[1])
    return x1 - x0 <= 1000 and y1 - y0 <= 650


def test_fit_zoom_edge_cases() -> None:
    assert fit_zoom((106.8, -6.1, 106.8, -6.1)) == MAX_ZOOM
    assert fit_zoom((-180.0, -85.0, 180.0, 85.0)) == 1  # 512 px of world fits, 1024 not
    assert fit_zoom((-180.0, -85.0, 180.0, 85.0), 200, 200) == 0


@pytest.mark.parametrize(
    ("key", "kode"),
    [
        ("31.71", "31.71"),
        ("3171", "31.71"),
        (" 31 . 71 ", "31.71"),
        ("31", "31"),
        ("Jakarta Pusat", "31.71"),
        ("  jakarta   PUSAT  ", "31.71"),
        ("JakartaPusat", "31.71"),
        ("Kota Jakarta Pusat", "31.71"),
        ("kota administrasi jakarta pusat", "31.71"),
        ("Kota Adm. Jakarta Pusat", "31.71"),
        ("Jakpus", "31.71"),
        ("jakut", "31.72"),
        ("North Jakarta", "31.72"),
        ("Kota Administrasi Jakarta Utara", "31.72"),
        ("Jaksel", "31.74"),
        ("east jakarta", "31.75"),
        ("Jakarta-Barat", "31.73"),
        ("Kepulauan Seribu", "31.01"),
        ("Kep. Seribu", "31.01"),
        ("kep seribu", "31.01"),
        ("Kab. Kepulauan Seribu", "31.01"),
        ("Kabupaten Administrasi Kepulauan Seribu", "31.01"),
        ("KABUPATEN  ADMINISTRASI  KEPULAUAN  SERIBU", "31.01"),
        ("3101", "31.01"),
        ("DKI Jakarta", "31"),
        ("dki", "31"),
        ("Provinsi DKI Jakarta", "31"),
        ("Jakarta", "31"),
        ("prov. dki jakarta", "31"),
    ],
)
def test_lookup(key: str, kode: str) -> None:
    assert city(key).kode == kode


def test_every_variant_and_name_resolves_to_its_own_city() -> None:
    for c in all_cities():
        assert c.nama in c.name_variants and c.nama_resmi in c.name_variants
        for spelling in (*c.name_variants, c.nama.upper(), f"  {c.nama_resmi.lower()}  "):
            assert city(spelling) is c, spelling
    assert "Jakut" in city("31.72").name_variants
    assert "North Jakarta" in city("31.72").name_variants
    assert {"Kep. Seribu", "Kab. Kepulauan Seribu"} <= set(city("31.01").name_variants)
    assert {"DKI Jakarta", "DKI", "Provinsi DKI Jakarta", "Jakarta"} <= set(
        city("31").name_variants
    )


@pytest.mark.parametrize(
    ("key", "closest"),
    [
        ("Jakarta Utra", "Jakarta Utara (31.72)"),
        ("Jaktimur", "Jakarta Timur (31.75)"),
        ("kepulauan sribu", "Kepulauan Seribu (31.01)"),
    ],
)
def test_unknown_names_the_closest_and_the_codes(key: str, closest: str) -> None:
    with pytest.raises(InvalidInput) as err:
        city(key)
    message = str(err.value)
    assert "tidak dikenal" in message
    assert f"Yang paling mirip: {closest}" in message
    for kode in (*KOTA_CODES, "31 (DKI Jakarta)"):
        assert kode in message
    assert err.value.fields == {"wilayah": message}


@pytest.mark.parametrize("key", ["", "   ", "3172.01", "31.76", "3176", "Bandung", "Kota"])
def test_other_unknown_keys_raise(key: str) -> None:
    with pytest.raises(InvalidInput, match=r"Kode yang berlaku: 31\.01 "):
        city(key)


def test_contains_kode() -> None:
    utara, dki = city("31.72"), city("31")
    assert utara.contains_kode("31.72")
    assert utara.contains_kode("31.72.01")
    assert utara.contains_kode("31.72.01.1001")
    assert not utara.contains_kode("31.71.01.1001")
    assert not utara.contains_kode("31.71")
    assert not utara.contains_kode("31")
    assert not utara.contains_kode("31.72.99")
    assert dki.contains_kode("31") and dki.contains_kode("31.01.01.1001")
    assert all(dki.contains_kode(k) for k in KOTA_CODES)
    assert not dki.contains_kode("32.01")
    assert utara.kecamatan_kode_set == {k.kode for k in areas.kecamatan_list()}


def test_city_is_hashable_equal_and_cached() -> None:
    a, b = city("31.72"), city("Jakut")
    assert a is b and a == b and hash(a) == hash(b)
    assert len({*all_cities(), *all_cities()}) == 7
    assert isinstance(a, City)
    with pytest.raises(AttributeError):
        a.kode = "31.71"  # type: ignore[misc]


def test_kelurahan_by_kode_is_a_fresh_dict() -> None:
    d = city("31.71").kelurahan_by_kode()
    d.clear()
    assert len(city("31.71").kelurahan_by_kode()) == 44


def test_each_kota_partition_is_by_code() -> None:
    seen: dict[str, set[str]] = defaultdict(set)
    for c in all_cities()[:6]:
        for k in c.kelurahan:
            assert k.kode.startswith(c.kode + ".")
            seen[k.kode].add(c.kode)
    assert all(len(v) == 1 for v in seen.values())
