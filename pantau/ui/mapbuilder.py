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

from pantau import basemap, mapassets
from pantau.city import current
from pantau.i18n import t
from pantau.mapdata import MapData
from pantau.pockets import CHRONIC_MIN_FLOODS
from pantau.ui import maplinks, mapstyle
from pantau.ui.mappack import UNPACK_JS, pack_areas, pack_points, pack_reports
from pantau.vocab import codes, label

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
    """A layer built in the browser by `body`, a JavaScript function body that sees
    `data` and `cfg` and returns a Leaflet layer. `refs` adds `SharedData` to `data`
    under the given keys (by reference: sent once however many layers use it)."""

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

    def __init__(
        self,
        name: str,
        body: str,
        data: Any,
        cfg: Any = None,
        show: bool = True,
        refs: dict[str, SharedData] | None = None,
    ) -> None:
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "JsLayer"
        self.body = body
        self.data_json = _json(data)
        if refs:
            joined = ",".join(f"{json.dumps(k)}:{v.get_name()}" for k, v in refs.items())
            self.data_json = f"Object.assign({self.data_json},{{{joined}}})"
        self.cfg_json = _json(cfg or {})


PANES_JS = """
// Drawing order, bottom to top: tiles (200), the shipped base map, kelurahan shading
// (overlay, 400), kecamatan outlines, reports and tasks (markers, 600), names (they
// let clicks through), then penataan sites (always on top: every site can be
// clicked), then popups.
[['pwBase', 250], ['pwOutline', 420], ['pwLabels', 630], ['pwSites', 640]].forEach(function(p) {
  if (!map.getPane(p[0])) { var pane = map.createPane(p[0]); pane.style.zIndex = p[1]; }
});
map.getPane('pwLabels').style.pointerEvents = 'none';
map.getPane('pwBase').style.pointerEvents = 'none';
map.getPane('pwOutline').style.pointerEvents = 'none';
"""

BASE_JS = """
// Kota land and kecamatan outlines from the shipped boundaries: the city is
// recognisable with no tile server. Land is filled only when there are no tiles.
var group = L.layerGroup();
pwShapes(data.kota, function(f) {
  var mine = cfg.mine.indexOf(f.properties.kode) >= 0;
  return {color: '#7d7d7d', weight: mine ? 2 : 1, fill: cfg.offline, fillOpacity: 1,
          fillColor: mine ? '#fbfaf5' : '#e9e7e1', className: 'pw-kota'};
}, {pane: 'pwBase', interactive: false}).addTo(group);
if (data.topology) pwOutline(data.topology, {color: '#3a3a3a', weight: 2.5, opacity: 0.9,
  className: 'pw-kecamatan', pane: 'pwOutline', interactive: false}).addTo(group);
return group;
"""

BOUNDARY_JS = """
function shade(v) {
  if (v === null || cfg.max <= 0) return null;
  var i = Math.min(cfg.scale.length - 1, Math.floor((v / cfg.max) * (cfg.scale.length - 1) + 0.0001));
  return cfg.scale[i];
}
var areas = pwAreas(data);
areas.topology = data.topology;
return pwShapes(areas, function(f) {
  var c = shade(f.properties.value);
  return {color: '#555', weight: cfg.single ? 4 : 1, fillColor: c || '#ffffff',
          fillOpacity: c ? 0.55 : 0.05, className: 'pw-boundary'};
}, {}, function(f, layer) {
  var p = f.properties;
  var v = p.value === null ? '' : '<br>' + cfg.measure + ': <b>' + p.value + '</b>';
  layer.bindTooltip('<b>' + p.nama + '</b>' + v, {sticky: true});
});
"""

