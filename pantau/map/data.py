"""Everything the map shows, as plain data: GeoJSON feature collections and compact
arrays, built once per (data version, filters, language) and cached by the page.

User text that ends up in HTML (popups, tooltips, labels) is escaped here, once,
so the map code can put it into HTML as it is.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import numpy as np
import pandas as pd
import shapely

from pantau.city.timefmt import day_start_utc, format_short_day, format_wib, to_wib, wib_today
from pantau.community import tasks as task_rules
from pantau.floods.pockets import chronic_stats
from pantau.floods.sla import ServiceLevel
from pantau.geo.locations import current_boundaries
from pantau.kernel import vocab
from pantau.map import basemap
from pantau.map.filters import MapFilters
from pantau.sites.listing import flagged_sites
from pantau.store import Database
from pantau.store import community as community_store
from pantau.store import mapdata as queries

AGGREGATE_ABOVE = 20_000  # reports: above this, ship one point per ~50 m cell and class
AGGREGATE_DECIMALS = 4  # rounding of lon/lat for aggregation (~11 m steps, merged to 50 m)


@dataclass
class MapData:
    # the kelurahan shown (shaded by the measure), as "ArcPolygons" of `topology`
    boundaries: dict[str, Any]
    sites: dict[str, Any]
    pockets: dict[str, Any]
    reports: list[list[float]]  # [lat, lon, depth class index, count, late count, id]
    reports_aggregated: bool
    report_count: int
    headline: dict[str, int]
    bounds: list[list[float]]
    measure_max: float
    status_counts: dict[str, int] = field(default_factory=dict)
    tasks: dict[str, Any] = field(default_factory=lambda: _fc([]))
    # [lat, lon, name, rank] per kelurahan shown: its label, biggest area first (rank 0)
    labels: list[list[Any]] = field(default_factory=list)
    # the kecamatan of the whole wilayah (names; the base layer)
    kecamatan: dict[str, Any] = field(default_factory=lambda: _fc([]))
    # shared borders of the kelurahan: {"arcs": [...], "outline": kecamatan borders}
    topology: dict[str, Any] = field(default_factory=lambda: {"arcs": [], "outline": []})


def _esc(value: Any) -> str:
    return (
        ""
        if value is None or (isinstance(value, float) and np.isnan(value))
        else html.escape(str(value), quote=True)
    )


def _fc(features: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": features}


def build_map_data(
    db: Database, filters: MapFilters, now: datetime, lang: str, sla: ServiceLevel | None = None
) -> MapData:
    """Gather and shape the map's data under `filters` (`now` is naive UTC)."""
    cur = db.cursor()
    f = filters.with_defaults(wib_today(now))
    start, end = f.period(wib_today(now))
    since = day_start_utc(start)
    until = day_start_utc(end + timedelta(days=1))
    site_frame = flagged_sites(
        db, now, f.area, f.kelurahan, f.statuses, f.categories, f.owner_levels
    )
    report_frame = queries.reports(cur, f.area, f.kelurahan, since, until)
    pocket_frame = queries.pockets(cur, f.area, f.kelurahan, since, until)
    everything = current_boundaries(db)
    boundaries = everything
    if f.kelurahan:
        boundaries = everything[everything["kode"] == f.kelurahan]
    elif f.area:
        boundaries = everything[everything["kecamatan_kode"].str.startswith(f.area)]
    topo = basemap.kelurahan_topology(everything)
    shared, geometries = basemap.topology_payload(
        topo,
        [int(i) for i in np.flatnonzero(everything["kode"].isin(boundaries["kode"]).to_numpy())],
        topo.borders(list(everything["kecamatan_kode"])),
    )
    boundary_fc, measure_max = _boundaries(
        boundaries, geometries, f.measure, site_frame, report_frame
    )
    reports, aggregated = _report_points(report_frame, now, sla or ServiceLevel())
    minx, miny, maxx, maxy = boundaries.total_bounds
    return MapData(
        boundaries=boundary_fc,
        sites=_sites(site_frame, lang),
        pockets=_pockets(pocket_frame, _chronic_ids(db, now, f), lang),
        reports=reports,
        reports_aggregated=aggregated,
        report_count=len(report_frame),
        headline=_headline(site_frame, cur, f),
        bounds=[[float(miny), float(minx)], [float(maxy), float(maxx)]],
        measure_max=measure_max,
        status_counts={
            s: int((site_frame["status"] == s).sum()) for s in vocab.codes("site_status")
        },
        tasks=_tasks(
            community_store.task_points(
                cur, now - timedelta(days=7), now + timedelta(days=14), f.area, f.kelurahan
            ),
            now,
            lang,
        ),
        labels=kelurahan_labels(boundaries),
        kecamatan=basemap.kecamatan_names(everything),
        topology=shared,
    )


