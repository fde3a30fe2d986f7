"""Genangan reports: the list (filters, service levels, exports, SDA queue, import)
or, with ?id=N, one report's page."""

import streamlit as st

from pantau.access.permissions import allowed
from pantau.city.timefmt import wib_today
from pantau.kernel.clock import now_utc
from pantau.ui import live, reportlist, reportpage
from pantau.ui.context import data_version, tr
from pantau.ui.page import chrome

actor = chrome()
now = now_utc()
chosen = st.query_params.get("id")
if chosen and chosen.isdigit():
    st.page_link("pages/genangan.py", label=tr("rlist_back"), icon=":material/arrow_back:")
    reportpage.show(actor, int(chosen), now)
    st.stop()

st.title(tr("rlist_heading"))
version = data_version()  # what this run draws; `live.watch` reruns when it moves on
query = reportlist.filters(wib_today(now))
reportlist.listing(actor, query, now, reportpage.service_level())
if allowed(actor, "import_data"):
    reportlist.import_tool(actor, now)
live.watch(version)