LABEL_JS = """
// Names of kota, kecamatan and kelurahan at points computed on the server inside each
// area. After every zoom or pan, labels are placed by priority (kecamatan, kota, then
// kelurahan by size), moved a line up or down to keep clear of markers, and a label
// that would overlap one already placed is hidden: no two names collide.
var group = L.layerGroup(), items = [];
function add(at, text, kind, rank) {
  var m = L.marker(at, {pane: 'pwLabels', interactive: false, keyboard: false,
    icon: L.divIcon({className: 'pw-label-anchor', iconSize: null,
                     html: '<span class="pw-label pw-l-' + kind + '">' + text + '</span>'})});
  m.addTo(group);
  items.push({marker: m, kind: kind, rank: rank});
}
var first = cfg.province ? ['kota', 'kec'] : ['kec', 'kota'];
data.forEach(function(r) { add([r[0], r[1]], r[2], r[3], r[4]); });
items.sort(function(a, b) {
  var ka = a.kind === 'kel' ? 2 : first.indexOf(a.kind), kb = b.kind === 'kel' ? 2 : first.indexOf(b.kind);
  return ka - kb || a.rank - b.rank;
});
function shown(kind, z) {
  if (kind === 'kel') return z >= cfg.kelurahanFrom;
  if (kind === 'kec') return z < 15;
  return z < 12.5 || cfg.province && z < 13;
}
// All reads, then all writes: measuring a name right after moving another would make
// the browser lay the page out once per name (half a second for a province).
function declutter() {
  var map = group._map;
  if (!map) return;
  var z = map.getZoom(), placed = [], box = map.getContainer().getBoundingClientRect();
  // markers a name should not sit on: sites and report groups
  var markers = [];
  map.getContainer().querySelectorAll('.pw-site-marker, .pw-report-group').forEach(function(el) {
    markers.push(el.getBoundingClientRect());
  });
  function clear(r, rects) {
    for (var i = 0; i < rects.length; i++) {
      var p = rects[i];
      if (r.left < p.right + 3 && r.right + 3 > p.left && r.top < p.bottom + 2 && r.bottom + 2 > p.top) return false;
    }
    return true;
  }
  var live = [];
  items.forEach(function(it) {
    var el = it.marker.getElement();
    if (!el) return;
    var span = el.firstChild, show = shown(it.kind, z);
    span.style.display = show ? '' : 'none';
    span.style.marginTop = '';
    span.style.marginLeft = '';
    if (show) live.push({kind: it.kind, span: span});
  });
  live.forEach(function(l) { l.at = l.span.getBoundingClientRect(); });
  live.forEach(function(l) {
    // where it belongs, else just above or below it; a kecamatan or kota name that
    // finds no spot clear of markers still takes one clear of other names
    var shifts = l.kind === 'kel' ? [0] : [0, -1, 1];
    var passes = l.kind === 'kel' ? [true] : [true, false], a = l.at;
    l.done = false;
    for (var q = 0; q < passes.length && !l.done; q++) {
      for (var k = 0; k < shifts.length && !l.done; k++) {
        var dy = shifts[k] * (a.height + 2);
        var r = {left: a.left, right: a.right, top: a.top + dy, bottom: a.bottom + dy};
        // a name cut by the map's edge slides inside it (never off its place by more
        // than its own width)
        var dx = r.left < box.left + 2 ? box.left + 2 - r.left : r.right > box.right - 2 ? box.right - 2 - r.right : 0;
        if (!dx || Math.abs(dx) >= a.width) dx = 0;
        r.left += dx;
        r.right += dx;
        var inside = r.left >= box.left && r.right <= box.right && r.top >= box.top && r.bottom <= box.bottom;
        if (inside && clear(r, placed) && (!passes[q] || clear(r, markers))) {
          placed.push(r);
          l.done = true;
          l.dx = dx;
          l.dy = dy;
        }
      }
    }
  });
  live.forEach(function(l) {
    if (!l.done) { l.span.style.display = 'none'; return; }
    if (l.dy) l.span.style.marginTop = l.dy + 'px';
    if (l.dx) l.span.style.marginLeft = l.dx + 'px';
  });
}
// many triggers (add, fit, resize, zoom), one placement
var timer = null;
function later() {
  if (timer === null) timer = setTimeout(function() { timer = null; declutter(); }, 0);
}
group.on('add', function() {
  var map = group._map;
  map.on('zoomend moveend resize', later);
  if (window.ResizeObserver) new ResizeObserver(later).observe(map.getContainer());
  later();
});
return group;
"""

CLUSTER_CLICK_JS = """
// A cluster click zooms to the cluster's extent, never past `maxZoom`; markers
// that stay together there (or stand on one spot) are spread out instead.
window.pwClusterClick = window.pwClusterClick || function(maxZoom) {
  return function(e) {
    var map = e.target._map, b = e.layer.getBounds(), padded = b.pad(0.35);
    var same = b.getNorthEast().distanceTo(b.getSouthWest()) < 25;
    if (same || map.getZoom() >= maxZoom || map.getBoundsZoom(padded) > maxZoom) {
      e.layer.spiderfy();
    } else {
      map.fitBounds(padded, {maxZoom: maxZoom});
    }
  };
};
"""

