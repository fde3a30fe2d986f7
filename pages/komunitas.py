"""Warga: community tasks (list, week, planning, share text), suggestions for chronic
pockets, groups, and how involved each kelurahan is."""

import streamlit as st

from pantau.kernel.clock import now_utc
from pantau.ui import community
from pantau.ui.context import tr
from pantau.ui.page import chrome

actor = chrome()
now = now_utc()
st.title(tr("community_heading"))
kelurahan = community.area_picker()
week, tasks, plan, suggest, groups, involve = st.tabs(
    [
        tr("tab_week"),
        tr("tab_tasks"),
        tr("tab_plan"),
        tr("tab_suggest"),
        tr("tab_groups"),
        tr("tab_involve"),
    ]
)
with week:
    community.week_view(now, kelurahan)
with tasks:
    community.task_list(actor, now, kelurahan)
with plan:
    community.plan_form(actor, now, kelurahan)
with suggest:
    community.suggestion_list(actor, now, kelurahan)
with groups:
    community.group_list(actor, now, kelurahan)
with involve:
    community.involvement(now)
