"""Areas: the kelurahan of Jakarta Utara with counts of sites and reports."""

import streamlit as st

from pantau.city import areas
from pantau.city.timefmt import format_wib
from pantau.dashboard.overview import kelurahan_overview
from pantau.kernel.clock import now_utc
from pantau.ui import kept
from pantau.ui.context import database, lang, tr
from pantau.ui.page import boundary_note, chrome

chrome()
now = now_utc()
st.title(tr("areas_heading"))
kecamatan = {k.kode: k.nama for k in areas.kecamatan_list()}
choice = st.selectbox(
    tr("filter_kecamatan"),
    options=["", *kecamatan],
    format_func=lambda code: kecamatan.get(code, tr("all")),
    key=kept.labelled("areas_kecamatan"),
)
frame = kelurahan_overview(database(), now, choice or None)
st.caption(
    tr(
        "areas_caption",
        kelurahan=len(frame),
        kecamatan=frame["kecamatan_kode"].nunique(),
        asof=format_wib(now, lang()),
    )
)
st.caption(":material/info: " + boundary_note())
c1, c2, c3, c4 = st.columns(4)
c1.metric(tr("metric_sites"), int(frame["sites"].sum()))
c2.metric(tr("metric_reports"), int(frame["reports"].sum()))
c3.metric(tr("metric_open_reports"), int(frame["reports_open"].sum()))
c4.metric(tr("metric_pockets"), int(frame["pockets"].sum()))
st.dataframe(
    frame[
        [
            "kecamatan",
            "nama",
            "kode",
            "sites",
            "sites_open",
            "sites_tidy",
            "reports",
            "reports_open",
            "pockets",
        ]
    ],
    hide_index=True,
    width="stretch",
    column_config={
        "kecamatan": tr("col_kecamatan"),
        "nama": tr("col_kelurahan"),
        "kode": tr("col_kode"),
        "sites": tr("col_sites"),
        "sites_open": tr("col_sites_open"),
        "sites_tidy": tr("col_sites_tidy"),
        "reports": tr("col_reports"),
        "reports_open": tr("col_reports_open"),
        "pockets": tr("col_pockets"),
    },
)
