"""Caches of derived data, keyed by the database path and its data version (every
write bumps it), so a change shows at once and nothing is rebuilt needlessly."""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from pantau.filters import MapFilters
from pantau.mapdata import MapData, build_map_data
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
