"""Tugas saya: what waits for my action, most urgent first."""

import streamlit as st

from pantau.clock import now_utc
from pantau.queue import my_queue
from pantau.timefmt import format_day
from pantau.ui import reportpage
from pantau.ui.context import database, lang, tr
from pantau.ui.page import chrome
from pantau.ui.text import plain

actor = chrome()
now = now_utc()
lg = lang()
st.title(tr("queue_heading"))
items = my_queue(database(), actor, now, reportpage.service_level())
kinds = ("directive", "report_late", "overdue", "sweep", "handover", "report_handover")
counts = {k: sum(1 for i in items if i.kind == k) for k in kinds}
cols = st.columns(len(kinds))
for col, (kind, n) in zip(cols, counts.items(), strict=True):
    col.metric(tr(f"queue_{kind}"), n)
if not items:
    st.success(tr("queue_empty"), icon=":material/task_alt:")
for item in items:
    late = tr("queue_days_late", n=item.days_late) if item.days_late else ""
    due = f"{tr('due')}: {format_day(item.due, lg)}" if item.due else ""
    with st.container(border=True):
        st.markdown(
            f"**{tr('queue_' + item.kind)}** · {plain(item.code)} — {plain(item.name)}"
            f"  \n{plain(item.kelurahan)} · {plain(item.detail)}"
        )
        st.caption(" · ".join(x for x in (due, late) if x))
        target = "pages/genangan.py" if item.record_type == "report" else "pages/lokasi.py"
        st.page_link(
            target,
            label=tr("list_open"),
            icon=":material/open_in_new:",
            query_params={"id": str(item.record_id)},
        )
