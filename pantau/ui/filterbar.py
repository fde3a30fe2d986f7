"""The sidebar filters of the map page, kept in the URL so a link reproduces the view."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import streamlit as st

from pantau import areas, vocab
from pantau.filters import MEASURES, MapFilters, from_query, to_query
from pantau.ui.context import lang, tr


def _seed_from_url(today: date) -> None:
    """On the first run of a session, put the URL's filters into the widgets."""
    if st.session_state.get("_filters_seeded"):
        return
    f = from_query(st.query_params.to_dict()).with_defaults(today)
    st.session_state["f_kec"] = f.kecamatan or ""
    st.session_state["f_kel"] = f.kelurahan or ""
    st.session_state["f_status"] = list(f.statuses)
    st.session_state["f_kategori"] = list(f.categories)
    st.session_state["f_level"] = list(f.owner_levels)
    st.session_state["f_dates"] = (f.date_from, f.date_to)
    st.session_state["f_arsir"] = f.measure
    st.session_state["_filters_seeded"] = True


def sidebar_filters(today: date) -> MapFilters:
    """Draw the filters; return what they say (dates left None when at the default)."""
    _seed_from_url(today)
    lg = lang()
    kecamatan = {k.kode: k.nama for k in areas.kecamatan_list()}
    with st.sidebar:
        st.subheader(tr("filters"))
        kec = st.selectbox(
            tr("filter_kecamatan"),
            ["", *kecamatan],
            key="f_kec",
            format_func=lambda c: kecamatan.get(c, tr("all")),
        )
        kels = {
            k.kode: k.nama for k in areas.kelurahan_list() if not kec or k.kecamatan_kode == kec
        }
        if st.session_state.get("f_kel") and st.session_state["f_kel"] not in kels:
            st.session_state["f_kel"] = ""
        kel = st.selectbox(
            tr("filter_kelurahan"),
            ["", *kels],
            key="f_kel",
            format_func=lambda c: kels.get(c, tr("all")),
        )
        statuses = st.multiselect(
            tr("filter_status"),
            vocab.codes("site_status"),
            key="f_status",
            format_func=lambda c: vocab.label("site_status", c, lg),
            placeholder=tr("all"),
        )
        categories = st.multiselect(
            tr("filter_category"),
            vocab.codes("site_category"),
            key="f_kategori",
            placeholder=tr("all"),
            format_func=lambda c: vocab.label("site_category", c, lg),
        )
        levels = st.multiselect(
            tr("filter_owner"),
            ["kelurahan", "kecamatan", "kota"],
            key="f_level",
            placeholder=tr("all"),
            format_func=lambda c: vocab.label("owner_level", c, lg),
        )
        dates = st.date_input(
            tr("filter_dates"), key="f_dates", format="DD/MM/YYYY", max_value=today
        )
        measure = st.radio(
            tr("filter_measure"),
            list(MEASURES),
            key="f_arsir",
            format_func=lambda c: tr(f"measure_{c}"),
        )
    chosen: Any = dates  # a (start, end) tuple once both ends are picked
    start, end = chosen if isinstance(chosen, tuple) and len(chosen) == 2 else (None, None)
    default_start = today - timedelta(days=365)
    return MapFilters(
        kecamatan=kec or (kel[:8] if kel else None),
        kelurahan=kel or None,
        statuses=tuple(statuses),
        categories=tuple(categories),
        owner_levels=tuple(levels),
        date_from=None if start in (None, default_start) else start,
        date_to=None if end in (None, today) else end,
        measure=str(measure),
    )


def focus_kelurahan(kode: str) -> None:
    """Narrow the filters to one kelurahan (used by the details panel)."""
    st.session_state["f_kec"] = kode[:8]
    st.session_state["f_kel"] = kode


def write_url(filters: MapFilters, selection: str | None) -> None:
    params = to_query(filters)
    if selection:
        params["pilih"] = selection
    if dict(st.query_params.to_dict()) != params:
        st.query_params.from_dict(params)
