"""Siaga: warnings before the water — the pockets at risk per kelurahan, the watch
planned in one action with its WhatsApp text, and what happened after the window."""

import streamlit as st

from pantau.kernel.clock import now_utc
from pantau.ui import live, siagaform, siagapage
from pantau.ui.context import data_version, tr
from pantau.ui.page import chrome

actor = chrome()
now = now_utc()
st.title(tr("siaga_heading"))
st.caption(tr("siaga_intro"))
version = data_version()  # what this run draws; `live.watch` reruns when it moves on
siagaform.entry(actor, now)
warning = siagapage.choose(now, st.query_params.get("id"))
if warning is not None:
    siagapage.header(warning)
    siagaform.manage(actor, warning, now)
    siagapage.at_risk(actor, warning, now)
    siagapage.after(warning, now)
live.watch(version)