def warm_caches(db: Database) -> None:
    """Build once per process what every first map needs and no data change alters
    (the kelurahan topology, kecamatan names, kota outlines, the date names of both
    languages), so that the first person to open the map does not wait for them."""
    everything = current_boundaries(db)
    basemap.kelurahan_topology(everything)
    basemap.kecamatan_names(everything)
    for lang in ("id", "en"):
        basemap.kota_layer(lang)
        format_short_day(date(2000, 1, 1), lang)


def kelurahan_labels(gdf: Any) -> list[list[Any]]:
    """[lat, lon, escaped name, rank] per kelurahan; rank 0 is the largest in area, so
    where labels collide the browser keeps the big kelurahan's."""
    area = shapely.area(gdf.geometry.to_numpy())  # degrees², fine for ranking
    rank = np.empty(len(area), dtype=int)
    rank[np.argsort(-area, kind="stable")] = np.arange(len(area))
    return [
        [*basemap.label_point(geom), _esc(nama), int(r)]
        for nama, geom, r in zip(gdf["nama"], gdf.geometry, rank, strict=True)
    ]


def _tasks(frame: pd.DataFrame, now: datetime, lang: str) -> dict[str, Any]:
    """Community tasks at pockets and sites: last week, the next two, and any still open."""
    features = []
    for row in _records(frame):
        planned = pd.Timestamp(row["planned_at"]).to_pydatetime()
        properties = {
            "id": int(row["id"]),
            "title": _esc(row["title"]),
            "type": _esc(vocab.label("task_type", row["task_type"], lang)),
            "status": _esc(vocab.label("task_status", row["status"], lang)),
            "when": _esc(format_wib(planned, lang)),
            "overdue": task_rules.is_overdue(row["status"], planned, now),
        }
        features.append(_point(row, properties))
    return _fc(features)


def _headline(site_frame: pd.DataFrame, cur: Any, f: MapFilters) -> dict[str, int]:
    return {
        "sites": len(site_frame),
        **{
            f"status_{s}": int((site_frame["status"] == s).sum())
            for s in vocab.codes("site_status")
        },
        "overdue": int(site_frame["overdue"].sum()),
        "due_sweep": int(site_frame["due_sweep"].sum()),
        "ping_pong": int(site_frame["ping_pong"].sum()),
        "open_reports": queries.open_report_count(cur, f.area, f.kelurahan),
    }


def _boundaries(
    gdf: Any,
    geometries: list[dict[str, Any]],
    measure: str,
    sites: pd.DataFrame,
    reports: pd.DataFrame,
) -> tuple[dict[str, Any], float]:
    if measure == "open_sites":
        values = sites[sites["status"] != "tertata"].groupby("kelurahan_kode").size()
    elif measure == "overdue":
        values = sites[sites["overdue"]].groupby("kelurahan_kode").size()
    elif measure == "reports":
        values = reports.groupby("kelurahan_kode").size()
    else:
        values = pd.Series(dtype=float)
    features = []
    for kode, nama, geometry in zip(gdf["kode"], gdf["nama"], geometries, strict=True):
        value = int(values.get(kode, 0)) if measure != "none" else None  # counts
        features.append(
            {
                "type": "Feature",
                "geometry": geometry,
                "properties": {"kode": kode, "nama": _esc(nama), "value": value},
            }
        )
    top = float(values.max()) if len(values) else 0.0
    return _fc(features), top


