"""The sidebar filters of the map page, kept in the URL so a link reproduces the view."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import streamlit as st

from pantau.access.permissions import Actor
from pantau.city import areas
from pantau.city.seam import current
from pantau.kernel import vocab
from pantau.map.filters import (
    MEASURES,
    MapFilters,
    clean,
    filter_params,
    kota_codes,
    opening,
    to_query,
)
from pantau.ui import kept
from pantau.ui.context import lang, tr

WRITTEN = "_filters_url"  # the filter parameters this session last wrote to the URL


def _seed(today: date, actor: Actor | None) -> None:
    """Put the opening filters into the kept choices: on a session's first map, and
    whenever the URL names filters this session did not write (a link followed
    inside the app). A bare URL (the sidebar's page link) keeps the session's."""
    params = st.query_params.to_dict()
    named = filter_params(params)
    if kept.has("f_arsir") and (not named or named == st.session_state.get(WRITTEN)):
        return
    f = opening(params, actor).with_defaults(today)
    kept.put("f_kota", f.kota or "")
    kept.put("f_kec", f.kecamatan or "")
    kept.put("f_kel", f.kelurahan or "")
    kept.put("f_status", list(f.statuses))
    kept.put("f_kategori", list(f.categories))
    kept.put("f_level", list(f.owner_levels))
    kept.put("f_dates", (f.date_from, f.date_to))
    kept.put("f_arsir", f.measure)
    st.session_state[WRITTEN] = named


def _whole_range(value: Any) -> bool:
    return isinstance(value, tuple) and len(value) == 2


def sidebar_filters(today: date, actor: Actor | None = None) -> MapFilters:
    """Draw the filters; return what they say (dates left None when at the default).

    Raises nothing: a value that is not a known code is dropped (`filters.clean`).
    """
    _seed(today, actor)
    lg = lang()
    every = tr("all")  # bound now: a label must never depend on when it is formatted
    measures = {c: tr(f"measure_{c}") for c in MEASURES}
    with st.sidebar:
        st.subheader(tr("filters"))
        if kept.get("f_kota") not in ["", *kota_codes()]:
            kept.put("f_kota", "")
        kota = kota_choice(**kept.widget("f_kota", ""))  # a province-wide wilayah only
        kecamatan = kecamatan_of(kota)
        if kept.get("f_kec") not in kecamatan:
            kept.put("f_kec", "")
        kec = st.selectbox(
            tr("filter_kecamatan"),
            ["", *kecamatan],
            format_func=lambda c: kecamatan.get(c, every),
            **kept.widget("f_kec", ""),
        )
        kels = {
            k.kode: k.nama
            for k in areas.kelurahan_list()
            if k.kecamatan_kode == kec or (not kec and k.kecamatan_kode in kecamatan)
        }
        if kept.get("f_kel") not in kels:
            kept.put("f_kel", "")
        kel = st.selectbox(
            tr("filter_kelurahan"),
            ["", *kels],
            format_func=lambda c: kels.get(c, every),
            **kept.widget("f_kel", ""),
        )
        statuses = st.multiselect(
            tr("filter_status"),
            vocab.codes("site_status"),
            format_func=lambda c: vocab.label("site_status", c, lg),
            placeholder=every,
            **kept.widget("f_status", []),
            select_all=False,
        )
        categories = st.multiselect(
            tr("filter_category"),
            vocab.codes("site_category"),
            placeholder=every,
            format_func=lambda c: vocab.label("site_category", c, lg),
            **kept.widget("f_kategori", []),
            select_all=False,
        )
        levels = st.multiselect(
            tr("filter_owner"),
            ["kelurahan", "kecamatan", "kota"],
            placeholder=every,
            format_func=lambda c: vocab.label("owner_level", c, lg),
            **kept.widget("f_level", []),
            select_all=False,
        )
        default_start = today - timedelta(days=365)
        dates = st.date_input(
            tr("filter_dates"),
            format="DD/MM/YYYY",
            max_value=today,
            **kept.widget("f_dates", (default_start, today), accept=_whole_range),
        )
        measure = st.radio(
            tr("filter_measure"),
            list(MEASURES),
            format_func=measures.__getitem__,
            **kept.widget("f_arsir", "open_sites"),
        )
    chosen: Any = dates if _whole_range(dates) else kept.get("f_dates")
    start, end = chosen if _whole_range(chosen) else (None, None)
    return clean(
        MapFilters(
            kota=kota or None,
            kecamatan=kec or (kel[:8] if kel else None),
            kelurahan=kel or None,
            statuses=tuple(statuses),
            categories=tuple(categories),
            owner_levels=tuple(levels),
            date_from=None if start in (None, default_start) else start,
            date_to=None if end in (None, today) else end,
            measure=str(measure),
        )
    )


def kota_choice(**widget: Any) -> str:
    """In a province-wide wilayah, a Kota / kabupaten select (its code, "" for all);
    elsewhere nothing is drawn and "" returned. `widget` carries the key or kept value."""
    kotas = {k.kode: k.nama for k in current().kota if k.kode in kota_codes()}
    if not kotas:
        return ""
    every = tr("all")
    return str(
        st.selectbox(
            tr("filter_kota"), ["", *kotas], format_func=lambda c: kotas.get(c, every), **widget
        )
        or ""
    )


def kecamatan_of(kota: str) -> dict[str, str]:
    """Kecamatan code -> name, of one kota ("" : all)."""
    return {k.kode: k.nama for k in areas.kecamatan_list() if k.kode.startswith(kota)}


def focus_kelurahan(kode: str) -> None:
    """Narrow the filters to one kelurahan (used by the details panel)."""
    kept.put("f_kota", kode[:5] if kode[:5] in kota_codes() else "")
    kept.put("f_kec", kode[:8])
    kept.put("f_kel", kode)


def write_url(filters: MapFilters, selection: str | None) -> None:
    params = to_query(filters)
    if selection:
        params["pilih"] = selection
    st.session_state[WRITTEN] = filter_params(params)
    if dict(st.query_params.to_dict()) != params:
        st.query_params.from_dict(params)
