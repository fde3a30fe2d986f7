"""One genangan report's page: the record (personal data only for those allowed),
its lifecycle times, the status and hand-over forms, photos and history."""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from pantau.access.permissions import Actor, Area, allowed
from pantau.city.timefmt import format_wib
from pantau.files import photos
from pantau.floods.reports import REPORT_LEVELS, change_report_status, hand_over_report
from pantau.floods.sla import ServiceLevel
from pantau.kernel import vocab
from pantau.kernel.errors import NotFound
from pantau.kernel.workflow import is_final_report_status, next_report_states
from pantau.map.details import report_detail
from pantau.ui import kept
from pantau.ui.actions import drawing, flash_here, loaded_version, run
from pantau.ui.context import database, lang, settings, tr
from pantau.ui.history import show_history
from pantau.ui.text import plain


def service_level() -> ServiceLevel:
    s = settings()
    return ServiceLevel(s.sla_response_hours, s.sla_followup_days)


def show(actor: Actor, report_id: int, now: datetime) -> None:
    lg = lang()
    try:
        r = report_detail(database(), actor, report_id)  # personal data masked for actor
    except NotFound:
        st.warning(tr("report_missing", id=report_id))
        return
    area = Area(r["kecamatan_kode"], r["kelurahan_kode"])
    st.title(f"{tr('report_heading')} #{report_id}")
    st.caption(
        f"{format_wib(r['observed_at'], lg)} · {plain(r['kelurahan'])}, {plain(r['kecamatan'])}"
        + (f" · {tr('report_approx')}" if r["approx_location"] else "")
    )
    sla = service_level()
    flags = [
        tr(key)
        for key, on in (
            ("sla_response_late", sla.response_late(r["status"], r["created_at"], now)),
            ("sla_followup_late", sla.followup_late(r["status"], r["created_at"], now)),
        )
        if on
    ]
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(tr("map_status"), vocab.label("report_status", r["status"], lg))
    c2.metric(tr("map_depth"), f"{r['depth_cm']} cm")
    c3.metric(tr("report_cause"), vocab.label("cause", r["cause"], lg))
    c4.metric(tr("map_owner"), vocab.label("owner_level", r["owner_level"], lg))
    if flags:
        st.error(" · ".join(flags), icon=":material/timer_off:")
    left, right = st.columns([1.1, 1], gap="large")
    with left:
        ticket = f" ({plain(r['source_ref'])})" if r["source_ref"] else ""
        lines = [
            f"**{tr('report_source')}:** {vocab.label('report_source', r['source'], lg)}{ticket}",
            f"**{tr('site_address')}:** {plain(r['address'] or '–')}",
            f"**{tr('report_reporter')}:** {plain(r['reporter_name'] or '–')} · "
            f"{plain(r['reporter_phone'] or '–')}",
            f"**{tr('detail_note')}:** {plain(r['note'] or '–')}",
        ]
        if r["pocket_id"] is not None:
            lines.append(f"**{tr('map_pocket')}:** #{r['pocket_id']}")
        if r["duplicate_of"] is not None:
            lines.append(f"**{tr('report_duplicate_of')}:** #{r['duplicate_of']}")
        if r["reject_reason"]:
            lines.append(f"**{tr('report_reason')}:** {plain(r['reject_reason'])}")
        st.markdown("  \n".join(lines))
        if r["pocket_id"] is not None:
            st.page_link(
                "pages/titik.py",
                label=tr("pocket_open"),
                icon=":material/water:",
                query_params={"id": str(r["pocket_id"])},
            )
        st.markdown(f"**{tr('report_times')}**")
        st.markdown(
            "  \n".join(
                f"{tr(key)}: {format_wib(r[column], lg)}"
                for key, column in (
                    ("time_reported", "created_at"),
                    ("time_verified", "verified_at"),
                    ("time_handled", "handled_at"),
                    ("time_receded", "receded_at"),
                    ("time_closed", "closed_at"),
                )
            )
        )
        for p in photos.of_record(database(), "report", report_id):
            image = photos.thumbnail(database(), str(p["sha256"]))
            if image:
                st.image(image, width=240)
    with right:
        if allowed(actor, "edit_report", area):
            _status_form(actor, r, now)
            _handover_form(actor, r, now)
    show_history(actor, "report", report_id, tr("detail_history_full"))


def _status_form(actor: Actor, r: dict[str, object], now: datetime) -> None:
    """The next status is chosen outside the form, so the form shows only what that
    move needs: the original for duplikat, a reason for ditolak."""
    rid = int(str(r["id"]))
    lg = lang()
    drawn = drawing(f"rstatus_{rid}")
    options = next_report_states(str(r["status"]))
    with st.container(border=True):
        st.markdown(f"**{tr('status_change')}**")
        flash_here(drawn.base)
        if not options:
            st.caption(tr("report_closed"))
            return
        target = st.selectbox(
            tr("status_next"),
            options,
            index=None,
            placeholder=tr("choose"),
            key=kept.labelled(drawn.key("to")),
            format_func=lambda s: vocab.label("report_status", s, lg),
        )
        if target is None:
            st.caption(tr("choose_status_first"))
            loaded_version(drawn, int(str(r["version"])), False)
            return
        with st.form(drawn.form):
            note = st.text_input(tr("status_note"), key=drawn.key("note"), max_chars=300)
            original = None
            reason = None
            if target == "duplikat":
                original = st.number_input(
                    tr("report_duplicate_of"),
                    min_value=1,
                    value=None,
                    step=1,
                    key=drawn.key("dup"),
                )
            if target == "ditolak":
                reason = st.text_input(tr("report_reason"), key=drawn.key("why"), max_chars=300)
            submitted = st.form_submit_button(tr("save"), type="primary", width="stretch")
    version = loaded_version(drawn, int(str(r["version"])), submitted)
    if submitted:
        run(
            lambda: change_report_status(
                database(),
                actor,
                rid,
                version,
                str(target),
                note,
                now,
                duplicate_of=int(original) if original else None,
                reason=reason,
            ),
            tr("saved"),
            drawn,
        )


def _handover_form(actor: Actor, r: dict[str, object], now: datetime) -> None:
    rid = int(str(r["id"]))
    lg = lang()
    if is_final_report_status(str(r["status"])):
        return
    drawn = drawing(f"rhand_{rid}")
    flash_here(drawn.base)
    with st.expander(tr("handover"), icon=":material/swap_horiz:"):
        with st.form(drawn.form):
            levels = [lv for lv in REPORT_LEVELS if lv != r["owner_level"]]
            level = st.selectbox(
                tr("handover_level"),
                levels,
                index=None,
                placeholder=tr("choose"),
                key=kept.labelled(drawn.key("lvl")),
                format_func=lambda v: vocab.label("owner_level", v, lg),
            )
            reason = st.text_input(tr("handover_reason"), key=drawn.key("why"), max_chars=300)
            submitted = st.form_submit_button(tr("handover_save"))
        version = loaded_version(drawn, int(str(r["version"])), submitted)
        if submitted:
            if level is None:
                st.error(tr("choose_missing", what=tr("handover_level").lower()))
                return
            run(
                lambda: hand_over_report(database(), actor, rid, version, str(level), reason, now),
                tr("saved"),
                drawn,
            )
