"""Files people download from a list: GeoJSON of points here; CSV and XLSX with the
text defused against formula injection in `pantau.safetext`. One writer per format
for sites and reports alike."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd


def _plain(value: Any) -> Any:
    """A cell as JSON: None for missing values, ISO 8601 for dates and times."""
    if value is None or value is pd.NaT:
        return None
    if not isinstance(value, (list, tuple, dict)) and pd.isna(value):
        return None
    return value.isoformat() if hasattr(value, "isoformat") else value


def points_geojson(frame: pd.DataFrame) -> bytes:
    """A FeatureCollection (UTF-8) with a Point per row at its `lon`, `lat` and every
    other column as a property."""
    features = []
    for row in frame.to_dict("records"):
        lon, lat = row.pop("lon"), row.pop("lat")
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": {str(k): _plain(v) for k, v in row.items()},
            }
        )
    return json.dumps(
        {"type": "FeatureCollection", "features": features}, ensure_ascii=False, default=str
    ).encode("utf-8")
