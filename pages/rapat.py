"""Rapat mingguan: what changed, what is late, who is behind; presentation mode for
the shared screen; the brief as PDF, XLSX, PNG and WhatsApp text."""

import streamlit as st

from pantau.city.timefmt import wib_today
from pantau.kernel.clock import now_utc
from pantau.ui import live, meetingpage
from pantau.ui.cache import meeting_brief
from pantau.ui.context import data_version, lang, tr
from pantau.ui.page import chrome

actor = chrome()
now = now_utc()
meeting, compare, present = meetingpage.controls(wib_today(now))
if compare >= meeting:
    st.error(tr("meeting_bad_dates"))
    st.stop()
version = data_version()  # what this run draws; `live.watch` reruns when it moves on
with st.spinner(tr("meeting_building")):
    brief = meeting_brief(meeting, compare, now, lang())
meetingpage.show(brief, now, present)
live.watch(version)
