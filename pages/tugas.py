"""Tugas saya: what waits for my action, most urgent first."""

import streamlit as st

from pantau.city.timefmt import format_short_day
from pantau.dashboard.queue import QueuePage, describe, queue_page
from pantau.kernel.clock import now_utc
from pantau.ui import live, reportpage
from pantau.ui.context import data_version, database, lang, tr, trn
from pantau.ui.listnav import paged
from pantau.ui.page import chrome
from pantau.ui.text import plain

actor = chrome()
now = now_utc()
lg = lang()
st.title(tr("queue_heading"))
version = data_version()  # what this run draws; `live.watch` reruns when it moves on
sla = reportpage.service_level()


def fetch(offset: int, limit: int) -> tuple[QueuePage, int]:
    got = queue_page(database(), actor, now, sla, offset=offset, limit=limit)
    return got, got.total


# A bounded page of items, most urgent first; the counters count the whole queue.
page, shown = paged("queue", fetch, 50)
counts = page.counts
if counts:
    # Only the counters that are not zero, side by side, so the list starts on the
    # first screen of a phone.
    with st.container(horizontal=True, gap="small"):
        for kind, n in counts.items():
            st.metric(tr(f"queue_n_{kind}"), n, width="content")
else:
    st.success(tr("queue_empty"), icon=":material/task_alt:")
for item in page.items:
    if item.days_late:
        late = trn("queue_days_late", item.days_late)
    elif item.late:
        late = tr("queue_late_hours")
    else:
        late = ""
    due = f"{tr('due')}: {format_short_day(item.due, lg)}" if item.due else ""
    flag = f" :red-badge[{tr('queue_late_flag')}]" if item.late else ""
    with st.container(border=True):
        st.markdown(
            f"**{tr('queue_' + item.kind)}**{flag} · {plain(item.code)} — {plain(item.name)}"
            f"  \n{plain(item.kelurahan)} · {plain(describe(item, lg))}"
        )
        st.caption(" · ".join(x for x in (due, late) if x))
        target = "pages/genangan.py" if item.record_type == "report" else "pages/lokasi.py"
        st.page_link(
            target,
            label=tr("list_open"),
            icon=":material/open_in_new:",
            query_params={"id": str(item.record_id)},
        )
shown.controls("list_items")
live.watch(version)
