"""Usulan musrenbang: proposals drafted from the flood and sweep record, ranked as the
forum ranks them, or, with ?id=N, one usulan with its evidence and PDF sheet."""

import streamlit as st

from pantau.kernel.clock import now_utc
from pantau.ui import live, usulanpage
from pantau.ui.context import data_version, tr
from pantau.ui.page import chrome

actor = chrome()
now = now_utc()
version = data_version()  # what this run draws; `live.watch` reruns when it moves on
chosen = st.query_params.get("id")
if chosen and chosen.isdigit():
    st.page_link("pages/usulan.py", label=tr("usulan_back"), icon=":material/arrow_back:")
    usulanpage.detail(actor, int(chosen), now)
else:
    usulanpage.overview(actor, now)
live.watch(version)