def _wib_day(value: Any) -> date:
    return to_wib(pd.Timestamp(value).to_pydatetime()).date()


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(k): v for k, v in r.items()} for r in frame.to_dict("records")]


def _point(row: dict[str, Any], properties: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [round(row["lon"], 6), round(row["lat"], 6)]},
        "properties": properties,
    }


def _sites(frame: pd.DataFrame, lang: str) -> dict[str, Any]:
    features = []
    for row in _records(frame):
        features.append(
            _point(
                row,
                {
                    "kind": "site",
                    "id": int(row["id"]),
                    "code": _esc(row["code"]),
                    "name": _esc(row["name"]),
                    "status": row["status"],
                    "status_label": _esc(vocab.label("site_status", row["status"], lang)),
                    "category": _esc(vocab.label("site_category", row["category"], lang)),
                    "kelurahan": _esc(row["kelurahan"]),
                    # the unit and the last update are in the panel beside the map
                    "owner": _esc(vocab.label("owner_level", row["owner_level"], lang)),
                    "overdue": bool(row["overdue"]),
                    "due_sweep": bool(row["due_sweep"]),
                    "ping_pong": bool(row["ping_pong"]),
                },
            )
        )
    return _fc(features)


def _chronic_ids(db: Database, now: datetime, f: MapFilters) -> set[int]:
    """The chronic pockets under the area filter: chronic as everywhere (the last 12
    months up to `now`), not by the map's period."""
    stats = chronic_stats(db, now, f.area, f.kelurahan)
    return {int(i) for i in stats.loc[stats["chronic"], "id"]}


def _pockets(frame: pd.DataFrame, chronic: set[int], lang: str) -> dict[str, Any]:
    features = []
    for row in _records(frame):
        features.append(
            _point(
                row,
                {
                    "kind": "pocket",
                    "id": int(row["id"]),
                    "kelurahan": _esc(row["kelurahan"]),
                    "floods": int(row["floods"]),
                    "reports": int(row["reports"]),
                    "max_depth": int(row["max_depth"]),
                    "typical_depth": int(row["typical_depth"]),
                    "open_reports": int(row["open_reports"]),
                    "chronic": int(row["id"]) in chronic,
                    # the day (a few distinct values: short as columns); hours in the panel
                    "last_flood": _esc(format_short_day(_wib_day(row["last_flood"]), lang)),
                },
            )
        )
    return _fc(features)


def _report_points(
    frame: pd.DataFrame, now: datetime, sla: ServiceLevel
) -> tuple[list[list[float]], bool]:
    """[lat, lon, depth class, count, late count, report id] per report, or per ~50 m
    cell (report id 0: a cell is no one report)."""
    if frame.empty:
        return [], False
    cls = vocab.depth_class_index(frame["depth_cm"].to_numpy())
    late = sla.late_mask(frame["status"], frame["created_at"], now).astype(int)
    if len(frame) <= AGGREGATE_ABOVE:
        lat = frame["lat"].round(5).to_numpy()
        lon = frame["lon"].round(5).to_numpy()
        ids = frame["id"].to_numpy()
        return [
            [float(a), float(o), int(c), 1, int(x), int(i)]
            for a, o, c, x, i in zip(lat, lon, cls, late, ids, strict=True)
        ], False
    cell = 0.0005  # ~55 m, the pocket radius scale
    grouped = (
        pd.DataFrame(
            {
                "lat": (frame["lat"] / cell).round() * cell,
                "lon": (frame["lon"] / cell).round() * cell,
                "cls": cls,
                "late": late,
            }
        )
        .groupby(["lat", "lon", "cls"])
        .agg(n=("late", "size"), late=("late", "sum"))
        .reset_index()
    )
    return [
        [round(float(a), 5), round(float(o), 5), int(c), int(n), int(x), 0]
        for a, o, c, n, x in grouped.itertuples(index=False)
    ], True
