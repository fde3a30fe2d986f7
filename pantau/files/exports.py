"""Files people download: CSV, XLSX and GeoJSON, one writer per format for sites,
reports and the meeting brief alike. Text cells are cleaned and defused against
formula injection first (`pantau.kernel.safetext.export_frame`)."""

from __future__ import annotations

import io
import json
from collections.abc import Mapping
from typing import Any

import pandas as pd

from pantau.kernel.safetext import clean, export_frame


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


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """`frame` as a CSV download (UTF-8 with BOM, so Excel reads the accents), safe to open."""
    return export_frame(frame).to_csv(index=False).encode("utf-8-sig")


def xlsx_bytes(sheets: Mapping[str, pd.DataFrame]) -> bytes:
    """One workbook with a sheet per frame (sheet names cut to Excel's 31 characters),
    every cell cleaned and defused: the one XLSX writer of the app."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            safe = clean(str(name)).replace("/", "-")[:31] or "data"
            export_frame(frame).to_excel(writer, sheet_name=safe, index=False)
    return buffer.getvalue()
