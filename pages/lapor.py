"""Lapor genangan: a phone-friendly report form. Place the point by clicking the map,
typing coordinates, or choosing a kelurahan and an address."""

from datetime import datetime, timedelta

import streamlit as st

from pantau.city import areas
from pantau.city.timefmt import format_wib, to_wib
from pantau.floods.fields import MAX_DEPTH, MAX_TEXT, MIN_DEPTH
from pantau.floods.reports import create_report, likely_duplicates
from pantau.kernel import vocab
from pantau.kernel.clock import now_utc
from pantau.kernel.errors import PantauError
from pantau.ui import kept, uploads
from pantau.ui.actions import book, drawing, flash_here, photo_from, saved, show_error
from pantau.ui.context import database, lang, settings, tr
from pantau.ui.page import chrome
from pantau.ui.reportmap import POINT, pick_point

actor = chrome()
now = now_utc()
lg = lang()
s = settings()
st.title(tr("lapor_heading"))
st.caption(tr("lapor_caption"))

how = st.radio(
    tr("lapor_how"),
    ["peta", "koordinat", "kelurahan"],
    horizontal=True,
    format_func=lambda v: tr(f"lapor_by_{v}"),
    key=kept.labelled("lapor_how"),
)
# Each saved report moves the form to a new drawing: empty fields, a map without the
# last point, and no second report from a double click (see pantau.ui.actions).
drawn = drawing("lapor")
lon = lat = None
kelurahan = None
if how == "peta":
    picked = pick_point(s.tiles, key=drawn.key("map"))
    if picked:
        lon, lat = picked
        st.success(tr("lapor_picked", lat=f"{lat:.5f}", lon=f"{lon:.5f}"))
    else:
        st.info(tr("lapor_click"))
elif how == "koordinat":
    c1, c2 = st.columns(2)
    lat = c1.number_input(tr("lat"), value=None, format="%.6f", key=drawn.key("lat"))
    lon = c2.number_input(tr("lon"), value=None, format="%.6f", key=drawn.key("lon"))
    if lat is None or lon is None:
        st.caption(tr("lapor_coords_empty"))
else:
    names = {k.kode: f"{k.nama} (Kec. {k.kecamatan})" for k in areas.kelurahan_list()}
    kelurahan = st.selectbox(
        tr("filter_kelurahan"),
        list(names),
        format_func=names.__getitem__,
        key=kept.labelled(drawn.key("kel")),
    )

local_now = to_wib(now)
with st.form(drawn.form):
    depth = st.number_input(
        tr("lapor_depth"),
        MIN_DEPTH,
        MAX_DEPTH,
        30,
        key=drawn.key("depth"),
        help=tr("lapor_depth_help"),
    )
    cause = st.selectbox(
        tr("report_cause"),
        vocab.codes("cause"),
        key=kept.labelled(drawn.key("cause")),
        format_func=lambda c: vocab.label("cause", c, lg),
    )
    source = st.selectbox(
        tr("report_source"),
        vocab.codes("report_source"),
        key=kept.labelled(drawn.key("source")),
        format_func=lambda c: vocab.label("report_source", c, lg),
    )
    ticket = st.text_input(tr("lapor_ticket"), key=drawn.key("ticket"), max_chars=60)
    c1, c2 = st.columns(2)
    day = c1.date_input(
        tr("lapor_day"), local_now.date(), key=drawn.key("day"), format="DD/MM/YYYY"
    )
    clock = c2.time_input(
        tr("lapor_time"),
        local_now.time().replace(second=0, microsecond=0),
        key=drawn.key("time"),
        step=300,
    )
    address = st.text_input(tr("site_address"), key=drawn.key("address"), max_chars=MAX_TEXT)
    c3, c4 = st.columns(2)
    name = c3.text_input(tr("report_reporter"), key=drawn.key("name"), max_chars=MAX_TEXT)
    phone = c4.text_input(tr("lapor_phone"), key=drawn.key("phone"), max_chars=20)
    note = st.text_area(tr("detail_note"), key=drawn.key("note"), max_chars=MAX_TEXT)
    upload = uploads.photo(tr("photo_evidence"), key=drawn.key("photo"))
    not_duplicate = st.checkbox(tr("lapor_not_duplicate"), key=drawn.key("not_dup"))
    submitted = st.form_submit_button(tr("lapor_save"), type="primary", width="stretch")
flash_here(drawn.base)  # where the user is: just below the button they pressed

# The form's day and time are WIB (UTC+7 all year); the core stores naive UTC.
observed_utc = (datetime.combine(day, clock) - timedelta(hours=7)) if day and clock else None
if lon is not None and lat is not None and observed_utc is not None:
    dupes = likely_duplicates(database(), lon, lat, observed_utc, s.pocket_radius_m)
    if dupes:
        st.warning(tr("lapor_dupes", n=len(dupes)), icon=":material/content_copy:")
        for d in dupes[:5]:
            st.page_link(
                "pages/genangan.py",
                query_params={"id": str(d["id"])},
                label=f"#{d['id']} · {format_wib(d['observed_at'], lg)} · {d['depth_cm']} cm",
            )
else:
    dupes = []

if submitted:
    if dupes and not not_duplicate:
        st.error(tr("lapor_confirm_new"))
        st.stop()
    values = {
        "depth_cm": depth,
        "cause": cause,
        "source": source,
        "source_ref": ticket,
        "observed_at": observed_utc,
        "reporter_name": name,
        "reporter_phone": phone,
        "address": address,
        "note": note,
    }
    records = book()  # before the save (see ui.actions.Book)
    try:
        report_id, pocket_id, new_pocket = create_report(
            database(),
            actor,
            now,
            values,
            lon=lon,
            lat=lat,
            kelurahan_kode=kelurahan,
            radius_m=s.pocket_radius_m,
            tolerance_m=s.gap_tolerance_m,
            photo=photo_from(upload),
        )
    except PantauError as exc:
        show_error(exc)
        st.stop()
    saved(
        records,
        drawn,
        tr(
            "lapor_saved",
            id=report_id,
            pocket=pocket_id or "–",
            new=tr("lapor_new_pocket") if new_pocket else "",
        ),
        at=drawn.base,
    )
    st.session_state.pop(POINT, None)
    st.rerun()
