"""What the user picked on the map: a site, a flood report or a pocket, from a map
click or from the URL (`?pilih=site-12`, `?pilih=report-7`), kept as plain data so
it is testable without a browser."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

KINDS = ("site", "report", "pocket")


@dataclass(frozen=True)
class Selection:
    kind: str
    id: int

    def to_query(self) -> str:
        return f"{self.kind}-{self.id}"


def from_query(value: str | None) -> Selection | None:
    """`site-12` → Selection("site", 12); anything malformed → None."""
    if not value or "-" not in value:
        return None
    kind, _, raw = value.partition("-")
    if kind not in KINDS or not raw.isdigit():
        return None
    return Selection(kind, int(raw))


def from_map_click(result: Mapping[str, Any] | None) -> Selection | None:
    """The feature clicked last, from st_folium's return value (`last_active_drawing`
    holds the clicked layer's GeoJSON, properties included). A report marker
    carries `kind: "report"`, so a click on a report inside a pocket picks the
    report, not the pocket around it."""
    if not result:
        return None
    drawing = result.get("last_active_drawing")
    if not isinstance(drawing, Mapping):
        return None
    props = drawing.get("properties")
    if not isinstance(props, Mapping):
        return None
    kind, raw = props.get("kind"), props.get("id")
    if kind not in KINDS or not isinstance(raw, (int, float)) or isinstance(raw, bool):
        return None
    return Selection(str(kind), int(raw))


# The page where each kind of record is worked on (its status changed).
RECORD_PAGES = {
    "site": "pages/lokasi.py",
    "report": "pages/genangan.py",
    "pocket": "pages/titik.py",
}


def record_page(selection: Selection) -> tuple[str, dict[str, str]]:
    """The record's own page and its query, e.g. ("pages/lokasi.py", {"id": "12"})."""
    return RECORD_PAGES[selection.kind], {"id": str(selection.id)}
