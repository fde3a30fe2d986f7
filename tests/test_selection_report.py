"""A click on a report marker picks the report (not the pocket around it), and each
picked kind has its own page."""

from __future__ import annotations

from pantau.map.selection import Selection, from_map_click, from_query, record_page


def test_a_report_marker_click_picks_the_report() -> None:
    click = {"last_active_drawing": {"type": "Feature", "properties": {"kind": "report", "id": 7}}}
    assert from_map_click(click) == Selection("report", 7)
    assert from_query("report-7") == Selection("report", 7)


def test_a_marker_without_properties_picks_nothing() -> None:
    assert from_map_click({"last_active_drawing": {"type": "Feature", "properties": {}}}) is None


def test_each_kind_opens_its_own_page() -> None:
    assert record_page(Selection("site", 3)) == ("pages/lokasi.py", {"id": "3"})
    assert record_page(Selection("report", 7)) == ("pages/genangan.py", {"id": "7"})
    assert record_page(Selection("pocket", 2)) == ("pages/titik.py", {"id": "2"})
