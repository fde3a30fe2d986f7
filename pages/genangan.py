"""Genangan reports: the list (filters, service levels, exports, SDA queue, import)
or, with ?id=N, one report's page."""

import streamlit as st

from pantau.clock import now_utc
from pantau.permissions import allowed
from pantau.queue import sda_queue
from pantau.report_list import report_rows
from pantau.timefmt import wib_today
from pantau.ui import reportlist, reportpage
from pantau.ui.context import database, tr
from pantau.ui.page import chrome

actor = chrome()
now = now_utc()
chosen = st.query_params.get("id")
if chosen and chosen.isdigit():
    st.page_link("pages/genangan.py", label=tr("rlist_back"), icon=":material/arrow_back:")
    reportpage.show(actor, int(chosen), now)
    st.stop()

st.title(tr("rlist_heading"))
sla = reportpage.service_level()
query = reportlist.filters(wib_today(now))
frame = report_rows(database(), actor, query, now, sla)
st.caption(
    tr(
        "rlist_caption",
        n=len(frame),
        late=int(frame["late"].sum()),
        ping=int(frame["ping_pong"].sum()),
    )
)
if actor.role in ("sda", "admin"):
    queue = sda_queue(database(), actor, now, sla)
    with st.expander(tr("sda_queue", n=len(queue)), expanded=actor.role == "sda"):
        reportlist.table(queue, "sda_queue")
reportlist.table(frame, "reports")
reportlist.exports(frame, actor, wib_today(now))
if allowed(actor, "import_data"):
    reportlist.import_tool(actor, now)
