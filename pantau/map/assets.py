"""Leaflet and its plugins, served by the app itself so the map works offline.

The files come from the `xstatic-leaflet` and `xstatic-leaflet-markercluster`
packages (installed from the registry, not committed) and are copied into
`static/vendor/` on start; Streamlit serves `static/` at `/app/static/`. Pantau's own
layer code is `static/map/pantau-map.js` (committed), addressed with a hash of its
content so a browser never keeps an old copy after an update.
"""

from __future__ import annotations

import filecmp
import hashlib
import shutil
from pathlib import Path

import xstatic.pkg.leaflet as xleaflet
import xstatic.pkg.leaflet_markercluster as xcluster

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
VENDOR_DIR = STATIC_DIR / "vendor"
URL_PREFIX = "/app/static/vendor"

# (package data dir, files to copy, target folder under static/vendor)
_SOURCES = (
    (Path(xleaflet.BASE_DIR), ("leaflet.js", "leaflet.css"), "leaflet"),
    (
        Path(xcluster.BASE_DIR),
        ("leaflet.markercluster.js", "MarkerCluster.css", "MarkerCluster.Default.css"),
        "markercluster",
    ),
)

STATIC_URL = "/app/static"
MAP_JS_FILE = STATIC_DIR / "map" / "pantau-map.js"
_MAP_JS_HASH = hashlib.sha256(MAP_JS_FILE.read_bytes()).hexdigest()[:12]

JS = {
    "leaflet": f"{URL_PREFIX}/leaflet/leaflet.js",
    "markercluster": f"{URL_PREFIX}/markercluster/leaflet.markercluster.js",
    "pantau": f"{STATIC_URL}/map/pantau-map.js?v={_MAP_JS_HASH}",
}
CSS = {
    "leaflet_css": f"{URL_PREFIX}/leaflet/leaflet.css",
    "markercluster_css": f"{URL_PREFIX}/markercluster/MarkerCluster.css",
    "markercluster_default_css": f"{URL_PREFIX}/markercluster/MarkerCluster.Default.css",
}
LEAFLET_IMAGES = f"{URL_PREFIX}/leaflet/images/"


def ensure_vendor_files(target: Path = VENDOR_DIR) -> list[Path]:
    """Copy the map scripts and styles into `target` when missing or changed;
    return the files written."""
    written: list[Path] = []
    for source_dir, names, folder in _SOURCES:
        dest_dir = target / folder
        dest_dir.mkdir(parents=True, exist_ok=True)
        for name in names:
            src, dest = source_dir / name, dest_dir / name
            if not dest.exists() or not filecmp.cmp(src, dest, shallow=False):
                shutil.copyfile(src, dest)
                written.append(dest)
        images = source_dir / "images"
        if images.is_dir():
            shutil.copytree(images, dest_dir / "images", dirs_exist_ok=True)
    return written
