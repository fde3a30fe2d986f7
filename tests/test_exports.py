"""The GeoJSON people download, for sites and reports alike (one writer): a point per
row at its coordinates, dates as ISO 8601, missing values as null, personal data only
when the reader may see it in every row."""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest

from pantau.access.auth import authenticate
from pantau.files.exports import points_geojson
from pantau.floods import listing as report_list
from pantau.floods.sla import ServiceLevel
from pantau.sites import listing as site_list
from pantau.store import Database
from tests.conftest import NOW

pytestmark = pytest.mark.both_engines


def test_points_geojson_writes_every_row_as_a_point() -> None:
    frame = pd.DataFrame(
        {
            "lon": [106.8, 106.9],
            "lat": [-6.1, -6.2],
            "name": ["Pluit", None],
            "depth": [40.0, math.nan],
            "at": [pd.Timestamp("2026-11-24 03:00"), pd.NaT],
            "tags": [["a"], ["b", "c"]],
        }
    )
    fc = json.loads(points_geojson(frame))
    assert [f["geometry"]["coordinates"] for f in fc["features"]] == [[106.8, -6.1], [106.9, -6.2]]
    first, second = (f["properties"] for f in fc["features"])
    assert first == {"name": "Pluit", "depth": 40.0, "at": "2026-11-24T03:00:00", "tags": ["a"]}
    assert second == {"name": None, "depth": None, "at": None, "tags": ["b", "c"]}


def test_site_and_report_files_share_the_writer(sample_copy: Database) -> None:
    sites = site_list.site_rows(sample_copy, site_list.SiteQuery(), NOW)
    fc = json.loads(site_list.to_geojson(sites))
    assert len(fc["features"]) == len(sites) > 0
    assert {"code", "status_label"} <= set(fc["features"][0]["properties"])
    guest = authenticate(sample_copy, "tamu", "demo-tamu", NOW)
    reports = report_list.report_rows(
        sample_copy, guest, report_list.ReportQuery(), NOW, ServiceLevel()
    )
    fc = json.loads(report_list.to_geojson(reports, guest))
    assert len(fc["features"]) == len(reports) > 0
    assert "reporter_phone" not in fc["features"][0]["properties"]  # not the guest's to read
    assert fc["features"][0]["properties"]["observed_at"].startswith("20")
