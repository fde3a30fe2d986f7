"""Perlu disisir: tidied sites in my area due for a sweep, each a few taps away."""

import streamlit as st

from pantau.access.permissions import Area, allowed
from pantau.kernel.clock import now_utc
from pantau.sites.listing import flagged_sites
from pantau.ui import kept
from pantau.ui.actions import flash_here
from pantau.ui.context import database, tr
from pantau.ui.page import chrome
from pantau.ui.sitepage import sweep_form
from pantau.ui.text import plain

actor = chrome()
now = now_utc()
st.title(tr("sweep_heading"))
sites = flagged_sites(database(), now, statuses=("tertata",))
mine = sites[
    [
        allowed(actor, "sweep_site", Area(kec, kel))
        for kec, kel in zip(sites["kecamatan_kode"], sites["kelurahan_kode"], strict=True)
    ]
]
due = mine[mine["due_sweep"]]
st.caption(tr("sweep_caption", due=len(due), total=len(mine)))
# A swept site leaves this list: its confirmation stands at the head of the list.
flash_here("sisir_due")
if mine.empty:
    st.info(tr("sweep_none_in_area"))
    st.stop()
for record in due.to_dict("records"):
    with st.container(border=True):
        st.markdown(f"**{plain(record['name'])}**  \n{plain(record['code'])} · "
                    f"{plain(record['kelurahan'])}")  # fmt: skip
        sweep_form(actor, record, now, key=f"due_{record['id']}", flash_at="sisir_due")
others = mine[~mine["due_sweep"]]
if not others.empty:
    st.subheader(tr("sweep_other"))
    names = {int(r["id"]): f"{r['code']} · {r['name']}" for r in others.to_dict("records")}
    pick = st.selectbox(tr("sweep_pick"), ["", *names], key=kept.labelled("sweep_pick"),
                        format_func=lambda i: names[i] if i else "–")  # fmt: skip
    if pick:
        record = next(r for r in others.to_dict("records") if int(r["id"]) == pick)
        sweep_form(actor, record, now, key=f"other_{pick}")
