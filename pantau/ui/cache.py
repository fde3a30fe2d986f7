"""Caches of derived data, keyed by the database path and its data version (every
write bumps it), so a change shows at once and nothing is rebuilt needlessly."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import folium
import streamlit as st

from pantau.floods.sla import ServiceLevel
from pantau.map.data import MapData, build_map_data
from pantau.map.filters import MapFilters
from pantau.meeting import brief as brief_files
from pantau.meeting.brief import sites_map_png
from pantau.meeting.review import Brief, build_brief, meeting_moment, sites_as_of
from pantau.ui.context import data_version, database, settings
from pantau.ui.mapbuilder import build_map

# The map's figures are "as of" the start of a quarter hour: every write changes the
# data version (and the map at once); without a write, late and overdue flags move
# on at most every 15 minutes, so the map is not rebuilt by the clock on every visit.
MAP_SLOT_MINUTES = 15


def map_moment(now: datetime) -> datetime:
    """The moment the map shows for `now`: the quarter hour it falls in."""
    return now.replace(minute=now.minute - now.minute % MAP_SLOT_MINUTES, second=0, microsecond=0)


@st.cache_data(max_entries=32, show_spinner=False)
def _map_data(db_path: str, version: int, filters: MapFilters, lang: str, now: datetime) -> MapData:
    s = settings()
    return build_map_data(
        database(), filters, now, lang, ServiceLevel(s.sla_response_hours, s.sla_followup_days)
    )


def map_data(filters: MapFilters, lang: str, now: datetime) -> MapData:
    """Map data for `filters` as of `map_moment(now)`."""
    return _map_data(str(settings().db_path), data_version(), filters, lang, map_moment(now))


def map_document(
    filters: MapFilters, lang: str, now: datetime, tiles: str, measure_label: str
) -> folium.Map:
    """The map for `filters` from the cached data (see `map_data`). Built for each
    run: st_folium renames the elements of the figure it draws, so a figure cannot be
    shared between sessions; the build is cheap next to the data (packed arrays)."""
    return build_map(map_data(filters, lang, now), lang, tiles, measure_label)


def _moment_key(day: date, now: datetime) -> datetime:
    """What a meeting figure for `day` depends on besides the data: the end of the day
    once it is over; while it lasts, the current hour.

    Every write changes the data version, so with the same version the figures as of
    `now` are those as of when they were built, except for windows that slide with
    the clock (the 12 months of flood days, the period before the comparison date):
    reusing them within the hour moves those by less than an hour. The minute, which
    keyed them before, rebuilt the brief, its map and its files every minute."""
    at = meeting_moment(day, now)
    return at if at < now else now.replace(minute=0, second=0, microsecond=0)


def _brief_key(
    meeting: date, compare: date, now: datetime, lang: str
) -> tuple[str, int, date, date, datetime, str, datetime]:
    """The arguments of `_brief` (and `_brief_files`) for a brief as of `now`."""
    return (
        str(settings().db_path),
        data_version(),
        meeting,
        compare,
        _moment_key(meeting, now),
        lang,
        now,
    )


@st.cache_data(max_entries=16, show_spinner=False)
def _brief(
    db_path: str,
    version: int,
    meeting: date,
    compare: date,
    moment: datetime,
    lang: str,
    _now: datetime,  # not part of the key (see _moment_key)
) -> Brief:
    return build_brief(database(), meeting, compare, _now, lang)


def meeting_brief(meeting: date, compare: date, now: datetime, lang: str = "id") -> Brief:
    """The meeting brief in `lang` as of `now`, cached by data version (and, while the
    meeting day lasts, the hour: see `_moment_key`)."""
    return _brief(*_brief_key(meeting, compare, now, lang))


@st.cache_data(max_entries=32, show_spinner=False)
def _map_png(
    db_path: str, version: int, day: date, moment: datetime, lang: str, _now: datetime
) -> bytes:
    sites = sites_as_of(database(), meeting_moment(day, _now))
    return sites_map_png(database(), sites, day, lang=lang)


def meeting_map(day: date, now: datetime, lang: str = "id") -> bytes:
    """The map of sites as of `day`, cached like `meeting_brief`."""
    return _map_png(str(settings().db_path), data_version(), day, _moment_key(day, now), lang, now)


@st.cache_data(max_entries=8, show_spinner=False)
def _brief_files(
    db_path: str,
    version: int,
    meeting: date,
    compare: date,
    moment: datetime,
    lang: str,
    _now: datetime,
) -> dict[str, bytes]:
    brief = _brief(db_path, version, meeting, compare, moment, lang, _now)
    return {
        "pdf": brief_files.pdf(database(), brief),
        "xlsx": brief_files.workbook(brief),
        "chart": brief_files.chart_png(brief),
    }


def meeting_files(
    meeting: date, compare: date, now: datetime, lang: str = "id"
) -> dict[str, Callable[[], bytes]]:
    """The brief as PDF, XLSX and chart PNG, each built when its download button is
    pressed (Streamlit calls it on its own thread), from the same cached brief as the
    page, and cached like it."""
    key = _brief_key(meeting, compare, now, lang)

    def build(kind: str) -> Callable[[], bytes]:
        return lambda: _brief_files(*key)[kind]

    return {kind: build(kind) for kind in ("pdf", "xlsx", "chart")}
