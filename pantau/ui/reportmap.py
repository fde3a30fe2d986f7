"""The map on the report form: tap to place the point (served offline). It shows the
same base map and names as the home map, and after a tap it stays on the picked
spot (zoomed in, to check it or tap again) instead of jumping back to the city."""

from __future__ import annotations

from typing import Any

import streamlit as st
from streamlit_folium import st_folium

from pantau.city.seam import current
from pantau.geo.locations import current_boundaries
from pantau.map import basemap
from pantau.map.data import kelurahan_labels
from pantau.ui.context import data_version, database, lang
from pantau.ui.mapbuilder import (
    JsLayer,
    SharedData,
    label_layer,
    on_map,
    places,
    view_script,
)
from pantau.ui.sitemap import offline_map

POINT = "lapor_point"
AROUND_PICK_DEG = 0.012  # the view after a tap: ~1.3 km either side, names in sight


@st.cache_data(show_spinner=False, max_entries=8)
def _context(db_path: str, version: int, lg: str) -> dict[str, Any]:
    gdf = current_boundaries(database())
    kecamatan = basemap.kecamatan_names(gdf)
    kota = basemap.kota_layer(lg)
    topo = basemap.kelurahan_topology(gdf)
    shared, geometries = basemap.topology_payload(
        topo, range(len(gdf)), topo.borders(list(gdf["kecamatan_kode"]))
    )
    areas = {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "geometry": g, "properties": {}} for g in geometries],
    }
    return {
        "areas": areas,
        "topology": shared,
        "kota": kota,
        "names": places(kota, kecamatan, kelurahan_labels(gdf)),
    }


def pick_point(tiles: str, key: str = "lapor_map") -> tuple[float, float] | None:
    """Draw the city; a tap places (and moves) the report's point: (lon, lat).
    A new `key` draws a map that has not been tapped yet."""
    point = st.session_state.get(POINT)
    lg = lang()
    context = _context(database().path, data_version(), lg)
    here = current()
    m = offline_map(list(here.centre), here.zoom, tiles)
    m.options["maxZoom"] = 19
    on_map("pwPanes(map);").add_to(m)
    if tiles != "osm":
        on_map("map.getContainer().classList.add('pw-offline');").add_to(m)
    topology = SharedData(context["topology"])
    topology.add_to(m)
    JsLayer(
        "base",
        "base",
        {"kota": context["kota"]},
        {"offline": tiles != "osm", "mine": sorted(here.kota_kode_set)},
        refs={"topology": topology},
    ).add_to(m)
    JsLayer(
        "lapor",
        "reportForm",
        {"areas": context["areas"], "point": point},
        {"colour": "#0072B2"},
        refs={"topology": topology},
    ).add_to(m)
    label_layer(lg, context["names"]).add_to(m)
    if point:
        lon, lat = float(point[0]), float(point[1])
        d = AROUND_PICK_DEG
        view_script([[lat - d, lon - d], [lat + d, lon + d]]).add_to(m)
    else:
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
