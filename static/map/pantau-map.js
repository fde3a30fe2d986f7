// Pantau Wilayah: the map's layers, built in the browser from the compact arrays the
// server sends (see pantau/ui/mapbuilder.py, mappack.py and basemap.py for the formats).
// Served by the app (/app/static/map/), so the map draws with no internet. Each layer
// builder is window.pwLayer.<name>(data, cfg) and returns a Leaflet layer; helpers are
// window.pw*. Syntax is checked by tests/test_map_js.py, behaviour by tests/browser/.


// --- encoded outlines and topologies (basemap.py)
window.pwLine = window.pwLine || function(str) {
  var pts = [], i = 0, lat = 0, lon = 0;
  while (i < str.length) {
    var v = [0, 0];
    for (var k = 0; k < 2; k++) {
      var r = 0, s = 0, b;
      do { b = str.charCodeAt(i++) - 63; r |= (b & 31) << s; s += 5; } while (b >= 32);
      v[k] = (r & 1) ? ~(r >> 1) : (r >> 1);
    }
    lat += v[0]; lon += v[1];
    pts.push([lat / 1e5, lon / 1e5]);
  }
  return pts;
};
// the arcs of a topology, decoded once however many layers draw from it
window.pwArcs = window.pwArcs || function(t) {
  if (!t._decoded) t._decoded = t.arcs.map(window.pwLine);
  return t._decoded;
};
window.pwArcLine = window.pwArcLine || function(t, ref) {
  var a = window.pwArcs(t)[ref < 0 ? ~ref : ref];
  return ref < 0 ? a.slice().reverse() : a;
};
window.pwPolygons = window.pwPolygons || function(g, t) {
  if (g.type === 'ArcPolygons') {
    return g.polygons.map(function(p) { return p.map(function(refs) {
      var pts = [];
      refs.forEach(function(ref, k) {
        var a = window.pwArcLine(t, ref);
        for (var i = k ? 1 : 0; i < a.length; i++) pts.push(a[i]);
      });
      return pts;
    }); });
  }
  return g.polygons.map(function(p) { return p.map(window.pwLine); });
};
// a feature group of polygons from a collection of encoded features
window.pwShapes = window.pwShapes || function(fc, style, options, each) {
  var group = L.featureGroup();
  fc.features.forEach(function(f) {
    var layer = L.polygon(window.pwPolygons(f.geometry, fc.topology),
                          Object.assign({}, options, style(f)));
    layer.feature = {type: 'Feature', properties: f.properties};
    if (each) each(f, layer);
    layer.addTo(group);
  });
  return group;
};
// the outline arcs of a topology (e.g. where the kecamatan changes) as one polyline
window.pwOutline = window.pwOutline || function(t, options) {
  return L.polyline(t.outline.map(function(ref) { return window.pwArcLine(t, ref); }), options);
};

// --- packed points and areas (mappack.py)
// typed arrays by their width in bytes
window.pwUint = window.pwUint || {1: Uint8Array, 2: Uint16Array, 4: Uint32Array};
window.pwBytes = window.pwBytes || function(b64, T) {
  var s = atob(b64), u = new Uint8Array(s.length);
  for (var i = 0; i < s.length; i++) u[i] = s.charCodeAt(i);
  return new T(u.buffer);
};
// columns -> a FeatureCollection of points (see pack_points)
window.pwFeatures = window.pwFeatures || function(p) {
  var features = [];
  for (var i = 0; i < p.n; i++) {
    var props = {};
    for (var k in p.cols) {
      var c = p.cols[k];
      props[k] = 'c' in c ? c.c : c.v ? c.v[c.i[i]] : c.raw[i];
    }
    features.push({type: 'Feature', properties: props, geometry: {type: 'Point',
                   coordinates: [(p.lon0 + p.lon[i]) / 1e5, (p.lat0 + p.lat[i]) / 1e5]}});
  }
  return {type: 'FeatureCollection', features: features};
};
// columns -> a FeatureCollection of encoded areas (see pack_areas)
window.pwAreas = window.pwAreas || function(p) {
  var features = p.polygons.map(function(polygons, i) {
    var props = {};
    for (var k in p.cols) {
      var c = p.cols[k];
      props[k] = 'c' in c ? c.c : c.v ? c.v[c.i[i]] : c.raw[i];
    }
    return {type: 'Feature', properties: props, geometry: {type: p.type, polygons: polygons}};
  });
  return {type: 'FeatureCollection', features: features};
};

