"""The map's points as compact columns for the browser, not one JSON object per
point: at city scale the payload is what the page waits for.

* `pack_reports`: report points as base64 typed arrays (16-bit coordinate steps,
  four bits of flags, counts only for merged cells, report ids as a bitmap or steps).
* `pack_points`: a point FeatureCollection (sites, pockets, tasks) as columns;
  a column whose values repeat (status, kelurahan, owner) is sent once per value
  plus small indexes, a constant one once.
* `pack_areas`: the kelurahan (encoded outlines) with their properties as columns.

`pwFeatures`, `pwAreas` and `pwLayer.reports` in `static/map/pantau-map.js` turn them back
into what the layers draw.
"""

from __future__ import annotations

import base64
import json
from typing import Any

import numpy as np

PRECISION = 100_000  # point coordinates in 1e-5 degree steps


def _b64(values: np.ndarray, dtype: str) -> str:
    return base64.b64encode(np.ascontiguousarray(values, dtype=dtype).tobytes()).decode()


def _smallest_uint(values: np.ndarray) -> tuple[str, int]:
    """The narrowest little-endian unsigned type for `values`, and its width in bytes."""
    top = int(values.max()) if len(values) else 0
    for dtype, width in (("u1", 1), ("<u2", 2)):
        if top < 256**width:
            return dtype, width
    return "<u4", 4


def pack_reports(rows: list[list[float]]) -> dict[str, Any]:
    """Report points for the browser as base64 typed arrays (see `pwLayer.reports`): latitude
    and longitude as 16-bit steps from the south-west corner (~1 m in a kota, ~2 m for
    the province), depth class and late flag in four bits (two points a byte), counts
    only for merged cells (as narrow as they fit), report ids in increasing order as a
    bitmap from the first (when the period's reports are most of their id range) or
    as steps. About a tenth of the same points in JSON."""
    if not rows:
        return {"n": 0}
    a = np.asarray(rows, dtype=float)
    a = a[np.argsort(a[:, 5], kind="stable")]
    lat0, lon0 = float(a[:, 0].min()), float(a[:, 1].min())
    span = max(float(a[:, 0].max()) - lat0, float(a[:, 1].max()) - lon0)
    step = max(1e-5, span / 65_535)
    nibbles = a[:, 2].astype(np.uint8) | (np.minimum(a[:, 4], 1).astype(np.uint8) << 2)
    if len(nibbles) % 2:
        nibbles = np.append(nibbles, np.uint8(0))
    packed: dict[str, Any] = {
        "n": len(a),
        "lat0": round(lat0, 6),
        "lon0": round(lon0, 6),
        "step": step,
        "lat": _b64(np.round((a[:, 0] - lat0) / step), "<u2"),
        "lon": _b64(np.round((a[:, 1] - lon0) / step), "<u2"),
        "flags": _b64(nibbles[0::2] | (nibbles[1::2] << 4), "u1"),
    }
    if (a[:, 3] != 1).any():
        dtype, width = _smallest_uint(a[:, 3])
        packed["count"] = _b64(a[:, 3], dtype)
        packed["count_bytes"] = width
    ids = a[:, 5].astype(np.int64)
    if ids.any():
        first, span_ids = int(ids[0]), int(ids[-1] - ids[0]) + 1
        steps = np.diff(ids, prepend=first)
        dtype, width = _smallest_uint(steps)
        packed["id0"] = first
        if (span_ids + 7) // 8 < width * len(ids):
            bits = np.zeros(span_ids, dtype=np.uint8)
            bits[ids - first] = 1
            packed["id_bits"] = _b64(np.packbits(bits, bitorder="little"), "u1")
        else:
            packed["id_step"] = _b64(steps, dtype)
            packed["id_bytes"] = width
    return packed


def _column(values: list[Any]) -> dict[str, Any]:
    """One column: {"c": value} when all are equal, else {"v": distinct, "i": indexes}
    or {"raw": values}, whichever is shorter in JSON."""
    plain = [int(v) if isinstance(v, bool) else v for v in values]
    raw = {"raw": plain}
    try:
        unique = list(dict.fromkeys(plain))
    except TypeError:  # unhashable (lists): sent as they are
        return raw
    if len(unique) == 1:
        return {"c": unique[0]}
    index = {v: i for i, v in enumerate(unique)}
    coded = {"v": unique, "i": [index[v] for v in plain]}
    return coded if _size(coded) < _size(raw) else raw


def _size(value: Any) -> int:
    return len(json.dumps(value, ensure_ascii=False, separators=(",", ":")))


def pack_areas(fc: dict[str, Any]) -> dict[str, Any]:
    """A FeatureCollection of encoded areas (one geometry type) as columns: the
    property names once, not once per kelurahan."""
    features = fc["features"]
    keys = list(features[0]["properties"]) if features else []
    return {
        "type": features[0]["geometry"]["type"] if features else "EncodedPolygons",
        "polygons": [f["geometry"]["polygons"] for f in features],
        "cols": {k: _column([f["properties"][k] for f in features]) for k in keys},
    }


def pack_points(fc: dict[str, Any]) -> dict[str, Any]:
    """A FeatureCollection of points as columns (booleans as 0/1); coordinates as
    whole 1e-5 degree steps (~1 m) from the south-west corner, half the digits."""
    features = fc["features"]
    keys = list(features[0]["properties"]) if features else []
    steps = np.round(
        np.array([f["geometry"]["coordinates"] for f in features], dtype=float).reshape(-1, 2)
        * PRECISION
    ).astype(np.int64)
    origin = steps.min(axis=0) if len(steps) else np.zeros(2, dtype=np.int64)
    return {
        "n": len(features),
        "lon0": int(origin[0]),
        "lat0": int(origin[1]),
        "lon": (steps[:, 0] - origin[0]).tolist(),
        "lat": (steps[:, 1] - origin[1]).tolist(),
        "cols": {k: _column([f["properties"][k] for f in features]) for k in keys},
    }
