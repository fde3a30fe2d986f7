"""The folium map, built from `MapData` arrays: one JavaScript layer per kind of
thing, never one folium object per point. Leaflet and its plugins are served by
the app itself (`pantau.map.assets`), so the map draws with no internet."""

from __future__ import annotations

import html
import json
import math
from typing import Any

import folium
from branca.element import Element, MacroElement
from folium.map import Layer
from jinja2 import Template

from pantau.city.seam import current
from pantau.floods.pockets import CHRONIC_MIN_FLOODS
from pantau.kernel.i18n import t
from pantau.kernel.vocab import codes, label
from pantau.map import assets as mapassets
from pantau.map import basemap
from pantau.map.data import MapData
from pantau.ui import maplinks, mapstyle
from pantau.ui.mappack import pack_areas, pack_points, pack_reports

OSM_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = "&copy; OpenStreetMap contributors"


# Jinja's openers, escaped inside JSON strings (compact JSON has none outside strings).
_JINJA = {"{{": "{\\u007b", "{%": "{\\u0025", "{#": "{\\u0023"}


def _json(value: Any) -> str:
    """JSON safe to put inside a <script> element of a folium map.

    Besides "</", the Jinja openers are escaped: branca compiles every rendered script
    as a template once more, so a site named "{{ 7*7 }}" would otherwise be evaluated
    (and an encoded outline containing "{#" would break the map).
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    for opener, escaped in _JINJA.items():
        text = text.replace(opener, escaped)
    return text


class SharedData(MacroElement):
    """Data several layers draw from (the kelurahan topology), sent once: a script
    variable that a `JsLayer` receives through `refs`."""

    _template = Template(
        "{% macro script(this, kwargs) %}var {{ this.get_name() }} = {{ this.data_json }};"
        "{% endmacro %}"
    )

    def __init__(self, data: Any) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "SharedData"
        self.data_json = _json(data)


class JsLayer(Layer):
    """A layer built in the browser by `pwLayer[builder](data, cfg)`, one of the layer
    builders of `static/map/pantau-map.js`. `refs` adds `SharedData` to `data` under
    the given keys (by reference: sent once however many layers use it)."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = pwLayer.{{ this.builder }}({{ this.data_json }}, {{ this.cfg_json }});
{% if this.show %}{{ this.get_name() }}.addTo({{ this._parent.get_name() }});{% endif %}
{% endmacro %}
"""
    )

    def __init__(
        self,
        name: str,
        builder: str,
        data: Any,
        cfg: Any = None,
        show: bool = True,
        refs: dict[str, SharedData] | None = None,
    ) -> None:
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "JsLayer"
        if not builder.isidentifier():
            raise ValueError(f"not a layer builder name: {builder!r}")
        self.builder = builder
        self.data_json = _json(data)
        if refs:
            joined = ",".join(f"{json.dumps(k)}:{v.get_name()}" for k, v in refs.items())
            self.data_json = f"Object.assign({self.data_json},{{{joined}}})"
        self.cfg_json = _json(cfg or {})


def _legend(lang: str, data: MapData, measure_label: str) -> MacroElement:
    rows = ["<h4>" + html.escape(t("legend_sites", lang)) + "</h4>"]
    for status, (colour, shape, letter) in mapstyle.SITE_STYLE.items():
        n = data.status_counts.get(status, 0)
        rows.append(
            f'<div><span class="pw-site pw-{shape}" style="--c:{colour}"><span>{letter}</span>'
            f"</span>{html.escape(label('site_status', status, lang))} ({n})</div>"
        )
    rows.append(
        '<div><span class="pw-site pw-circle pw-overdue" style="--c:#999"><span></span></span>'
        + html.escape(t("legend_overdue", lang))
        + "</div>"
    )
    rows.append(
        '<div><span class="pw-site-cluster" style="--c:#999"><span>3</span></span>'
        + html.escape(t("legend_site_group", lang))
        + "</div>"
    )
    rows.append("<h4>" + html.escape(t("legend_reports", lang)) + "</h4>")
    for i, code in enumerate(codes("depth_class")):
        rows.append(
            f'<div><i style="background:{mapstyle.DEPTH_COLOURS[i]}"></i>'
            f"{html.escape(label('depth_class', code, lang))}</div>"
        )
    rows.append(
        f'<div><i style="border:3px solid {mapstyle.LATE_COLOUR};background:#fff"></i>'
        + html.escape(t("legend_late", lang))
        + "</div>"
    )
    rows.append(
        '<div><span class="pw-task" style="display:inline-flex;margin-right:6px">W</span>'
        + html.escape(t("legend_tasks", lang))
        + "</div>"
    )
    rows.append(
        f'<div><i style="border:3px solid #000;background:{mapstyle.POCKET_COLOUR}40"></i>'
        + html.escape(t("legend_chronic", lang))
        + "</div>"
    )
    rows.append(
        "<div><small>"
        + html.escape(t("legend_chronic_window", lang, n=CHRONIC_MIN_FLOODS))
        + "</small></div>"
    )
    if measure_label:
        rows.append("<h4>" + html.escape(measure_label) + "</h4><div>")
        rows += [f'<i style="border-radius:0;background:{c}"></i>' for c in mapstyle.SHADE_SCALE]
        rows.append(f"0 – {data.measure_max:g}</div>")
    body = (  # folded by default: the map stays readable; a tap opens it
        "<details><summary>"
        + html.escape(t("legend", lang))
        + "</summary>"
        + "".join(rows)
        + "</details>"
    )
    legend = MacroElement()  # type: ignore[no-untyped-call]
    legend._template = Template(
        """
{% macro script(this, kwargs) %}
(function() {
  var legend = L.control({position: 'bottomleft'});
  legend.onAdd = function() {
    var div = L.DomUtil.create('div', 'pw-legend');
    div.innerHTML = """
        + _json(body)
        + """;
    L.DomEvent.disableClickPropagation(div);
    L.DomEvent.disableScrollPropagation(div);
    return div;
  };
  legend.addTo({{ this._parent.get_name() }});
})();
{% endmacro %}
"""
    )
    return legend


def city_bounds() -> list[list[float]]:
    """[[south, west], [north, east]] of the wilayah in force (its kelurahan)."""
    west, south, east, north = current().bbox
    return [[south, west], [north, east]]


def min_zoom() -> int:
    """How far out the map may go: the whole wilayah and a little more (the province
    with Kepulauan Seribu needs more room than one kota)."""
    return max(7, min(10, current().zoom - 1))


def usable_bounds(bounds: list[list[float]] | None) -> list[list[float]]:
    """`bounds`, or the whole city's when they are missing or not finite (the
    bounds of an empty frame are NaN)."""
    try:
        values = [float(v) for corner in bounds or [] for v in corner]
    except (TypeError, ValueError):
        return city_bounds()
    if len(values) != 4:
        return city_bounds()
    south, west, north, east = values
    if not all(math.isfinite(v) for v in values) or south > north or west > east:
        return city_bounds()
    return [[south, west], [north, east]]


def zoom_for(bounds: list[list[float]], width_px: int = 820, height_px: int = 620) -> int:
    """The largest zoom at which `bounds` fits a map of about this size (the whole
    city when `bounds` are empty or NaN: a filter that matches nothing).

    Computed here because Leaflet's fitBounds runs before the map's frame has its
    size inside the Streamlit component, and then zooms all the way out.
    """
    (south, west), (north, east) = usable_bounds(bounds)
    lon_span = max(east - west, 1e-4)
    lat_span = max(north - south, 1e-4) / math.cos(math.radians((south + north) / 2))
    zoom_lon = math.log2(360 / lon_span * width_px / 256)
    zoom_lat = math.log2(360 / lat_span * height_px / 256)
    return int(max(min_zoom(), min(17, math.floor(min(zoom_lon, zoom_lat)))))


MAX_CLUSTER_ZOOM = 17  # a cluster click never zooms in further than this
KELURAHAN_NAMES_FROM = 12.0  # zoom from which kelurahan names are drawn (room allowing)


def places(
    kota: dict[str, Any], kecamatan: dict[str, Any], kelurahan: list[list[Any]]
) -> list[list[Any]]:
    """[lat, lon, name, kind, rank] for every name on the map: kota (neighbours, or all
    of them province-wide), kecamatan, and `kelurahan` ([lat, lon, name, rank])."""
    here = current()
    named = [
        [*f["properties"]["label_at"], f["properties"]["nama"], kind, 0]
        for kind, fc in (("kota", kota), ("kec", kecamatan))
        for f in fc["features"]
        # the kota in force is named by the page; its neighbours give the context
        if not (kind == "kota" and here.level == "kota" and f["properties"]["kode"] == here.kode)
    ]
    return named + [[lat, lon, name, "kel", rank] for lat, lon, name, rank in kelurahan]


def label_layer(lang: str, names: list[list[Any]]) -> JsLayer:
    """The names layer (`pwLayer.labels`) for `places(...)`."""
    return JsLayer(
        t("layer_labels", lang),
        "labels",
        names,
        {"province": current().level == "provinsi", "kelurahanFrom": KELURAHAN_NAMES_FROM},
    )


def on_map(js: str) -> MacroElement:
    """A script run once with the map as `map`."""
    element = MacroElement()  # type: ignore[no-untyped-call]
    element._template = Template(
        "{% macro script(this, kwargs) %}(function(map) {"
        + js
        + "})({{ this._parent.get_name() }});{% endmacro %}"
    )
    return element


def build_map(data: MapData, lang: str, tiles: str, measure_label: str = "") -> folium.Map:
    """The whole map for `data`. `tiles` is "osm" or "none" (offline room: the shipped
    base map of kota and kecamatan is then drawn as land)."""
    bounds = usable_bounds(data.bounds)
    (south, west), (north, east) = bounds
    m = folium.Map(
        location=[(south + north) / 2, (west + east) / 2],
        zoom_start=zoom_for(bounds),
        tiles=None,
        max_zoom=19,
        min_zoom=min_zoom(),
        control_scale=True,
        prefer_canvas=False,
    )
    # Map-level zoom limits (folium's max_zoom only reaches a tile layer; the cluster
    # plugin throws "Map has no maxZoom specified" without them, e.g. with no tiles).
    m.options["maxZoom"] = 19
    m.options["minZoom"] = min_zoom()
    m.options["zoomSnap"] = 0.25  # lets the wide, thin city fill the frame
    m.options["zoomDelta"] = 0.5
    # Served by the app (static/vendor), in load order: Leaflet before its plugin.
    m.default_js = [(name, mapassets.JS[name]) for name in ("leaflet", "markercluster", "pantau")]
    m.default_css = list(mapassets.CSS.items())
    m.get_root().header.add_child(  # type: ignore[attr-defined]
        Element(f"<style>{mapstyle.CSS}</style>"), name="pw_css"
    )
    on_map("pwPanes(map);").add_to(m)
    # the view first: the layers are then drawn once, at the zoom they are seen at
    view_script(bounds).add_to(m)
    offline = tiles != "osm"
    if offline:
        on_map("map.getContainer().classList.add('pw-offline');").add_to(m)
    else:
        folium.TileLayer(
            OSM_URL, attr=OSM_ATTRIBUTION, name="OpenStreetMap", max_zoom=19, control=False
        ).add_to(m)
    text = {
        key: t(f"map_{key}", lang)
        for key in (
            "overdue",
            "due_sweep",
            "ping_pong",
            "status",
            "kelurahan",
            "owner",
            "open",
            "reports",
            "depth",
            "pocket",
            "chronic",
            "floods",
            "max_depth",
            "typical_depth",
            "last_flood",
        )
    }
    text.update(maplinks.texts(lang))
    here = current()
    kota = basemap.kota_layer(lang)
    topology = SharedData(data.topology)
    topology.add_to(m)
    JsLayer(
        t("layer_base", lang),
        "base",
        {"kota": kota},
        {"offline": offline, "mine": sorted(here.kota_kode_set)},
        refs={"topology": topology},
    ).add_to(m)
    JsLayer(
        t("layer_boundaries", lang),
        "boundaries",
        pack_areas(data.boundaries),
        {
            "max": data.measure_max,
            "scale": list(mapstyle.SHADE_SCALE),
            "measure": measure_label,
            "single": len(data.boundaries["features"]) == 1,
        },
        refs={"topology": topology},
    ).add_to(m)
    label_layer(lang, places(kota, data.kecamatan, data.labels)).add_to(m)
    JsLayer(
        t("layer_pockets", lang),
        "pockets",
        pack_points(data.pockets),
        {"colour": mapstyle.POCKET_COLOUR, "text": text},
    ).add_to(m)
    reports = JsLayer(
        t("layer_reports", lang),
        "reports",
        pack_reports(data.reports),
        {
            "colours": list(mapstyle.DEPTH_COLOURS),
            "late": mapstyle.LATE_COLOUR,
            "text": text,
            "classes": [label("depth_class", c, lang) for c in codes("depth_class")],
            "maxZoom": MAX_CLUSTER_ZOOM,
        },
    )
    reports.add_to(m)
    JsLayer(
        t("layer_density", lang),
        "density",
        None,
        {"colour": mapstyle.DENSITY_COLOUR, "source": reports.get_name(), "cell": 0.0025},
        show=False,
    ).add_to(m)
    JsLayer(t("layer_tasks", lang), "tasks", pack_points(data.tasks), {"text": text}).add_to(m)
    JsLayer(
        t("layer_sites", lang),
        "sites",
        pack_points(data.sites),
        {
            "styles": mapstyle.SITE_STYLE,
            "text": text,
            "order": list(mapstyle.URGENCY),
            "maxZoom": MAX_CLUSTER_ZOOM,
        },
    ).add_to(m)
    folium.LayerControl(collapsed=True, position="topright").add_to(m)
    _legend(lang, data, measure_label).add_to(m)
    return m


def view_script(bounds: list[list[float]]) -> MacroElement:
    """Fit `bounds` once the map's frame has its real size, and tag the map with its
    zoom level so CSS can size (or hide) kelurahan labels.

    Inside the Streamlit component the frame is laid out wider first and then
    shrunk; Leaflet keeps the top-left corner, so without this the city sits off
    centre. Resizes are followed until the user first touches the map.
    """
    element = MacroElement()  # type: ignore[no-untyped-call]
    element._template = Template(
        """
{% macro script(this, kwargs) %}
(function(map, bounds) {
  var touched = false;
  ['mousedown', 'wheel', 'touchstart', 'keydown'].forEach(function(ev) {
    map.getContainer().addEventListener(ev, function() { touched = true; }, {passive: true});
  });
  function fit() {
    var c = map.getContainer();
    map.invalidateSize({pan: false});
    if (!touched && c.clientWidth > 50 && c.clientHeight > 50) map.fitBounds(bounds, {animate: false});
  }
  fit();
  if (window.ResizeObserver) new ResizeObserver(fit).observe(map.getContainer());
  setTimeout(fit, 50);
})({{ this._parent.get_name() }}, """
        + _json(bounds)
        + """);
(function(map) {
  function tag() {
    var c = map.getContainer(), z = map.getZoom();
    c.classList.toggle('pw-z-far', z < 11.5);
    c.classList.toggle('pw-z-city', z >= 11.5 && z < 12.75);
    c.classList.toggle('pw-z-low', z < 14);  // community tasks show from here in
  }
  map.on('zoomend', tag); tag();
})({{ this._parent.get_name() }});
{% endmacro %}
"""
    )
    return element


def map_html(m: folium.Map) -> str:
    """The complete HTML of the map (what the browser receives)."""
    return str(m.get_root().render())
