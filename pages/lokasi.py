"""Penataan sites: the filterable list (exports, bulk changes, import) or, with
?id=N, one site's page."""

import streamlit as st

from pantau.access.permissions import allowed
from pantau.city.timefmt import wib_today
from pantau.kernel.clock import now_utc
from pantau.sites.listing import site_rows
from pantau.ui import live, sitelist, sitepage
from pantau.ui.context import data_version, database, tr
from pantau.ui.page import chrome

actor = chrome()
now = now_utc()
chosen = st.query_params.get("id")
if chosen and chosen.isdigit():
    st.page_link("pages/lokasi.py", label=tr("list_back"), icon=":material/arrow_back:")
    sitepage.show(actor, int(chosen), now)
    st.stop()

st.title(tr("list_heading"))
version = data_version()  # what this run draws; `live.watch` reruns when it moves on
query = sitelist.filters(actor)
frame = site_rows(database(), query, now)
sitelist.area_notice(actor, query)
st.caption(tr("list_caption", n=len(frame), overdue=int(frame["overdue"].sum()),
              due=int(frame["due_sweep"].sum()), ping=int(frame["ping_pong"].sum())))  # fmt: skip
sitelist.table(frame)
sitelist.exports(frame, wib_today(now))
sitelist.bulk_editor(actor, frame, now)  # only the rows this user may edit
if allowed(actor, "import_data"):
    sitelist.admin_tools(actor, now)
live.watch(version, busy=sitelist.editing())
