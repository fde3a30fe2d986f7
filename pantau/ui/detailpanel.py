"""The panel beside the map: details of the selected site or pocket."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import streamlit as st

from pantau import vocab
from pantau.details import SiteDetail, pocket_detail, site_detail
from pantau.errors import NotFound
from pantau.permissions import Actor, Area, allowed
from pantau.selection import Selection
from pantau.timefmt import format_day, format_wib
from pantau.ui import siteform
from pantau.ui.context import database, lang, tr
from pantau.ui.history import show_history
from pantau.ui.text import plain


def _when(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT:
        return "–"
    return format_wib(pd.Timestamp(value).to_pydatetime(), lang())  # type: ignore[arg-type]


def site_flags(d: SiteDetail) -> list[str]:
    """The site's warnings (overdue, due for a sweep, ping-pong) as labels."""
    checks = (
        ("map_overdue", d.overdue),
        ("map_due_sweep", d.due_sweep),
        ("map_ping_pong", d.ping_pong),
    )
    return [tr(key) for key, on in checks if on]


def show_site(actor: Actor, site_id: int, now: datetime) -> None:
    lg = lang()
    try:
        d = site_detail(database(), site_id, now)
    except NotFound as exc:
        st.info(plain(str(exc)))
        return
    r = d.record
    st.subheader(plain(r["name"]))
    st.caption(f"{plain(r['code'])} · {vocab.label('site_category', r['category'], lg)}")
    st.markdown(f"**{tr('map_status')}:** {vocab.label('site_status', r['status'], lg)}")
    flags = site_flags(d)
    if flags:
        st.error(" · ".join(flags), icon=":material/priority_high:")
    st.markdown(
        f"**{tr('map_kelurahan')}:** {plain(r['kelurahan'])} ({plain(r['kecamatan'])})  \n"
        f"**{tr('map_owner')}:** {vocab.label('owner_level', r['owner_level'], lg)}"
        f" — {plain(r['owner_unit'])}  \n"
        f"**{tr('detail_target')}:** {format_day(r['target_date'], lg)}  \n"
        f"**{tr('detail_last_sweep')}:** {_when(r['last_sweep_at'])}"
        f" ({tr('detail_every_days', days=r['sweep_interval_days'])})  \n"
        f"**{tr('map_updated')}:** {_when(r['updated_at'])}"
    )
    st.markdown(
        f"**{tr('detail_photos')}:** " + (str(d.photos) if d.photos else tr("detail_no_photos"))
    )
    if allowed(actor, "edit_site", Area(r["kecamatan_kode"], r["kelurahan_kode"])):
        siteform.edit_form(actor, r)
    show_history(actor, "site", site_id, tr("detail_history"))


def show_pocket(pocket_id: int, since: datetime, until: datetime) -> None:
    lg = lang()
    frame = pocket_detail(database(), pocket_id, since, until)
    st.subheader(f"{tr('map_pocket')} #{pocket_id}")
    if frame.empty:
        st.info(tr("detail_no_reports"))
        return
    valid = frame[~frame["status"].isin(["duplikat", "ditolak"])]
    days = valid["observed_at"].dt.date.nunique() if not valid.empty else 0
    c1, c2 = st.columns(2)
    c1.metric(tr("map_floods"), days)
    c2.metric(tr("map_max_depth"), f"{int(valid['depth_cm'].max() if not valid.empty else 0)} cm")
    causes = valid["cause"].value_counts()
    st.markdown(
        f"**{tr('detail_causes')}:** "
        + ", ".join(f"{vocab.label('cause', str(c), lg)} ({n})" for c, n in causes.items())
    )
    st.dataframe(
        pd.DataFrame(
            {
                tr("detail_when"): [_when(v) for v in frame["observed_at"]],
                tr("map_depth"): frame["depth_cm"].astype(str) + " cm",
                tr("map_status"): [vocab.label("report_status", s, lg) for s in frame["status"]],
            }
        ),
        hide_index=True,
        width="stretch",
    )


def show(
    actor: Actor, selection: Selection | None, now: datetime, since: datetime, until: datetime
) -> None:
    if selection is None:
        st.info(tr("detail_pick"), icon=":material/touch_app:")
    elif selection.kind == "site":
        show_site(actor, selection.id, now)
    else:
        show_pocket(selection.id, since, until)
