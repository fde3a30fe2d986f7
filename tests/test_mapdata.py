from __future__ import annotations

import re

import pytest

from pantau.map import data as mapdata
from pantau.map.data import build_map_data
from pantau.map.filters import MapFilters
from pantau.store import Database
from pantau.ui.mapbuilder import build_map, map_html, zoom_for
from tests.conftest import NOW

pytestmark = pytest.mark.both_engines

XSS = "<img src=x onerror=alert(1)>\"'</script>"


def _site_ids(data: mapdata.MapData) -> set[int]:
    return {f["properties"]["id"] for f in data.sites["features"]}


def test_all_sites_pockets_and_kelurahan(sample_copy: Database) -> None:
    data = build_map_data(sample_copy, MapFilters(), NOW, "id")
    assert len(data.sites["features"]) == 46
    assert len(data.boundaries["features"]) == 31
    assert data.report_count == sum(r[3] for r in data.reports)
    assert data.headline["sites"] == 46
    assert sum(data.status_counts.values()) == 46
    assert data.headline["ping_pong"] == 3


def test_kecamatan_filter_keeps_only_its_sites_and_kelurahan(sample_copy: Database) -> None:
    data = build_map_data(sample_copy, MapFilters(kecamatan="31.72.05"), NOW, "id")
    expected = sample_copy.read().records.read("sites", ["id", "kecamatan_kode"])
    expected_ids = set(expected.loc[expected["kecamatan_kode"] == "31.72.05", "id"])
    assert _site_ids(data) == expected_ids
    assert {f["properties"]["kode"][:8] for f in data.boundaries["features"]} == {"31.72.05"}
    assert len(data.boundaries["features"]) == 3


def test_status_and_owner_filters(sample_copy: Database) -> None:
    data = build_map_data(
        sample_copy, MapFilters(statuses=("tertata",), owner_levels=("kota",)), NOW, "id"
    )
    props = [f["properties"] for f in data.sites["features"]]
    assert props and all(p["status"] == "tertata" for p in props)