SITE_JS = """
function icon(p) {
  var s = cfg.styles[p.status] || ['#777', 'circle', '?'];
  var cls = 'pw-site pw-' + s[1] + (p.overdue ? ' pw-overdue' : '');
  return L.divIcon({className: 'pw-site-marker', iconSize: [26, 26], iconAnchor: [13, 13], popupAnchor: [0, -12],
    html: '<div class="' + cls + '" style="--c:' + s[0] + '"><span>' + s[2] + '</span></div>'});
}
function popup(p) {
  var flags = '';
  if (p.overdue) flags += '<span class="pw-flag">' + cfg.text.overdue + '</span>';
  if (p.due_sweep) flags += '<span class="pw-flag">' + cfg.text.due_sweep + '</span>';
  if (p.ping_pong) flags += '<span class="pw-flag">' + cfg.text.ping_pong + '</span>';
  return '<div class="pw-popup"><b>' + p.name + '</b><br>' + p.code + ' · ' + p.category +
    '<br>' + cfg.text.status + ': <b>' + p.status_label + '</b><br>' + cfg.text.kelurahan + ': ' +
    p.kelurahan + '<br>' + cfg.text.owner + ': ' + p.owner + '<br>' + flags +
    '<br>' + pwLink('lokasi?id=' + p.id, cfg.text.open_site) + '</div>';
}
// Sites closer than a marker's width are grouped (a count in the colour of the most
// urgent status), so no site hides another; grouping ends well before street level.
var group = L.markerClusterGroup({clusterPane: 'pwSites', maxClusterRadius: 30,
  showCoverageOnHover: false, zoomToBoundsOnClick: false, spiderfyOnMaxZoom: true,
  iconCreateFunction: function(c) {
    var worst = null, late = false, n = 0;
    c.getAllChildMarkers().forEach(function(m) {
      var p = m.feature.properties; n++;
      late = late || p.overdue;
      if (worst === null || cfg.order.indexOf(p.status) < cfg.order.indexOf(worst)) worst = p.status;
    });
    var s = cfg.styles[worst] || ['#777'];
    return L.divIcon({className: 'pw-site-marker pw-site-group', iconSize: [30, 30],
      html: '<div class="pw-site-cluster' + (late ? ' pw-overdue' : '') + '" style="--c:' + s[0] +
        '"><span>' + n + '</span></div>'});
  }});
group.on('clusterclick', pwClusterClick(cfg.maxZoom));
group.addLayer(L.geoJSON(pwFeatures(data), {
  pointToLayer: function(f, latlng) { return L.marker(latlng, {icon: icon(f.properties), pane: 'pwSites'}); },
  onEachFeature: function(f, layer) {
    layer.bindPopup(popup(f.properties));
    layer.bindTooltip(f.properties.code + ' · ' + f.properties.name);
  }
}));
return group;
"""

