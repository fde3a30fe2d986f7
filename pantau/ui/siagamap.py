"""A small map of one kelurahan's pockets at risk for the Siaga page, drawn by the
main map's own pocket layer (chronic pockets ringed), served offline."""

from __future__ import annotations

import html
from typing import Any

import folium
import pandas as pd

from pantau.city.timefmt import format_short_day
from pantau.kernel.i18n import t
from pantau.ui import maplinks, mapstyle
from pantau.ui.mapbuilder import JsLayer, view_script
from pantau.ui.mappack import pack_points
from pantau.ui.sitemap import offline_map

TEXT_KEYS = ("pocket", "chronic", "floods", "kelurahan", "max_depth", "typical_depth", "last_flood")


def risk_map(pockets: pd.DataFrame, kelurahan: str, tiles: str, lang: str) -> folium.Map:
    """The ranked pockets of one kelurahan (`siaga_risk.KelurahanRisk.pockets`)."""
    features: list[dict[str, Any]] = []
    for p in pockets.to_dict("records"):
        last = pd.Timestamp(p["last_flood"]).date() if pd.notna(p["last_flood"]) else None
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [float(p["lon"]), float(p["lat"])]},
                "properties": {
                    "id": int(p["id"]),
                    "floods": int(p["floods"]),
                    "chronic": bool(p["chronic"]),
                    "kelurahan": html.escape(kelurahan),
                    "max_depth": int(p["max_depth"]),
                    "typical_depth": int(p["typical_depth"]),
                    "last_flood": html.escape(format_short_day(last, lang)),
                },
            }
        )
    lats, lons = pockets["lat"].astype(float), pockets["lon"].astype(float)
    m = offline_map([float(lats.mean()), float(lons.mean())], 15, tiles)
    text = {key: t(f"map_{key}", lang) for key in TEXT_KEYS}
    text.update(maplinks.texts(lang))
    JsLayer(
        t("layer_pockets", lang),
        "pockets",
        pack_points({"type": "FeatureCollection", "features": features}),
        {"colour": mapstyle.POCKET_COLOUR, "text": text},
    ).add_to(m)
    pad = 0.002
    bounds = [
        [float(lats.min()) - pad, float(lons.min()) - pad],
        [float(lats.max()) + pad, float(lons.max()) + pad],
    ]
    view_script(bounds).add_to(m)
    return m
