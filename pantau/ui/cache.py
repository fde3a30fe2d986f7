"""Caches of derived data, keyed by the database path and its data version (every
write bumps it), so a change shows at once and nothing is rebuilt needlessly."""

from __future__ import annotations

from datetime import date, datetime

import streamlit as st

from pantau import brief as brief_files
from pantau.brief import sites_map_png
from pantau.filters import MapFilters
from pantau.mapdata import MapData, build_map_data
from pantau.meeting import Brief, build_brief, meeting_moment, sites_as_of
from pantau.sla import ServiceLevel
from pantau.ui.context import data_version, database, settings


@st.cache_data(max_entries=32, show_spinner=False)
def _map_data(db_path: str, version: int, filters: MapFilters, lang: str, now: datetime) -> MapData:
    s = settings()
    return build_map_data(
        database(), filters, now, lang, ServiceLevel(s.sla_response_hours, s.sla_followup_days)
    )


def map_data(filters: MapFilters, lang: str, now: datetime) -> MapData:
    """Map data for `filters`; `now` is rounded down to the minute for the cache key."""
    minute = now.replace(second=0, microsecond=0)
    return _map_data(str(settings().db_path), data_version(), filters, lang, minute)


@st.cache_data(max_entries=16, show_spinner=False)
def _brief(
    db_path: str, version: int, meeting: date, compare: date, now: datetime, lang: str
) -> Brief:
    return build_brief(database(), meeting, compare, now, lang)


def meeting_brief(meeting: date, compare: date, now: datetime, lang: str = "id") -> Brief:
    """The meeting brief in `lang`, cached by data version (and the minute, for 'as of now')."""
    minute = now.replace(second=0, microsecond=0)
    return _brief(str(settings().db_path), data_version(), meeting, compare, minute, lang)


@st.cache_data(max_entries=32, show_spinner=False)
def _map_png(db_path: str, version: int, day: date, now: datetime, lang: str) -> bytes:
    sites = sites_as_of(database(), meeting_moment(day, now))
    return sites_map_png(database(), sites, day, lang=lang)


def meeting_map(day: date, now: datetime, lang: str = "id") -> bytes:
    return _map_png(
        str(settings().db_path), data_version(), day, now.replace(second=0, microsecond=0), lang
    )


@st.cache_data(max_entries=8, show_spinner=False)
def _brief_files(
    db_path: str, version: int, meeting: date, compare: date, now: datetime, lang: str
) -> dict[str, bytes]:
    brief = build_brief(database(), meeting, compare, now, lang)
    return {
        "pdf": brief_files.pdf(database(), brief),
        "xlsx": brief_files.workbook(brief),
        "chart": brief_files.chart_png(brief),
    }


def meeting_files(
    meeting: date, compare: date, now: datetime, lang: str = "id"
) -> dict[str, bytes]:
    return _brief_files(
        str(settings().db_path),
        data_version(),
        meeting,
        compare,
        now.replace(second=0, microsecond=0),
        lang,
    )
