"""The same map three ways, for `bench_map.py`: Pantau's, a naive folium map (one
CircleMarker per report, one Marker per site, GeoJson boundaries) and folium's
FastMarkerCluster (reports as a plain coordinate array, clustered in the browser).
All three use the app's own Leaflet files, opened from disk in Chromium: payload
bytes and seconds from navigation to the points drawn, measured the same way."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import folium
from folium.plugins import FastMarkerCluster

from pantau.geo.boundaries import boundaries_to_geojson
from pantau.geo.locations import current_boundaries
from pantau.map import assets as mapassets
from pantau.map.data import MapData
from pantau.store import Database

STATIC = mapassets.STATIC_DIR.as_uri()


def local(html: str) -> str:
    """`html` with the app's script addresses pointing at the files on disk."""
    return html.replace(mapassets.STATIC_URL, STATIC)


def _offline(m: Any) -> None:
    m.default_js = [(k, local(v)) for k, v in mapassets.JS.items() if k != "pantau"]
    m.default_css = [(k, local(v)) for k, v in mapassets.CSS.items()]


def _base(db: Database, data: MapData) -> folium.Map:
    (south, west), (north, east) = data.bounds
    m = folium.Map(location=[(south + north) / 2, (west + east) / 2], zoom_start=12, tiles=None)
    m.options["maxZoom"] = 19  # the cluster plugin needs it (there is no tile layer)
    _offline(m)
    folium.GeoJson(boundaries_to_geojson(current_boundaries(db))).add_to(m)
    for f in data.sites["features"]:
        lon, lat = f["geometry"]["coordinates"]
        folium.Marker([lat, lon], tooltip=f["properties"]["name"]).add_to(m)
    return m


def naive_html(db: Database, data: MapData) -> str:
    m = _base(db, data)
    for lat, lon in zip(*_points(db, data), strict=True):
        folium.CircleMarker([lat, lon], radius=5, fill=True).add_to(m)
    return str(m.get_root().render())


def fast_cluster_html(db: Database, data: MapData) -> str:
    m = _base(db, data)
    lats, lons = _points(db, data)
    # its default marker needs a CDN plugin: plain markers
    cluster = FastMarkerCluster(  # type: ignore[no-untyped-call]
        [[a, o] for a, o in zip(lats, lons, strict=True)],
        callback="function (row) { return L.marker(new L.LatLng(row[0], row[1])); }",
    )
    _offline(cluster)
    cluster.add_to(m)
    return str(m.get_root().render())


def _points(db: Database, data: MapData) -> tuple[list[float], list[float]]:
    """One point per report in Pantau's map (merged cells are expanded back)."""
    lats: list[float] = []
    lons: list[float] = []
    for lat, lon, _cls, count, *_ in data.reports:
        lats += [lat] * int(count)
        lons += [lon] * int(count)
    return lats, lons


DRAWN = {
    "pantau": "document.querySelectorAll('.pw-site-marker').length > 0"
    " && document.querySelectorAll('.pw-report-group, path.pw-report, path.pw-report-late')"
    ".length > 0",
    "naive": "document.querySelectorAll('path.leaflet-interactive').length >= {n}",
    "fast": "document.querySelectorAll('.marker-cluster').length > 0",
}


def draw_seconds(browser: Any, html: str, kind: str, n: int, folder: Path) -> float:
    """Seconds from navigation to the points drawn, for `html` opened from disk."""
    path = folder / f"{kind}.html"
    path.write_text(html, encoding="utf-8")
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    try:
        start = time.perf_counter()
        page.goto(path.as_uri(), wait_until="commit", timeout=600_000)
        page.wait_for_function(DRAWN[kind].replace("{n}", str(n)), timeout=600_000, polling=50)
        return time.perf_counter() - start
    finally:
        page.close()
