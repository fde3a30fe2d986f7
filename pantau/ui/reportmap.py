"""The map on the report form: click to place the point (served offline)."""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from pantau.boundaries import boundaries_to_geojson
from pantau.city import current
from pantau.locations import current_boundaries
from pantau.ui.context import data_version, database
from pantau.ui.mapbuilder import JsLayer, view_script
from pantau.ui.sitemap import offline_map

POINT = "lapor_point"
_JS = """
var group = L.featureGroup();
L.geoJSON(data.areas, {interactive: false,
  style: {color: '#333', weight: 1, fillOpacity: 0.04, className: 'pw-boundary'}}).addTo(group);
if (data.point) L.circleMarker([data.point[1], data.point[0]], {radius: 9, color: '#fff', weight: 2,
  fillColor: cfg.colour, fillOpacity: 1, className: 'pw-picked'}).addTo(group);
return group;
"""


@st.cache_data(show_spinner=False, max_entries=4)
def _areas(db_path: str, version: int) -> dict[str, object]:
    import json

    return dict(json.loads(boundaries_to_geojson(current_boundaries(database()))))


def pick_point(tiles: str, key: str = "lapor_map") -> tuple[float, float] | None:
    """Draw the city; a click places (and moves) the report's point: (lon, lat).
    A new `key` draws a map that has not been clicked yet."""
    point = st.session_state.get(POINT)
    areas = _areas(database().path, data_version())
    here = current()
    m = offline_map(list(here.centre), here.zoom, tiles)
    JsLayer("lapor", _JS, {"areas": areas, "point": point}, {"colour": "#0072B2"}).add_to(m)
    x0, y0, x1, y1 = here.bbox
    view_script([[y0, x0], [y1, x1]]).add_to(m)
    result = st_folium(
        m, height=380, use_container_width=True, key=key, returned_objects=["last_clicked"]
    )
    clicked = (result or {}).get("last_clicked")
    if clicked:
        new = (round(float(clicked["lng"]), 6), round(float(clicked["lat"]), 6))
        if new != point:
            st.session_state[POINT] = new
            st.rerun()
    return (float(point[0]), float(point[1])) if point else None