def test_user_text_is_escaped_in_data_and_map(sample_copy: Database) -> None:
    sample_copy.read().records.update("sites", 1, {"name": XSS, "owner_unit": XSS})
    data = build_map_data(sample_copy, MapFilters(), NOW, "id")
    html = map_html(build_map(data, "id", "none", "x"))
    assert "<img src=x" not in html
    assert '</script>"' not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_many_reports_are_aggregated_with_true_counts(
    sample_copy: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    full = build_map_data(sample_copy, MapFilters(), NOW, "id")
    monkeypatch.setattr(mapdata, "AGGREGATE_ABOVE", 50)
    merged = build_map_data(sample_copy, MapFilters(), NOW, "id")
    assert merged.reports_aggregated and not full.reports_aggregated
    assert len(merged.reports) < len(full.reports)
    assert sum(r[3] for r in merged.reports) == full.report_count


def test_map_needs_nothing_from_the_internet(sample_copy: Database) -> None:
    html = map_html(
        build_map(build_map_data(sample_copy, MapFilters(), NOW, "id"), "id", "none", "")
    )
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets and all(a.startswith("/app/static/") or a.startswith("?") for a in assets)
    assert not re.search(r"https?://", html)


def test_osm_tiles_are_the_only_external_url(sample_copy: Database) -> None:
    html = map_html(
        build_map(build_map_data(sample_copy, MapFilters(), NOW, "id"), "en", "osm", "")
    )
    assert set(re.findall(r"https?://[^\"'\s]+", html)) == {
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    }


def test_sample_map_payload_is_small(sample_copy: Database) -> None:
    data = build_map_data(sample_copy, MapFilters(), NOW, "id")
    # outlines as encoded polylines, points as columns: was 300 KB with GeoJSON
    assert len(map_html(build_map(data, "id", "none", "")).encode()) < 110_000


def test_zoom_for_city_and_kelurahan() -> None:
    assert zoom_for([[-6.18, 106.70], [-6.07, 106.97]]) == 12
    assert zoom_for([[-6.13, 106.77], [-6.10, 106.80]]) >= 14


def test_every_kelurahan_label_lies_inside_its_polygon(sample_copy: Database) -> None:
    from shapely.geometry import Point

    from pantau.geo.locations import current_boundaries

    data = build_map_data(sample_copy, MapFilters(), NOW, "id")
    gdf = current_boundaries(sample_copy)
    polygons = dict(zip(gdf["nama"], gdf.geometry, strict=True))
    assert len(data.labels) == 31
    assert sorted(rank for *_, rank in data.labels) == list(range(31))
    for lat, lon, nama, _rank in data.labels:
        assert polygons[nama].contains(Point(lon, lat)), nama


def test_the_base_layer_names_every_kecamatan(sample_copy: Database) -> None:
    data = build_map_data(sample_copy, MapFilters(kelurahan="31.72.01.1005"), NOW, "id")
    names = {f["properties"]["nama"] for f in data.kecamatan["features"]}
    assert names == {
        "Penjaringan",
        "Pademangan",
        "Tanjung Priok",
        "Koja",
        "Kelapa Gading",
        "Cilincing",
    }
    assert len(data.boundaries["features"]) == 1  # the kelurahan shown: Pluit only


def test_reports_past_their_service_level_are_marked(sample_copy: Database) -> None:
    from datetime import timedelta

    from pantau.floods.sla import ServiceLevel

    data = build_map_data(sample_copy, MapFilters(), NOW, "id", ServiceLevel(24, 7))
    late = sum(r[4] for r in data.reports)
    expected = 0
    for r in sample_copy.read().records.rows("reports"):
        age = NOW - r["created_at"]
        if r["observed_at"] < NOW - timedelta(days=366):
            continue  # outside the default 12-month map period
        if (r["status"] == "dilaporkan" and age > timedelta(hours=24)) or (
            r["status"] in ("dilaporkan", "diverifikasi", "ditangani") and age > timedelta(days=7)
        ):
            expected += 1
    assert late == expected > 0
    stricter = build_map_data(sample_copy, MapFilters(), NOW, "id", ServiceLevel(1, 1))
    assert sum(r[4] for r in stricter.reports) >= late


def test_tasks_at_pockets_and_sites_are_a_layer(sample_copy: Database) -> None:
    data = build_map_data(sample_copy, MapFilters(), NOW, "id")
    features = data.tasks["features"]
    assert features, "the sample has tasks at pockets and sites around now"
    assert {"title", "when", "status", "overdue"} <= set(features[0]["properties"])
    html_text = map_html(build_map(data, "id", "none"))
    assert "pw-task" in html_text


def test_chronic_on_the_map_is_the_pocket_pages_chronic_whatever_the_period(
    sample_copy: Database,
) -> None:
    from datetime import timedelta

    from pantau.city.timefmt import wib_today
    from pantau.floods.listing import chronic_ranking

    chronic = set(chronic_ranking(sample_copy, NOW).query("chronic")["id"].astype(int))
    assert chronic, "the sample has chronic pockets"
    today = wib_today(NOW)
    for start in (today - timedelta(days=30), today - timedelta(days=365)):
        data = build_map_data(sample_copy, MapFilters(date_from=start, date_to=today), NOW, "id")
        shown = {
            f["properties"]["id"]: f["properties"]["chronic"] for f in data.pockets["features"]
        }
        assert shown, "pockets flooded in the period"
        assert {i for i, c in shown.items() if c} == chronic & set(shown)


@pytest.mark.parametrize(("lang", "words"), [("id", "12 bulan terakhir"), ("en", "last 12 months")])
def test_the_map_legend_says_which_window_makes_a_pocket_chronic(
    sample_copy: Database, lang: str, words: str
) -> None:
    html = map_html(
        build_map(build_map_data(sample_copy, MapFilters(), NOW, lang), lang, "none", "")
    )
    assert words in html