// --- links from popups to the record's page, in the same tab (maplinks.py)
window.pwOpen = window.pwOpen || function(a) {
  var want = a.getAttribute('data-open'), tries = 0;
  (function look() {
    var doc = null;
    try { doc = window.parent.document; } catch (e) { doc = null; }
    if (!doc) { window.top.location.assign('/' + want); return; }
    var links = doc.querySelectorAll('a[data-testid="stPageLink-NavLink"]');
    for (var i = 0; i < links.length; i++) {
      var h = links[i].getAttribute('href') || '';
      if (h === want || h.slice(-(want.length + 1)) === '/' + want) { links[i].click(); return; }
    }
    if (++tries < 60) setTimeout(look, 100);
  })();
  return false;
};
window.pwLink = window.pwLink || function(path, label) {
  return '<a class="pw-open" role="link" tabindex="0" style="cursor:pointer" data-open="' +
    path + '" onclick="return window.pwOpen(this)"' +
    ' onkeydown="return event.key !== \'Enter\' || window.pwOpen(this)">' + label + '</a>';
};

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

// Map panes (see the drawing order below)
window.pwPanes = function(map) {
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
};

window.pwLayer = window.pwLayer || {};

window.pwLayer.base = function(data, cfg) {
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
};

window.pwLayer.boundaries = function(data, cfg) {
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
};

window.pwLayer.labels = function(data, cfg) {
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
    // how many placements have run: a test waits for one instead of guessing a time
    var c = map.getContainer();
    c.setAttribute('data-pw-placed', String((+c.getAttribute('data-pw-placed') || 0) + 1));
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
    // names are measured in the page's font: measure again once it has loaded
    if (document.fonts && document.fonts.ready) document.fonts.ready.then(later);
    later();
  });
  return group;
};

window.pwLayer.sites = function(data, cfg) {
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
};

window.pwLayer.reports = function(data, cfg) {
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
};

window.pwLayer.pockets = function(data, cfg) {
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
};

window.pwLayer.tasks = function(data, cfg) {
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
};

window.pwLayer.density = function(data, cfg) {
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
};

window.pwLayer.reportForm = function(data, cfg) {
  var group = L.featureGroup();
  data.areas.topology = data.topology;
  pwShapes(data.areas, function() {
    return {color: '#333', weight: 1, fillOpacity: 0.04, className: 'pw-boundary'};
  }, {interactive: false}).addTo(group);
  if (data.point) L.circleMarker([data.point[1], data.point[0]], {radius: 9, color: '#fff', weight: 2,
    fillColor: cfg.colour, fillOpacity: 1, className: 'pw-picked', interactive: false}).addTo(group);
  return group;
};

window.pwLayer.site = function(data, cfg) {
  var group = L.featureGroup();
  if (data.area) L.geoJSON(data.area, {style: {color: '#333', weight: 1.5, fillOpacity: 0.05,
    className: 'pw-boundary'}}).addTo(group);
  var s = cfg.style;
  L.marker([data.lat, data.lon], {icon: L.divIcon({className: '', iconSize: [26, 26],
    iconAnchor: [13, 13], html: '<div class="pw-site pw-' + s[1] + '" style="--c:' + s[0] +
    '"><span>' + s[2] + '</span></div>'})}).addTo(group);
  return group;
};