REPORT_JS = """
// Reports arrive packed (base64 typed arrays, see `mappack.pack_reports`).
var unpack = pwBytes;
var n = data.n, lat = [], lon = [], flags = null, count = null, ids = null;
if (n) {
  var la = unpack(data.lat, Uint16Array), lo = unpack(data.lon, Uint16Array);
  var nibbles = unpack(data.flags, Uint8Array);
  flags = new Uint8Array(n);
  for (var f = 0; f < n; f++) flags[f] = (nibbles[f >> 1] >> ((f & 1) * 4)) & 15;
  if (data.count) count = unpack(data.count, pwUint[data.count_bytes]);
  if (data.id_step) {
    var d = unpack(data.id_step, pwUint[data.id_bytes]), id = data.id0;
    ids = new Array(n);
    for (var k = 0; k < n; k++) { id += d[k]; ids[k] = id; }
  } else if (data.id_bits) {
    var bits = unpack(data.id_bits, Uint8Array);
    ids = [];
    for (var b = 0; b < bits.length * 8; b++) if ((bits[b >> 3] >> (b & 7)) & 1) ids.push(data.id0 + b);
  }
  for (var j = 0; j < n; j++) { lat.push(data.lat0 + la[j] * data.step); lon.push(data.lon0 + lo[j] * data.step); }
}
var group = L.markerClusterGroup({chunkedLoading: true, showCoverageOnHover: false,
  zoomToBoundsOnClick: false, spiderfyOnMaxZoom: true,
  // far out, few big counts; closer in, finer groups
  maxClusterRadius: function(z) { return z < 13 ? 70 : 45; },
  iconCreateFunction: function(c) {
    var total = 0, worst = 0, late = 0;
    c.getAllChildMarkers().forEach(function(m) { total += m.options.count; late += m.options.late; worst = Math.max(worst, m.options.cls); });
    return L.divIcon({className: 'pw-report-group', iconSize: [36, 36],
      html: '<div class="pw-cluster pw-d' + worst + (late ? ' pw-late' : '') + '"><span>' + total + '</span></div>'});
  }});
group.on('clusterclick', pwClusterClick(cfg.maxZoom));
var markers = new Array(n);
for (var i = 0; i < n; i++) {
  var cls = flags[i] & 3, isLate = (flags[i] >> 2) & 1;
  markers[i] = L.circleMarker([lat[i], lon[i]], {radius: 5 + 2 * cls, color: isLate ? cfg.late : '#fff',
    weight: isLate ? 3 : 1, fillColor: cfg.colours[cls], fillOpacity: 0.95, count: count ? count[i] : 1, cls: cls,
    late: isLate, className: isLate ? 'pw-report-late' : 'pw-report'});
  if (ids) markers[i].feature = {type: 'Feature', properties: {kind: 'report', id: ids[i]}};
}
group.addLayers(markers);
group.pwPoints = {lat: lat, lon: lon, count: count};
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
return L.geoJSON(pwFeatures(data), {
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
// Shown from street level in (CSS hides them further out, see `view_script`).
return L.geoJSON(pwFeatures(data), {
  pointToLayer: function(f, latlng) {
    var p = f.properties;
    return L.marker(latlng, {icon: L.divIcon({className: 'pw-task-icon', iconSize: [20, 20], iconAnchor: [-4, 24],
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
// Built in the browser from the report layer's points, and only when switched on.
var group = L.featureGroup(), built = false;
group.on('add', function() {
  if (built) return;
  built = true;
  var src = window[cfg.source] && window[cfg.source].pwPoints;
  if (!src) return;
  var cells = {}, top = 0, key, size = cfg.cell;
  for (var i = 0; i < src.lat.length; i++) {
    key = Math.floor(src.lon[i] / size) + ',' + Math.floor(src.lat[i] / size);
    cells[key] = (cells[key] || 0) + (src.count ? src.count[i] : 1);
    top = Math.max(top, cells[key]);
  }
  Object.keys(cells).forEach(function(k) {
    var xy = k.split(','), x = +xy[0] * size, y = +xy[1] * size;
    L.rectangle([[y, x], [y + size, x + size]], {stroke: false, interactive: false,
      fillColor: cfg.colour, fillOpacity: 0.1 + 0.6 * cells[k] / top}).addTo(group);
  });
});
return group;
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
    """The names layer (see LABEL_JS) for `places(...)`."""
    return JsLayer(
        t("layer_labels", lang),
        LABEL_JS,
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
    m.default_js = [(name, mapassets.JS[name]) for name in ("leaflet", "markercluster")]
    m.default_css = list(mapassets.CSS.items())
    m.get_root().header.add_child(  # type: ignore[attr-defined]
        Element(f"<style>{mapstyle.CSS}</style>"), name="pw_css"
    )
    on_map(PANES_JS).add_to(m)
    # the view first: the layers are then drawn once, at the zoom they are seen at
    view_script(bounds).add_to(m)
    # helpers the layers share (window.pw*), sent once
    on_map(basemap.DECODE_JS + UNPACK_JS + maplinks.OPEN_JS + CLUSTER_CLICK_JS).add_to(m)
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
        BASE_JS,
        {"kota": kota},
        {"offline": offline, "mine": sorted(here.kota_kode_set)},
        refs={"topology": topology},
    ).add_to(m)
    JsLayer(
        t("layer_boundaries", lang),
        BOUNDARY_JS,
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
        POCKET_JS,
        pack_points(data.pockets),
        {"colour": mapstyle.POCKET_COLOUR, "text": text},
    ).add_to(m)
    reports = JsLayer(
        t("layer_reports", lang),
        REPORT_JS,
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
        DENSITY_JS,
        None,
        {"colour": mapstyle.DENSITY_COLOUR, "source": reports.get_name(), "cell": 0.0025},
        show=False,
    ).add_to(m)
    JsLayer(t("layer_tasks", lang), TASK_JS, pack_points(data.tasks), {"text": text}).add_to(m)
    JsLayer(
        t("layer_sites", lang),
        SITE_JS,
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
