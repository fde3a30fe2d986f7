"""The map's points as compact columns for the browser, not one JSON object per
point: at city scale the payload is what the page waits for.

* `pack_reports`: report points as base64 typed arrays (16-bit coordinate steps,
  one byte of flags, counts only for merged cells, report ids as steps).
* `pack_points`: a point FeatureCollection (sites, pockets, tasks) as columns;
  a column whose values repeat (status, kelurahan, owner) is sent once per value
  plus small indexes, a constant one once. `UNPACK_JS` turns both back into what the layers draw.
"""

from __future__ import annotations

import base64
import json
from typing import Any

import numpy as np

ID_NARROW = 65_535

UNPACK_JS = """
window.pwBytes = window.pwBytes || function(b64, T) {
  var s = atob(b64), u = new Uint8Array(s.length);
  for (var i = 0; i < s.length; i++) u[i] = s.charCodeAt(i);
  return new T(u.buffer);
};
// columns -> a FeatureCollection of points (see pack_points)
window.pwFeatures = window.pwFeatures || function(p) {
  var features = [];
  for (var i = 0; i < p.n; i++) {
    var props = {};
    for (var k in p.cols) {
      var c = p.cols[k];
      props[k] = 'c' in c ? c.c : c.v ? c.v[c.i[i]] : c.raw[i];
    }
    features.push({type: 'Feature', properties: props,
                   geometry: {type: 'Point', coordinates: [p.lon[i], p.lat[i]]}});
  }
  return {type: 'FeatureCollection', features: features};
};
"""


def _b64(values: np.ndarray, dtype: str) -> str:
    return base64.b64encode(np.ascontiguousarray(values, dtype=dtype).tobytes()).decode()


def pack_reports(rows: list[list[float]]) -> dict[str, Any]:
    """Report points for the browser as base64 typed arrays (see REPORT_JS): latitude
    and longitude as 16-bit steps from the south-west corner (~1 m in a kota, ~2 m for
    the province), depth class and late flag in one byte, counts only for merged
    cells, report ids as increasing steps. About a tenth of the same points in JSON."""
    if not rows:
        return {"n": 0}
    a = np.asarray(rows, dtype=float)
    a = a[np.argsort(a[:, 5], kind="stable")]
    lat0, lon0 = float(a[:, 0].min()), float(a[:, 1].min())
    span = max(float(a[:, 0].max()) - lat0, float(a[:, 1].max()) - lon0)
    step = max(1e-5, span / 65_535)
    packed: dict[str, Any] = {
        "n": len(a),
        "lat0": round(lat0, 6),
        "lon0": round(lon0, 6),
        "step": step,
        "lat": _b64(np.round((a[:, 0] - lat0) / step), "<u2"),
        "lon": _b64(np.round((a[:, 1] - lon0) / step), "<u2"),
        "flags": _b64(a[:, 2].astype(int) | (np.minimum(a[:, 4], 1).astype(int) << 2), "u1"),
    }
    if (a[:, 3] != 1).any():
        packed["count"] = _b64(a[:, 3], "<u4")
    ids = a[:, 5].astype(np.int64)
    if ids.any():
        steps = np.diff(ids, prepend=0)
        packed["id0"] = 0
        packed["id_wide"] = bool(steps.max() > ID_NARROW)
        packed["id_step"] = _b64(steps, "<u4" if packed["id_wide"] else "<u2")
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


def pack_points(fc: dict[str, Any]) -> dict[str, Any]:
    """A FeatureCollection of points as columns (booleans as 0/1)."""
    features = fc["features"]
    keys = list(features[0]["properties"]) if features else []
    return {
        "n": len(features),
        "lon": [f["geometry"]["coordinates"][0] for f in features],
        "lat": [f["geometry"]["coordinates"][1] for f in features],
        "cols": {k: _column([f["properties"][k] for f in features]) for k in keys},
    }
