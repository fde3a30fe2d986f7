"""Home: the map of penataan sites and genangan, with filters, headline numbers and
the details of what was clicked."""

from datetime import timedelta

import streamlit as st
from streamlit_folium import st_folium

from pantau.city.timefmt import day_start_utc, format_day, format_wib, wib_today
from pantau.kernel.clock import now_utc
from pantau.map import selection as picks
from pantau.ui import detailpanel, live, maphead
from pantau.ui.cache import map_data, map_document, map_moment
from pantau.ui.context import data_version, lang, map_assets_ready, settings, tr
from pantau.ui.filterbar import sidebar_filters, write_url
from pantau.ui.page import chrome

actor = chrome()
map_assets_ready()
now = now_utc()
today = wib_today(now)
lg = lang()
filters = sidebar_filters(today, actor)
full = filters.with_defaults(today)
start, end = filters.period(today)
version = data_version()  # what this run draws; `live.watch` reruns when it moves on
data = map_data(filters, lg, now)

maphead.todo(actor, filters, data)  # a lurah starts with what they must do
with st.container(key="pw-maphead"):
    st.title(tr("map_heading"))
st.caption(
    tr(
        "map_caption",
        sites=data.headline["sites"],
        reports=data.report_count,
        start=format_day(start, lg),
        end=format_day(end, lg),
        asof=format_wib(map_moment(now), lg),
    )
)
maphead.numbers(data, lg)

map_col, detail_col = st.columns([2.8, 1], gap="medium")
with map_col, st.container(key="pw-map"):  # as tall as the screen allows (ui/page.CSS)
    result = st_folium(
        map_document(
            filters,
            lg,
            now,
            settings().tiles,
            tr(f"measure_{full.measure}") if full.measure != "none" else "",
        ),
        height=600,
        use_container_width=True,
        key="peta",
        returned_objects=["last_active_drawing"],
    )
    if data.reports_aggregated:
        st.caption(tr("map_aggregated", n=data.report_count))
clicked = picks.from_map_click(result)
chosen = clicked or picks.from_query(st.query_params.get("pilih"))
with detail_col:
    live.watch(version)
    detailpanel.show(
        actor, chosen, now, day_start_utc(start), day_start_utc(end + timedelta(days=1))
    )
write_url(filters, chosen.to_query() if chosen else None)
