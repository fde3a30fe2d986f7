"""The folium map, built from `MapData` arrays: one JavaScript layer per kind of
thing, never one folium object per point. Leaflet and its plugins are served by
the app itself (`pantau.mapassets`), so the map draws with no internet."""

from __future__ import annotations

import html
import json
import math
from typing import Any

import folium
from branca.element import Element, MacroElement
from folium.map import Layer
from jinja2 import Template

from pantau import mapassets
from pantau.city import current
from pantau.i18n import t
from pantau.mapdata import MapData
from pantau.ui import maplinks, mapstyle
from pantau.vocab import label

OSM_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = "&copy; OpenStreetMap contributors"


def _json(value: Any) -> str:
    """JSON safe to put inside a <script> element."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


class JsLayer(Layer):
    """A layer built in the browser by `body`, a JavaScript function body that sees
    `data` and `cfg` and returns a Leaflet layer."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = (function(data, cfg) {
{{ this.body }}
})({{ this.data_json }}, {{ this.cfg_json }});
{% if this.show %}{{ this.get_name() }}.addTo({{ this._parent.get_name() }});{% endif %}
{% endmacro %}
"""
    )

    def __init__(self, name: str, body: str, data: Any, cfg: Any = None, show: bool = True) -> None:
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "JsLayer"
        self.body = body
        self.data_json = _json(data)
        self.cfg_json = _json(cfg or {})


BOUNDARY_JS = """
function shade(v) {
  if (v === null || cfg.max <= 0) return null;
  var i = Math.min(cfg.scale.length - 1, Math.floor((v / cfg.max) * (cfg.scale.length - 1) + 0.0001));
  return cfg.scale[i];
}
return L.geoJSON(data, {
  style: function(f) {
    var c = shade(f.properties.value);
    return {color: '#333', weight: 1.5, fillColor: c || '#ffffff', fillOpacity: c ? 0.55 : 0.05, className: 'pw-boundary'};
  },
  onEachFeature: function(f, layer) {
    var p = f.properties;
    var v = p.value === null ? '' : '<br>' + cfg.measure + ': <b>' + p.value + '</b>';
    layer.bindTooltip('<b>' + p.nama + '</b>' + v, {sticky: true});
  }
});
"""

LABEL_JS = """
// Labels sit at a point computed on the server inside each polygon: Leaflet's own
// polygon centre goes stale when the component frame resizes after creation.
var group = L.layerGroup();
data.features.forEach(function(f) {
  L.marker(f.properties.label_at, {interactive: false, keyboard: false,
    icon: L.divIcon({className: 'pw-label-anchor', iconSize: null,
                     html: '<span class="pw-label">' + f.properties.nama + '</span>'})
  }).addTo(group);
});
return group;
"""

SITE_JS = """
function icon(p) {
  var s = cfg.styles[p.status] || ['#777', 'circle', '?'];
  var cls = 'pw-site pw-' + s[1] + (p.overdue ? ' pw-overdue' : '');
  return L.divIcon({className: '', iconSize: [26, 26], iconAnchor: [13, 13], popupAnchor: [0, -12],
    html: '<div class="' + cls + '" style="--c:' + s[0] + '"><span>' + s[2] + '</span></div>'});
}
function popup(p) {
  var flags = '';
  if (p.overdue) flags += '<span class="pw-flag">' + cfg.text.overdue + '</span>';
  if (p.due_sweep) flags += '<span class="pw-flag">' + cfg.text.due_sweep + '</span>';
  if (p.ping_pong) flags += '<span class="pw-flag">' + cfg.text.ping_pong + '</span>';
  return '<div class="pw-popup"><b>' + p.name + '</b><br>' + p.code + ' · ' + p.category +
    '<br>' + cfg.text.status + ': <b>' + p.status_label + '</b><br>' + cfg.text.kelurahan + ': ' +
    p.kelurahan + '<br>' + cfg.text.owner + ': ' + p.owner + ' (' + p.owner_unit + ')<br>' +
    cfg.text.updated + ': ' + p.updated + '<br>' + flags +
    '<br>' + pwLink('lokasi?id=' + p.id, cfg.text.open_site) + '</div>';
}
return L.geoJSON(data, {
  pointToLayer: function(f, latlng) { return L.marker(latlng, {icon: icon(f.properties)}); },
  onEachFeature: function(f, layer) {
    layer.bindPopup(popup(f.properties));
    layer.bindTooltip(f.properties.code + ' · ' + f.properties.name);
  }
});
"""

REPORT_JS = """
var group = L.markerClusterGroup({chunkedLoading: true, showCoverageOnHover: false,
  maxClusterRadius: 45, spiderfyOnMaxZoom: true,
  iconCreateFunction: function(c) {
    var n = 0, worst = 0, late = 0;
    c.getAllChildMarkers().forEach(function(m) { n += m.options.count; late += m.options.late; worst = Math.max(worst, m.options.cls); });
    return L.divIcon({className: '', iconSize: [36, 36],
      html: '<div class="pw-cluster pw-d' + worst + (late ? ' pw-late' : '') + '"><span>' + n + '</span></div>'});
  }});
