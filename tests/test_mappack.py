"""The map's compact wire formats decode to what was packed: report arrays, point
columns, encoded outlines; and no user text is evaluated by folium's templates."""

from __future__ import annotations

import base64
import json
import re

import numpy as np
import pytest
import shapely

from pantau.map.basemap import encode_ring, kota_layer, screen_geometry
from pantau.map.data import build_map_data
from pantau.map.filters import MapFilters
from pantau.store import Database
from pantau.ui.mapbuilder import build_map, map_html, places
from pantau.ui.mappack import pack_points, pack_reports
from tests.conftest import NOW

pytestmark = pytest.mark.both_engines


def _array(b64: str, dtype: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(b64), dtype=dtype)


def _decode_ring(text: str) -> list[tuple[float, float]]:
    """The polyline algorithm backwards (as DECODE_JS does): [(lat, lon), ...]."""
    values, shift, result = [], 0, 0
    for char in text:
        b = ord(char) - 63
        result |= (b & 0x1F) << shift
        shift += 5
        if b < 0x20:
            values.append(~(result >> 1) if result & 1 else result >> 1)
            shift, result = 0, 0
    lat = np.cumsum(values[0::2]) / 1e5
    lon = np.cumsum(values[1::2]) / 1e5
    return list(zip(lat.tolist(), lon.tolist(), strict=True))


WIDTH = {1: "u1", 2: "<u2", 4: "<u4"}


def _unpack_reports(packed: dict) -> tuple[np.ndarray, ...]:
    """REPORT_JS's decoding in Python: lat, lon, flags, counts, ids."""
    n = packed["n"]
    lat = packed["lat0"] + _array(packed["lat"], "<u2") * packed["step"]
    lon = packed["lon0"] + _array(packed["lon"], "<u2") * packed["step"]
    nibbles = _array(packed["flags"], "u1")
    flags = np.array([(nibbles[k >> 1] >> ((k & 1) * 4)) & 15 for k in range(n)])
    count = (
        _array(packed["count"], WIDTH[packed["count_bytes"]]) if "count" in packed else np.ones(n)
    )
    if "id_step" in packed:
        steps = _array(packed["id_step"], WIDTH[packed["id_bytes"]]).astype(np.int64)
        ids = np.cumsum(steps) + packed["id0"]
    elif "id_bits" in packed:
        bits = np.unpackbits(_array(packed["id_bits"], "u1"), bitorder="little")
        ids = np.flatnonzero(bits) + packed["id0"]
    else:
        ids = np.zeros(n, dtype=np.int64)
    return lat, lon, flags, count, ids


def _rows(ids: np.ndarray, seed: int = 3) -> list[list[float]]:
    rng = np.random.default_rng(seed)
    n = len(ids)
    return [
        [-6.1 + rng.random() * 0.1, 106.7 + rng.random() * 0.3, int(c), 1, int(x), int(i)]
        for c, x, i in zip(rng.integers(0, 3, n), rng.integers(0, 2, n), ids, strict=True)
    ]


def _check_round_trip(rows: list[list[float]]) -> dict:
    packed = pack_reports(rows)
    assert packed["n"] == len(rows) and "count" not in packed
    lat, lon, flags, _, ids = _unpack_reports(packed)
    assert len(ids) == len(rows)
    back = {int(i): (a, o, f & 3, f >> 2) for i, a, o, f in zip(ids, lat, lon, flags, strict=True)}
    for a, o, c, _, x, i in rows:
        got = back[i]
        assert abs(got[0] - a) < 1e-5 and abs(got[1] - o) < 1e-5  # ~1 m
        assert (got[2], got[3]) == (c, x)
    return packed


def test_report_points_round_trip() -> None:
    """Sparse ids go as steps, an odd count of points packs its flags right."""
    ids = np.random.default_rng(5).choice(10**8, 501, replace=False)
    packed = _check_round_trip(_rows(ids))
    assert "id_step" in packed and packed["id_bytes"] == 4


def test_dense_report_ids_go_as_a_bitmap() -> None:
    """The period's reports are most of their id range (the usual case): one bit per
    id in the range instead of two bytes per report."""
    ids = np.random.default_rng(7).choice(np.arange(5_000, 15_000), 9_000, replace=False)
    packed = _check_round_trip(_rows(ids))
    assert "id_bits" in packed and "id_step" not in packed
    assert len(base64.b64decode(packed["id_bits"])) == 1_250  # 10 000 ids / 8


