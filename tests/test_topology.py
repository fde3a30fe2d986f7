"""Kelurahan outlines as shared arcs: each border sent once, rings rebuilt exactly as
the browser rebuilds them (DECODE_JS), kecamatan outlines as the arcs where the
kecamatan changes, and the whole province lighter than ring-by-ring encoding."""

from __future__ import annotations

import json

import geopandas as gpd
import shapely

from pantau.city import seam as city
from pantau.map import basemap, topology
from tests.test_mappack import _decode_ring


def _rebuild(shared: dict, geometry: dict) -> shapely.MultiPolygon:
    """pwPolygons for an "ArcPolygons" geometry, in Python."""
    arcs = [_decode_ring(a) for a in shared["arcs"]]

    def arc(ref: int) -> list[tuple[float, float]]:
        a = arcs[ref if ref >= 0 else ~ref]
        return a if ref >= 0 else a[::-1]

    polygons = []
    for rings in geometry["polygons"]:
        lonlat = []
        for refs in rings:
            pts: list[tuple[float, float]] = []
            for k, ref in enumerate(refs):
                pts += arc(ref)[1 if k else 0 :]
            lonlat.append([(lon, lat) for lat, lon in pts])
        polygons.append(shapely.Polygon(lonlat[0], lonlat[1:]))
    return shapely.MultiPolygon(polygons)


def _square(x: float, y: float, size: float = 0.01) -> shapely.Polygon:
    return shapely.box(x, y, x + size, y + size)


def test_a_shared_border_is_one_arc_used_by_both() -> None:
    left, right = _square(106.80, -6.10), _square(106.81, -6.10)
    topo = topology.build([left, right], 0)
    shared = [i for i, users in enumerate(topo.users) if users == (0, 1)]
    assert len(shared) == 1
    refs_left = {r if r >= 0 else ~r for p in topo.shapes[0] for ring in p for r in ring}
    refs_right = {r if r >= 0 else ~r for p in topo.shapes[1] for ring in p for r in ring}
    assert refs_left & refs_right == set(shared)
    # same kecamatan: only the outer edge is an outline; different: the border too
    assert shared[0] not in topo.borders(["31.72.01", "31.72.01"])
    assert shared[0] in topo.borders(["31.72.01", "31.72.02"])


def test_rings_rebuild_exactly_without_simplification() -> None:
    left, right = _square(106.80, -6.10), _square(106.81, -6.10)
    ring_with_hole = shapely.Polygon(
        _square(106.90, -6.12, 0.03).exterior.coords, [_square(106.91, -6.11).exterior.coords]
    )
    enclave = _square(106.91, -6.11)  # fills the hole: one closed arc, walked both ways
    geoms = [left, right, ring_with_hole, enclave]
    topo = topology.build(geoms, 0)
    shared, geometries = basemap.topology_payload(topo, range(len(geoms)), [])
    for geom, geometry in zip(geoms, geometries, strict=True):
        back = _rebuild(shared, geometry)
        assert back.is_valid
        assert shapely.equals_exact(shapely.normalize(back), shapely.normalize(
            shapely.MultiPolygon([geom])), tolerance=1e-5)  # fmt: skip
    (enclave_ref,) = geometries[3]["polygons"][0][0]
    assert topo.users[enclave_ref if enclave_ref >= 0 else ~enclave_ref] == (2, 3)


def test_a_small_ring_keeps_its_shape_when_simplified() -> None:
    tiny = shapely.Polygon([(106.8, -6.1), (106.80002, -6.1), (106.80001, -6.09998)])
    topo = topology.build([tiny], 0.001)
    shared, (geometry,) = basemap.topology_payload(topo, [0], [])
    assert _rebuild(shared, geometry).area > 0


def test_the_province_outlines_round_trip_and_weigh_less() -> None:
    gdf = gpd.read_file(city.COVERAGE_FILE)
    tolerance = basemap.WIDE_TOLERANCE_DEG
    topo = topology.build(list(gdf.geometry), tolerance)
    shown = range(len(gdf))
    outline = topo.borders(list(gdf["kode_kecamatan"]))
    shared, geometries = basemap.topology_payload(topo, shown, outline)
    for geom, geometry in zip(gdf.geometry, geometries, strict=True):
        back = _rebuild(shared, geometry)
        assert shapely.hausdorff_distance(back, geom) < tolerance + 2e-5
    # the kecamatan outlines are the kelurahan borders where the kecamatan changes
    lines = shapely.MultiLineString(
        [[(lon, lat) for lat, lon in _decode_ring(shared["arcs"][i])] for i in shared["outline"]]
    )
    kecamatan = shapely.coverage_union_all(gdf.geometry.to_numpy())
    assert lines.length > kecamatan.boundary.length  # the outer edge and the inner borders
    dissolved = gdf.dissolve("kode_kecamatan").geometry
    inner = shapely.union_all(dissolved.boundary.to_numpy()).length
    assert abs(lines.length - inner) / inner < 0.02
    # each border once: lighter than every ring on its own plus dissolved kecamatan
    size = len(json.dumps([shared, geometries], separators=(",", ":")))
    separate = sum(
        len(json.dumps(basemap.screen_geometry(g, tolerance), separators=(",", ":")))
        for g in [*gdf.geometry, *dissolved]
    )
    assert size < 0.7 * separate, (size, separate)
