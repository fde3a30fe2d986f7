"""A small map of one site inside its kelurahan, for the site's page (served offline)."""

from __future__ import annotations

from typing import Any

import folium
from branca.element import Element
from shapely.geometry import shape

from pantau.map import assets as mapassets
from pantau.ui import mapstyle
from pantau.ui.mapbuilder import OSM_ATTRIBUTION, OSM_URL, JsLayer, view_script


def offline_map(location: list[float], zoom: int, tiles: str) -> folium.Map:
    """A small Leaflet map whose scripts the app serves (tiles optional)."""
    m = folium.Map(location=location, zoom_start=zoom, tiles=None, control_scale=True)
    m.options["maxZoom"] = 19
    m.default_js = [("leaflet", mapassets.JS["leaflet"]), ("pantau", mapassets.JS["pantau"])]
    m.default_css = [("leaflet_css", mapassets.CSS["leaflet_css"])]
    m.get_root().header.add_child(  # type: ignore[attr-defined]
        Element(f"<style>{mapstyle.CSS}</style>"), name="pw_css"
    )
    if tiles == "osm":
        folium.TileLayer(OSM_URL, attr=OSM_ATTRIBUTION, max_zoom=19, control=False).add_to(m)
    return m


def site_map(lat: float, lon: float, status: str, area: Any, tiles: str) -> folium.Map:
    """The site's point (styled as on the main map) over its kelurahan polygon."""
    m = offline_map([lat, lon], 16, tiles)
    JsLayer(
        "site",
        "site",
        {"lat": lat, "lon": lon, "area": area},
        {"style": mapstyle.SITE_STYLE[status]},
    ).add_to(m)
    if area is not None:
        west, south, east, north = shape(area).bounds
        bounds = [[min(south, lat), min(west, lon)], [max(north, lat), max(east, lon)]]
    else:
        bounds = [[lat - 0.003, lon - 0.003], [lat + 0.003, lon + 0.003]]
    view_script(bounds).add_to(m)  # fit once the component frame has its real size
    return m
