"""What sits above the home map, kept short so the map fills the first screen: for a
lurah or camat a line of what they must do (with the way to do it), then the
title, the period and one strip of headline numbers."""

from __future__ import annotations

import streamlit as st

from pantau.access.permissions import Actor, home_area
from pantau.kernel.vocab import SITE_STATUSES
from pantau.map.data import MapData
from pantau.map.filters import MapFilters
from pantau.ui.context import tr
from pantau.ui.session import area_label


def todo(actor: Actor, filters: MapFilters, data: MapData) -> None:
    """The lurah's (camat's) work in their area in one line, linked to *Tugas saya*;
    only while the map shows exactly their area with every site (other filters would
    make the figures something else)."""
    home = home_area(actor)  # a lurah's kelurahan, a camat's kecamatan
    if home is None:
        return
    own = (
        filters.kelurahan == home.kelurahan_kode
        if home.kelurahan_kode
        else filters.kelurahan is None and filters.area == home.kecamatan_kode
    )
    if not own or filters.statuses or filters.categories or filters.owner_levels:
        return
    head = data.headline
    where = area_label(actor.kecamatan_kode, actor.kelurahan_kode)
    if not (head["overdue"] or head["due_sweep"] or head["open_reports"]):
        st.success(tr("todo_none", area=where), icon=":material/task_alt:")
        return
    with st.container(key="pw-todo", border=True):
        st.markdown(
            tr(
                "todo_line",
                area=where,
                overdue=head["overdue"],
                sweep=head["due_sweep"],
                reports=head["open_reports"],
            )
        )
        st.page_link("pages/tugas.py", label=tr("todo_open"), icon=":material/checklist:")


def numbers(data: MapData, lang: str) -> None:
    """The headline figures as one wrapped line (see `pw-numbers` in `ui/page.py`)."""
    head = data.headline
    items = [
        (tr("head_sites"), head["sites"]),
        *[(term.label(lang), head[f"status_{term.code}"]) for term in SITE_STATUSES],
        (tr("head_open_reports"), head["open_reports"]),
        (tr("head_overdue"), head["overdue"]),
        (tr("head_due_sweep"), head["due_sweep"]),
    ]
    with st.container(key="pw-numbers"):
        for col, (text, value) in zip(st.columns(len(items)), items, strict=True):
            col.metric(text, value)