def test_merged_cells_carry_their_counts() -> None:
    packed = pack_reports([[-6.1, 106.8, 2, 40, 3, 0], [-6.11, 106.81, 0, 70_000, 0, 0]])
    assert packed["count_bytes"] == 4
    assert _unpack_reports(packed)[3].tolist() == [40, 70_000]
    assert "id_step" not in packed and "id_bits" not in packed  # a cell is no one report
    small = pack_reports([[-6.1, 106.8, 2, 40, 3, 0], [-6.11, 106.81, 1, 200, 0, 0]])
    assert small["count_bytes"] == 1
    assert _unpack_reports(small)[3].tolist() == [40, 200]
    assert _unpack_reports(small)[2].tolist() == [2 | 4, 1]
    assert pack_reports([]) == {"n": 0}


def test_point_columns_round_trip() -> None:
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [106.8 + i / 100, -6.1]},
            "properties": {"id": i, "status": "tertata" if i % 3 else "belum_ditangani",
                           "kind": "site", "late": i % 2 == 0, "name": f"Lokasi {i}"},
        }
        for i in range(30)
    ]  # fmt: skip
    packed = pack_points({"type": "FeatureCollection", "features": features})
    cols = packed["cols"]
    assert cols["kind"] == {"c": "site"}  # constant: sent once
    assert "v" in cols["status"] and "raw" in cols["name"]
    for i, f in enumerate(features):
        for key, value in f["properties"].items():
            col = cols[key]
            got = col["c"] if "c" in col else col["v"][col["i"][i]] if "v" in col else col["raw"][i]
            assert got == (int(value) if isinstance(value, bool) else value)
        lon = (packed["lon0"] + packed["lon"][i]) / 1e5
        lat = (packed["lat0"] + packed["lat"][i]) / 1e5
        assert np.allclose([lon, lat], f["geometry"]["coordinates"], atol=1e-5)  # ~1 m


def test_encoded_outlines_decode_within_a_metre() -> None:
    # the reference example of the polyline algorithm
    assert encode_ring(np.array([[-120.2, 38.5], [-120.95, 40.7], [-126.453, 43.252]])) == (
        "_p~iF~ps|U_ulLnnqC_mqNvxq`@"
    )
    square = shapely.Polygon(
        [(106.8, -6.1), (106.81, -6.1), (106.81, -6.09), (106.8, -6.09)],
        [[(106.803, -6.097), (106.806, -6.097), (106.806, -6.094)]],
    )
    geometry = screen_geometry(square)
    ((outer, hole),) = geometry["polygons"]
    back = shapely.Polygon([(o, a) for a, o in _decode_ring(outer)],
                           [[(o, a) for a, o in _decode_ring(hole)]])  # fmt: skip
    assert shapely.hausdorff_distance(back, square) < 2e-5


def test_the_base_layer_names_neighbours_not_the_kota_in_force(sample_copy: Database) -> None:
    data = build_map_data(sample_copy, MapFilters(), NOW, "id")
    named = places(kota_layer("en"), data.kecamatan, data.labels)
    kota = {name for _, _, name, kind, _ in named if kind == "kota"}
    assert "North Jakarta" not in kota and {"Central Jakarta", "West Jakarta"} <= kota
    assert len([p for p in named if p[3] == "kec"]) == 6


def test_names_are_never_evaluated_as_templates(sample_copy: Database) -> None:
    """branca compiles a map's rendered scripts as Jinja templates once more: a site
    named like a template must reach the browser as typed, and not break the map."""
    sample_copy.read().records.update("sites", 1, {"name": "{{ 7*7 }} {% if 1 %}x{% endif %} {#"})
    data = build_map_data(sample_copy, MapFilters(), NOW, "id")
    html = map_html(build_map(data, "id", "none", ""))
    assert "49 x" not in html  # what the template would have made of it
    found = re.search(r'"\{\\u007b 7\*7 }} \{\\u0025 if 1 %}x\{\\u0025 endif %} \{\\u0023"', html)
    assert found, "the name is sent escaped, as typed"
    assert json.loads(found.group(0)) == "{{ 7*7 }} {% if 1 %}x{% endif %} {#"
