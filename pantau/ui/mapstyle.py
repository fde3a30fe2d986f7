"""How things look on the map: one table per symbol family, colour-blind safe
(Okabe–Ito palette) and always doubled by a shape and a letter, since the map
is projected in meetings."""

from __future__ import annotations

# status -> (colour, shape, letter)
SITE_STYLE: dict[str, tuple[str, str, str]] = {
    "belum_ditangani": ("#D55E00", "triangle", "B"),
    "dalam_penataan": ("#E69F00", "square", "P"),
    "tertata": ("#009E73", "circle", "T"),
    "kembali_semrawut": ("#CC79A7", "diamond", "K"),
}
# most urgent first: a group of sites takes the colour of its most urgent one
URGENCY = ("belum_ditangani", "kembali_semrawut", "dalam_penataan", "tertata")
# depth class index (0 ringan, 1 sedang, 2 berat) -> colour
DEPTH_COLOURS = ("#56B4E9", "#0072B2", "#1B1F5E")
POCKET_COLOUR = "#0072B2"
LATE_COLOUR = "#D00000"  # reports past their service level: a red ring
# sequential shading for kelurahan (light -> dark), readable in grey too
SHADE_SCALE = ("#F7FBFF", "#C6DBEF", "#6BAED6", "#2171B5", "#08306B")
DENSITY_COLOUR = "#D55E00"

CSS = """
#map_div{height:100vh !important}
.pw-site{width:22px;height:22px;display:flex;align-items:center;justify-content:center;
 background:var(--c);color:#fff;font:700 12px/1 sans-serif;border:2px solid #fff;
 box-shadow:0 0 0 1px #333}
.pw-circle{border-radius:50%}
.pw-square{border-radius:3px}
.pw-diamond{transform:rotate(45deg)} .pw-diamond span{transform:rotate(-45deg)}
.pw-triangle{clip-path:polygon(50% 0,100% 100%,0 100%);border:none;box-shadow:none;
 align-items:flex-end;padding-bottom:2px;width:26px;height:24px}
.pw-overdue{outline:3px solid #000;outline-offset:1px}
.pw-triangle.pw-overdue{filter:drop-shadow(0 0 2px #000) drop-shadow(0 0 1px #000);outline:none}
.pw-cluster{border-radius:50%;display:flex;align-items:center;justify-content:center;
 color:#fff;font:700 13px/1 sans-serif;width:36px;height:36px;border:3px solid #fff;
 box-shadow:0 0 0 1px #333}
.pw-late{box-shadow:0 0 0 4px #D00000}
.pw-task{width:18px;height:18px;border:2px solid #000;background:#F0E442;color:#000;
 font:700 11px/14px sans-serif;text-align:center;border-radius:3px}
.pw-task-late{border-color:#D00000;box-shadow:0 0 0 2px #D00000}
.pw-d0{background:#56B4E9;color:#000}.pw-d1{background:#0072B2}.pw-d2{background:#1B1F5E}
.pw-site-cluster{width:26px;height:26px;display:flex;align-items:center;justify-content:center;
 background:var(--c);color:#fff;font:800 13px/1 sans-serif;border-radius:8px;
 border:3px double #fff;box-shadow:0 0 0 1px #333}
.pw-site-group .pw-site-cluster{width:30px;height:30px}
.pw-legend .pw-site-cluster{display:inline-flex;width:18px;height:18px;font-size:10px;
 vertical-align:middle;margin-right:6px;border-width:2px}
.pw-label-anchor{width:0;height:0}
.pw-label{position:absolute;transform:translate(-50%,-50%);white-space:nowrap;
 background:rgba(255,255,255,.78);padding:1px 4px;border-radius:3px;
 font:600 11px/1.2 sans-serif;color:#222;pointer-events:none}
.pw-l-kec{font:700 12px/1.2 sans-serif;text-transform:uppercase;letter-spacing:.06em;
 background:rgba(255,255,255,.85);color:#111;padding:1px 5px}
.pw-l-kota{font:600 13px/1.2 sans-serif;text-transform:uppercase;letter-spacing:.12em;
 background:none;color:#6b6b6b;text-shadow:0 0 3px #fff,0 0 3px #fff}
.pw-z-far .pw-l-kec{font-size:10px}
.pw-z-low .pw-task-icon{display:none}
.pw-offline.leaflet-container{background:#dce8ef}
.pw-popup{font:14px/1.45 sans-serif;min-width:220px}
.pw-popup b{font-size:15px}
.pw-flag{display:inline-block;margin:2px 4px 0 0;padding:1px 6px;border-radius:9px;
 background:#222;color:#fff;font-size:12px}
.pw-legend{background:rgba(255,255,255,.92);padding:6px 8px;border-radius:6px;
 font:12px/1.35 sans-serif;box-shadow:0 1px 4px rgba(0,0,0,.35);max-width:230px}
.pw-legend summary{font-weight:700;cursor:pointer}
.pw-legend .pw-site{display:inline-flex;width:16px;height:16px;font-size:10px;
 vertical-align:middle;margin-right:6px}
.pw-legend .pw-triangle{width:18px;height:16px}
.pw-legend i{display:inline-block;width:14px;height:14px;border-radius:50%;
 vertical-align:middle;margin-right:6px}
.pw-legend h4{margin:4px 0 2px;font-size:13px}
"""
