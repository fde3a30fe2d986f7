from __future__ import annotations

import pytest

from pantau.map.selection import Selection, from_map_click, from_query


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("site-12", Selection("site", 12)),
        ("pocket-3", Selection("pocket", 3)),
        ("site-", None),
        ("user-1", None),
        ("site-1x", None),
        ("", None),
        (None, None),
    ],
)
def test_from_query(raw, expected) -> None:
    assert from_query(raw) == expected


def test_click_on_a_site_marker() -> None:
    result = {
        "last_active_drawing": {
            "type": "Feature",
            "properties": {"kind": "site", "id": 7},
            "geometry": {"type": "Point", "coordinates": [1, 2]},
        }
    }
    assert from_map_click(result) == Selection("site", 7)


@pytest.mark.parametrize(
    "result",
    [
        None,
        {},
        {"last_active_drawing": None},
        {"last_active_drawing": {"properties": {"kind": "kelurahan", "kode": "31.72.01.1001"}}},
        {"last_active_drawing": {"properties": {"kind": "site", "id": True}}},
        {"last_active_drawing": {"geometry": {}}},
    ],
)
def test_other_clicks_select_nothing(result) -> None:
    assert from_map_click(result) is None


def test_selection_round_trips_through_the_url() -> None:
    assert from_query(Selection("pocket", 44).to_query()) == Selection("pocket", 44)