var markers = new Array(data.length);
for (var i = 0; i < data.length; i++) {
  var r = data[i];
  markers[i] = L.circleMarker([r[0], r[1]], {radius: 5 + 2 * r[2], color: r[4] ? cfg.late : '#fff',
    weight: r[4] ? 3 : 1, fillColor: cfg.colours[r[2]], fillOpacity: 0.95, count: r[3], cls: r[2],
    late: r[4], className: r[4] ? 'pw-report-late' : 'pw-report'});
  if (r[5]) markers[i].feature = {type: 'Feature', properties: {kind: 'report', id: r[5]}};
}
group.addLayers(markers);
group.on('click', function(e) {
  var o = e.layer.options;
  L.popup().setLatLng(e.latlng).setContent('<div class="pw-popup">' + o.count + ' ' +
    cfg.text.reports + '<br>' + cfg.text.depth + ': <b>' + cfg.classes[o.cls] + '</b>' +
    (e.layer.feature ? '<br>' + pwLink('genangan?id=' + e.layer.feature.properties.id,
      cfg.text.open_report) : '') + '</div>')
    .openOn(e.target._map);
});
return group;
"""

POCKET_JS = """
return L.geoJSON(data, {
  pointToLayer: function(f, latlng) {
    var p = f.properties;
    return L.circleMarker(latlng, {radius: 6 + 3 * Math.sqrt(p.floods), color: p.chronic ? '#000' : cfg.colour,
      weight: p.chronic ? 3 : 1.5, dashArray: p.chronic ? null : '4 3', fillColor: cfg.colour, fillOpacity: 0.25});
  },
  onEachFeature: function(f, layer) {
    var p = f.properties;
    layer.bindTooltip(cfg.text.pocket + ' · ' + p.kelurahan + ' · ' + p.floods + '×');
    layer.bindPopup('<div class="pw-popup"><b>' + cfg.text.pocket + ' #' + p.id + '</b>' +
      (p.chronic ? ' <span class="pw-flag">' + cfg.text.chronic + '</span>' : '') + '<br>' +
      cfg.text.kelurahan + ': ' + p.kelurahan + '<br>' + cfg.text.floods + ': <b>' + p.floods +
      '</b><br>' + cfg.text.max_depth + ': ' + p.max_depth + ' cm · ' + cfg.text.typical_depth + ': ' +
      p.typical_depth + ' cm<br>' + cfg.text.last_flood + ': ' + p.last_flood + '<br>' +
      pwLink('titik?id=' + p.id, cfg.text.open_pocket) + '</div>');
  }
});
"""

TASK_JS = """
return L.geoJSON(data, {
  pointToLayer: function(f, latlng) {
    var p = f.properties;
    return L.marker(latlng, {icon: L.divIcon({className: '', iconSize: [20, 20], iconAnchor: [-4, 24],
      html: '<div class="pw-task' + (p.overdue ? ' pw-task-late' : '') + '">W</div>'})});
  },
  onEachFeature: function(f, layer) {
    var p = f.properties;
    layer.bindTooltip(p.title + ' · ' + p.when);
    layer.bindPopup('<div class="pw-popup"><b>' + p.title + '</b><br>' + p.type + '<br>' + p.when +
      '<br>' + cfg.text.status + ': <b>' + p.status + '</b>' +
      (p.overdue ? ' <span class="pw-flag">' + cfg.text.overdue + '</span>' : '') + '</div>');
  }
});
"""

DENSITY_JS = """
return L.geoJSON(data, {
  interactive: false,
  style: function(f) { return {stroke: false, fillColor: cfg.colour, fillOpacity: 0.1 + 0.6 * f.properties.share}; }
});
"""


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
    rows.append("<h4>" + html.escape(t("legend_reports", lang)) + "</h4>")
    for i, code in enumerate(("ringan", "sedang", "berat")):
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
    if measure_label:
        rows.append("<h4>" + html.escape(measure_label) + "</h4><div>")
        rows += [f'<i style="border-radius:0;background:{c}"></i>' for c in mapstyle.SHADE_SCALE]
        rows.append(f"0 – {data.measure_max:g}</div>")
    body = (
        "<details open><summary>"
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
    // open on a wide map (meeting screen), folded on a narrow one (phone, side column)
    if ({{ this._parent.get_name() }}.getContainer().clientWidth < 900) {
      div.querySelector('details').removeAttribute('open');
    }
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


def build_map(data: MapData, lang: str, tiles: str, measure_label: str = "") -> folium.Map:
    """The whole map for `data`. `tiles` is "osm" or "none" (offline room)."""
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
    m.default_js = [(name, mapassets.JS[name]) for name in ("leaflet", "markercluster")]
    m.default_css = list(mapassets.CSS.items())
    m.get_root().header.add_child(  # type: ignore[attr-defined]
        Element(f"<style>{mapstyle.CSS}</style>"), name="pw_css"
    )
    if tiles == "osm":
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
            "updated",
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
    JsLayer(
        t("layer_boundaries", lang),
        BOUNDARY_JS,
        data.boundaries,
        {"max": data.measure_max, "scale": list(mapstyle.SHADE_SCALE), "measure": measure_label},
    ).add_to(m)
    JsLayer(t("layer_labels", lang), LABEL_JS, data.boundaries).add_to(m)
    JsLayer(
        t("layer_density", lang),
        DENSITY_JS,
        data.density,
        {"colour": mapstyle.DENSITY_COLOUR},
        show=False,
    ).add_to(m)
    JsLayer(
        t("layer_pockets", lang),
        maplinks.OPEN_JS + POCKET_JS,
        data.pockets,
        {"colour": mapstyle.POCKET_COLOUR, "text": text},
    ).add_to(m)
    JsLayer(
        t("layer_reports", lang),
        maplinks.OPEN_JS + REPORT_JS,
        data.reports,
        {
            "colours": list(mapstyle.DEPTH_COLOURS),
            "late": mapstyle.LATE_COLOUR,
            "text": text,
            "classes": [label("depth_class", c, lang) for c in ("ringan", "sedang", "berat")],
        },
    ).add_to(m)
    JsLayer(t("layer_tasks", lang), TASK_JS, data.tasks, {"text": text}).add_to(m)
    JsLayer(
        t("layer_sites", lang),
        maplinks.OPEN_JS + SITE_JS,
        data.sites,
        {"styles": mapstyle.SITE_STYLE, "text": text},
    ).add_to(m)
    folium.LayerControl(collapsed=True, position="topright").add_to(m)
    _legend(lang, data, measure_label).add_to(m)
    view_script(bounds).add_to(m)
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
