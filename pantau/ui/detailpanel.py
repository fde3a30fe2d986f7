"""The panel beside the map: details of the selected site, report or pocket, with a
link to the record's own page (where its status is changed) in the same tab.

The panel is narrow (a quarter of the screen), so it holds no wide tables: recent
changes and a pocket's reports are short lines, and the full tables are one click
away on the record's page.
"""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import streamlit as st

from pantau.access.permissions import Actor, Area, allowed
from pantau.city.timefmt import format_day, format_wib
from pantau.dashboard.history import history_rows, record_history
from pantau.kernel import vocab
from pantau.kernel.errors import NotAllowed, NotFound
from pantau.map.details import SiteDetail, pocket_detail, report_detail, site_detail
from pantau.map.selection import Selection, record_page
from pantau.ui import siteform
from pantau.ui.context import database, error_text, lang, tr, trn
from pantau.ui.text import plain

RECENT_CHANGES = 5
POCKET_REPORTS = 6
OPEN_LABELS = {"site": "open_site_page", "report": "open_report_page", "pocket": "open_pocket_page"}


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


def open_link(selection: Selection) -> None:
    """The record's own page, in this tab and session (a client-side page switch)."""
    page, query = record_page(selection)
    st.page_link(
        page,
        label=tr(OPEN_LABELS[selection.kind]),
        icon=":material/open_in_new:",
        query_params=query,
        width="stretch",
    )


def recent_changes(actor: Actor, record_type: str, record_id: int) -> None:
    """The last few changes as short lines (a table would be cut off here)."""
    lg = lang()
    st.markdown(f"**{tr('detail_history')}**")
    try:
        entries = record_history(database(), actor, record_type, record_id)
    except NotAllowed as exc:
        st.info(plain(error_text(exc)))
        return
    rows = history_rows(record_type, entries, lg)[:RECENT_CHANGES]
    if not rows:
        st.caption(tr("detail_no_history"))
    for when, who, change, note in rows:
        st.caption(
            f"**{plain(when)}** · {plain(who)}  \n{plain(change)}"
            + (f" — _{plain(note)}_" if note else "")
        )


def show_site(actor: Actor, site_id: int, now: datetime) -> None:
    lg = lang()
    try:
        d = site_detail(database(), site_id, now)
    except NotFound as exc:
        st.info(plain(error_text(exc)))
        return
    r = d.record
    st.subheader(plain(r["name"]))
    st.caption(f"{plain(r['code'])} · {vocab.label('site_category', r['category'], lg)}")
    open_link(Selection("site", site_id))
    st.caption(tr("open_site_hint"))
    st.markdown(f"**{tr('map_status')}:** {vocab.label('site_status', r['status'], lg)}")
    flags = site_flags(d)
    if flags:
        st.error(" · ".join(flags), icon=":material/priority_high:")
    every = int(r["sweep_interval_days"])
    st.markdown(
        f"**{tr('map_kelurahan')}:** {plain(r['kelurahan'])} ({plain(r['kecamatan'])})  \n"
        f"**{tr('map_owner')}:** {vocab.label('owner_level', r['owner_level'], lg)}"
        f" — {plain(r['owner_unit'])}  \n"
        f"**{tr('detail_target')}:** {format_day(r['target_date'], lg)}  \n"
        f"**{tr('detail_last_sweep')}:** {_when(r['last_sweep_at'])}"
        f" ({trn('detail_every_days', every, days=every)})  \n"
        f"**{tr('map_updated')}:** {_when(r['updated_at'])}  \n"
        f"**{tr('detail_photos')}:** " + (str(d.photos) if d.photos else tr("detail_no_photos"))
    )
    if allowed(actor, "edit_site", Area(r["kecamatan_kode"], r["kelurahan_kode"])):
        siteform.edit_form(actor, r)
    recent_changes(actor, "site", site_id)


def show_report(actor: Actor, report_id: int) -> None:
    lg = lang()
    try:
        r = report_detail(database(), actor, report_id)
    except NotFound as exc:
        st.info(plain(error_text(exc)))
        return
    st.subheader(f"{tr('report_heading')} #{report_id}")
    st.caption(
        f"{format_wib(r['observed_at'], lg)} · {plain(r['kelurahan'])}, {plain(r['kecamatan'])}"
    )
    open_link(Selection("report", report_id))
    st.caption(tr("open_report_hint"))
    st.markdown(
        f"**{tr('map_status')}:** {vocab.label('report_status', r['status'], lg)}  \n"
        f"**{tr('map_depth')}:** {r['depth_cm']} cm  \n"
        f"**{tr('report_cause')}:** {vocab.label('cause', r['cause'], lg)}  \n"
        f"**{tr('map_owner')}:** {vocab.label('owner_level', r['owner_level'], lg)}  \n"
        f"**{tr('report_source')}:** {vocab.label('report_source', r['source'], lg)}"
    )
    if r["pocket_id"] is not None:
        st.page_link(
            "pages/titik.py",
            label=tr("report_in_pocket", id=int(r["pocket_id"])),
            icon=":material/water:",
            query_params={"id": str(int(r["pocket_id"]))},
        )
    recent_changes(actor, "report", report_id)


def show_pocket(pocket_id: int, since: datetime, until: datetime) -> None:
    lg = lang()
    frame = pocket_detail(database(), pocket_id, since, until)
    st.subheader(f"{tr('map_pocket')} #{pocket_id}")
    open_link(Selection("pocket", pocket_id))
    if frame.empty:
        st.info(tr("detail_no_reports"))
        return
    valid = frame[~frame["status"].isin(vocab.codes_in_group("report_status", "closed"))]
    days = valid["observed_at"].dt.date.nunique() if not valid.empty else 0
    depth = int(valid["depth_cm"].max() if not valid.empty else 0)
    causes = valid["cause"].value_counts()
    st.markdown(
        f"**{tr('map_floods')}:** {days}  \n"
        f"**{tr('map_max_depth')}:** {depth} cm  \n"
        f"**{tr('detail_causes')}:** "
        + ", ".join(f"{vocab.label('cause', str(c), lg)} ({n})" for c, n in causes.items())
    )
    st.markdown(f"**{tr('pocket_reports', n=len(frame))}**")
    for row in frame.head(POCKET_REPORTS).to_dict("records"):
        status = vocab.label("report_status", row["status"], lg)
        st.page_link(
            "pages/genangan.py",
            label=f"#{int(row['id'])} · {_when(row['observed_at'])} · {row['depth_cm']} cm · "
            + status,
            icon=":material/flood:",
            query_params={"id": str(int(row["id"]))},
        )


def show(
    actor: Actor, selection: Selection | None, now: datetime, since: datetime, until: datetime
) -> None:
    if selection is None:
        st.info(tr("detail_pick"), icon=":material/touch_app:")
    elif selection.kind == "site":
        show_site(actor, selection.id, now)
    elif selection.kind == "report":
        show_report(actor, selection.id)
    else:
        show_pocket(selection.id, since, until)
