"""Titik genangan: the chronic-pocket ranking or, with ?id=N, one pocket."""

import streamlit as st

from pantau.kernel.clock import now_utc
from pantau.ui import live, pocketpage
from pantau.ui.context import data_version, tr
from pantau.ui.page import chrome

actor = chrome()
now = now_utc()
chosen = st.query_params.get("id")
if chosen and chosen.isdigit():
    st.page_link("pages/titik.py", label=tr("pocket_back"), icon=":material/arrow_back:")
    pocketpage.show(actor, int(chosen), now)
    st.stop()
st.title(tr("pocket_heading"))
version = data_version()  # what this run draws; `live.watch` reruns when it moves on
pocketpage.ranking(now)
live.watch(version)
