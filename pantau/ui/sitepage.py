"""One site's page: the record, flags, a small map, photos, status and sweep forms,
hand-overs, directives and the full history."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from pantau.access.permissions import Actor, Area, allowed
from pantau.city.timefmt import format_day, format_short_day, format_wib, to_wib, wib_today
from pantau.files import photos as photo_rules
from pantau.geo.locations import kelurahan_geometry
from pantau.kernel import vocab
from pantau.kernel.errors import NotFound, PantauError
from pantau.kernel.vocab import SITE_OWNER_LEVELS
from pantau.kernel.workflow import next_states
from pantau.map.details import site_detail
from pantau.sites import directives
from pantau.sites import history as site_history
from pantau.sites.actions import add_photo, change_status, hand_over, record_sweep
from pantau.sites.importer import retire_site
from pantau.ui import kept, siteform, uploads
from pantau.ui.actions import (
    drawing,
    flash_here,
    loaded_version,
    photo_from,
    run,
    show_error,
)
from pantau.ui.community import tasks_of
from pantau.ui.context import database, error_text, lang, settings, tr
from pantau.ui.detailpanel import site_flags
from pantau.ui.history import show_history
from pantau.ui.sitemap import site_map
from pantau.ui.text import plain


def show(actor: Actor, site_id: int, now: datetime) -> None:
    lg = lang()
    try:
        d = site_detail(database(), site_id, now)
    except NotFound as exc:
        st.warning(plain(error_text(exc)))
        return
    r = d.record
    area = Area(r["kecamatan_kode"], r["kelurahan_kode"])
    st.title(plain(r["name"]))
    st.caption(
        f"{plain(r['code'])} · {vocab.label('site_category', r['category'], lg)} · "
        f"{plain(r['kelurahan'])}, {plain(r['kecamatan'])}"
    )
    flags = site_flags(d)
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(tr("map_status"), vocab.label("site_status", r["status"], lg))
    c2.metric(tr("detail_target"), format_short_day(r["target_date"], lg))
    last = r["last_sweep_at"]
    c3.metric(tr("detail_last_sweep"), format_short_day(to_wib(last).date() if last else None, lg))
    c4.metric(tr("map_owner"), vocab.label("owner_level", r["owner_level"], lg))
    if flags:
        st.error(" · ".join(flags), icon=":material/priority_high:")
    st.page_link("pages/peta.py", label=tr("site_on_map"), icon=":material/map:",
                 query_params={"pilih": f"site-{site_id}"})  # fmt: skip
    left, right = st.columns([1.1, 1], gap="large")
    with left:
        st.markdown(
            f"**{tr('site_address')}:** {plain(r['address'] or '–')}  \n"
            f"**{tr('map_owner')}:** {plain(r['owner_unit'])}  \n"
            f"**{tr('site_interval')}:** {r['sweep_interval_days']}"
        )
        st_folium(
            site_map(r["lat"], r["lon"], r["status"],
                     kelurahan_geometry(database(), r["kelurahan_kode"]), settings().tiles),
            height=300, use_container_width=True, returned_objects=[], key=f"sitemap_{site_id}",
        )  # fmt: skip
        _photos(site_id)
    with right:
        if allowed(actor, "edit_site", area):
            _status_form(actor, r, now)
        if allowed(actor, "sweep_site", area) and r["status"] == "tertata":
            sweep_form(actor, r, now, key=f"sweep_{site_id}")
        else:  # a semrawut sweep reopened the site: say it was saved where the form was
            flash_here(f"sweep_{site_id}")
        if allowed(actor, "handover_site", area):
            _handover_form(actor, r, now)
        if allowed(actor, "edit_site", area):
            siteform.edit_form(actor, r)
            _photo_form(actor, site_id, now)
        if allowed(actor, "manage_sites"):
            _retire_form(actor, r, now)
        _directives(actor, site_id, area, now)
    _handover_chain(site_id)
    _sweeps(site_id)
    tasks_of("site", site_id, now)
    show_history(actor, "site", site_id, tr("detail_history_full"))


def _status_form(actor: Actor, r: dict[str, object], now: datetime) -> None:
    site_id = int(str(r["id"]))
    lg = lang()
    drawn = drawing(f"status_{site_id}")
    flash_here(drawn.base)
    options = next_states(str(r["status"]))
    if not options:
        st.caption(tr("status_by_sweep_only"))
        return
    with st.form(drawn.form):
        st.markdown(f"**{tr('status_change')}**")
        target = st.selectbox(
            tr("status_next"), options, index=None, placeholder=tr("choose"),
            format_func=lambda s: vocab.label("site_status", s, lg),
            key=kept.labelled(drawn.key("to")),
        )  # fmt: skip
        note = st.text_area(tr("status_note"), key=drawn.key("note"), max_chars=500)
        upload = uploads.photo(tr("photo_after"), key=drawn.key("photo"))
        submitted = st.form_submit_button(tr("save"), type="primary")
    version = loaded_version(drawn, int(str(r["version"])), submitted)
    if submitted:
        if target is None:
            st.error(tr("choose_missing", what=tr("status_next").lower()))
            return
        try:
            photo = photo_from(upload)
        except PantauError as exc:
            show_error(exc)
            return
        run(
            lambda: change_status(database(), actor, site_id, version, str(target), note, now,
                                  photo),
            tr("saved"), drawn,
        )  # fmt: skip


def sweep_form(
    actor: Actor, r: Mapping[Any, object], now: datetime, key: str, flash_at: str | None = None
) -> None:
    """A few taps on a phone: tertib/semrawut (nothing chosen beforehand), a note, a
    photo, when. The confirmation goes to `flash_at` (default: above this form)."""
    site_id = int(str(r["id"]))
    drawn = drawing(key)
    if flash_at is None:
        flash_here(drawn.base)
    with st.form(drawn.form):
        st.markdown(f"**{tr('sweep_record')}**")
        result = st.radio(
            tr("sweep_result"), ["tertib", "semrawut"], horizontal=True, index=None,
            format_func=lambda v: tr(f"sweep_{v}"), key=kept.labelled(drawn.key("result")),
        )  # fmt: skip
        note = st.text_input(tr("sweep_note"), key=drawn.key("note"), max_chars=500)
        upload = uploads.photo(tr("photo_evidence"), key=drawn.key("photo"))
        hours_ago = st.select_slider(
            tr("sweep_when"), options=[0, 1, 2, 3, 6, 12, 24, 48],
            format_func=lambda h: tr("sweep_now") if h == 0 else tr("hours_ago", n=h),
            key=kept.labelled(drawn.key("when")),
        )  # fmt: skip
        submitted = st.form_submit_button(tr("sweep_save"), type="primary", width="stretch")
    version = loaded_version(drawn, int(str(r["version"])), submitted)
    if submitted:
        if result is None:
            st.error(tr("choose_missing", what=tr("sweep_result").lower()))
            return
        try:
            photo = photo_from(upload)
        except PantauError as exc:
            show_error(exc)
            return
        when = now - timedelta(hours=int(hours_ago))
        run(
            lambda: record_sweep(database(), actor, site_id, version, str(result), note, now,
                                 when, photo),
            tr("sweep_saved"), drawn, flash_at,
        )  # fmt: skip


def _handover_form(actor: Actor, r: dict[str, object], now: datetime) -> None:
    site_id = int(str(r["id"]))
    lg = lang()
    drawn = drawing(f"handover_{site_id}")
    flash_here(drawn.base)
    with st.expander(tr("handover"), icon=":material/swap_horiz:"):
        with st.form(drawn.form):
            level = st.selectbox(
                tr("handover_level"), list(SITE_OWNER_LEVELS), index=None,
                placeholder=tr("choose"), format_func=lambda v: vocab.label("owner_level", v, lg),
                key=kept.labelled(drawn.key("lvl")),
            )  # fmt: skip
            unit = st.text_input(tr("handover_unit"), str(r["owner_unit"]), key=drawn.key("u"))
            reason = st.text_input(tr("handover_reason"), key=drawn.key("why"))
            submitted = st.form_submit_button(tr("handover_save"))
        version = loaded_version(drawn, int(str(r["version"])), submitted)
        if submitted:
            if level is None:
                st.error(tr("choose_missing", what=tr("handover_level").lower()))
                return
            run(
                lambda: hand_over(database(), actor, site_id, version, str(level), unit, reason,
                                  now),
                tr("saved"), drawn,
            )  # fmt: skip


def _photo_form(actor: Actor, site_id: int, now: datetime) -> None:
    drawn = drawing(f"photo_{site_id}")
    flash_here(drawn.base)
    with st.expander(tr("photo_add"), icon=":material/add_a_photo:"), st.form(drawn.form):
        role = st.radio(
            tr("photo_kind"), list(photo_rules.ROLES), horizontal=True,
            format_func=lambda v: tr(f"photo_{v}"), key=kept.labelled(drawn.key("role")),
        )  # fmt: skip
        upload = uploads.photo(tr("photo_file"), key=drawn.key("file"))
        if st.form_submit_button(tr("photo_save")):
            try:
                photo = photo_from(upload)
            except PantauError as exc:
                show_error(exc)
                return
            if photo is None:
                st.error(tr("photo_missing"))
                return
            run(lambda: add_photo(database(), actor, site_id, photo, str(role), now), tr("saved"),
                drawn)  # fmt: skip


def _retire_form(actor: Actor, r: dict[str, object], now: datetime) -> None:
    site_id = int(str(r["id"]))
    drawn = drawing(f"retire_{site_id}")
    flash_here(drawn.base)
    with st.expander(tr("retire"), icon=":material/delete:"):
        with st.form(drawn.form):
            reason = st.text_input(tr("retire_reason"), key=drawn.key("why"))
            submitted = st.form_submit_button(tr("retire"))
        version = loaded_version(drawn, int(str(r["version"])), submitted)
        if submitted:
            run(lambda: retire_site(database(), actor, site_id, version, reason, now),
                tr("retired"), drawn)  # fmt: skip


def _directives(actor: Actor, site_id: int, area: Area, now: datetime) -> None:
    lg = lang()
    items = directives.for_site(database(), site_id)
    if not items and not allowed(actor, "add_directive"):
        return
    st.markdown(f"**{tr('directives')}**")
    for d in items:
        head = f"{format_wib(d['created_at'], lg)} · {plain(d['author'] or '–')}"
        due = f" · {tr('due')}: {format_day(d['due_date'], lg)}" if d["due_date"] else ""
        with st.container(border=True):
            st.caption(head + due)
            st.markdown(plain(d["text"]))
            if d["answer"]:
                flash_here(f"answer_{d['id']}")
                st.markdown(f"↳ {plain(d['answer'])}")
                st.caption(f"{plain(d['answerer'] or '–')} · {format_wib(d['answered_at'], lg)}")
            elif allowed(actor, "answer_directive", area):
                _answer_form(actor, d, now)
    if allowed(actor, "add_directive"):
        drawn = drawing(f"directive_{site_id}")
        flash_here(drawn.base)
        with st.form(drawn.form):
            text = st.text_area(tr("directive_new"), key=drawn.key("text"), max_chars=1000)
            due_on = st.date_input(tr("due"), None, key=drawn.key("due"), format="DD/MM/YYYY")
            if st.form_submit_button(tr("directive_save")):
                run(
                    lambda: directives.add_directive(
                        database(), actor, site_id, text, due_on, now, wib_today(now)
                    ),
                    tr("saved"),
                    drawn,
                )


def _answer_form(actor: Actor, d: dict[str, object], now: datetime) -> None:
    did = int(str(d["id"]))
    drawn = drawing(f"answer_{did}")
    with st.form(drawn.form):
        answer = st.text_area(tr("directive_answer"), key=drawn.key("text"), max_chars=1000)
        submitted = st.form_submit_button(tr("directive_answer_save"))
    version = loaded_version(drawn, int(str(d["version"])), submitted)
    if submitted:
        run(
            lambda: directives.answer_directive(database(), actor, did, version, answer, now),
            tr("saved"),
            drawn,
        )


def _photos(site_id: int) -> None:
    items = photo_rules.of_record(database(), "site", site_id)
    st.markdown(f"**{tr('detail_photos')}** ({len(items)})")
    if not items:
        st.caption(tr("detail_no_photos"))
        return
    cols = st.columns(3)
    for i, p in enumerate(items[-9:]):
        thumb = photo_rules.thumbnail(database(), str(p["sha256"]))
        if thumb:
            cols[i % 3].image(
                thumb, caption=f"{tr('photo_' + str(p['role']))} · "
                f"{format_day(p['created_at'].date(), lang())}",
            )  # fmt: skip


def _handover_chain(site_id: int) -> None:
    chain = site_history.owner_handovers(database(), site_id)
    if not chain:
        return
    lg = lang()
    st.markdown(f"**{tr('handover_chain')}**")
    st.dataframe(
        pd.DataFrame(
            {
                tr("detail_when"): [format_wib(h["occurred_at"], lg) for h in chain],
                tr("history_who"): [h["who"] or tr("system") for h in chain],
                tr("detail_change"): [
                    f"{vocab.label('owner_level', h['old_value'], lg)} → "
                    f"{vocab.label('owner_level', h['new_value'], lg)}"
                    for h in chain
                ],
                tr("handover_reason"): [h["note"] or "" for h in chain],
            }
        ),
        hide_index=True,
        width="stretch",
    )


def _sweeps(site_id: int) -> None:
    rows = site_history.sweeps(database(), site_id)
    if not rows:
        return
    lg = lang()
    st.markdown(f"**{tr('sweep_history')}**")
    st.dataframe(
        pd.DataFrame(
            {
                tr("detail_when"): [format_wib(w["swept_at"], lg) for w in rows],
                tr("sweep_result"): [tr(f"sweep_{w['result']}") for w in rows],
                tr("history_who"): [w["who"] or tr("system") for w in rows],
                tr("detail_note"): [w["note"] or "" for w in rows],
            }
        ),
        hide_index=True,
        width="stretch",
    )
