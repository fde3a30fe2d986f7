"""Who is using this browser session: login, expiry, logout, one-time passwords.

`st.session_state` holds only the Actor and when it was last seen. Every run
re-reads the account, so a deactivation or a role change takes effect at once.
The permission checks themselves live in the core; this module decides only
whether to show the app or the login form.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pandas as pd
import streamlit as st

from pantau.access import accounts, auth
from pantau.access.permissions import Actor, home_area
from pantau.admin.bootstrap import has_sample_data
from pantau.city import areas
from pantau.city.seam import current
from pantau.kernel import vocab
from pantau.kernel.clock import now_utc
from pantau.kernel.errors import InvalidInput, NotAllowed
from pantau.sample.community import demo_accounts
from pantau.ui.context import database, error_fields, error_text, lang, settings, tr
from pantau.ui.text import plain

ACTOR = "actor"
SEEN = "actor_seen_at"
NOTICE = "login_notice"


def current_actor() -> Actor | None:
    actor = st.session_state.get(ACTOR)
    return actor if isinstance(actor, Actor) else None


def area_label(
    kecamatan_kode: str | None, kelurahan_kode: str | None, kota_kode: str | None = None
) -> str:
    if kota_kode:
        names = {k.kode: k.nama for k in current().kota}
        return names.get(kota_kode, kota_kode)
    if kelurahan_kode:
        return areas.kelurahan(kelurahan_kode).nama
    if kecamatan_kode:
        names = {k.kode: k.nama for k in areas.kecamatan_list()}
        return f"Kec. {names.get(kecamatan_kode, kecamatan_kode)}"
    return tr("city_wide")


def role_text(actor: Actor) -> str:
    role = vocab.label("role", actor.role, lang())
    if home_area(actor) is not None or actor.kota_kode:
        return f"{role} {area_label(actor.kecamatan_kode, actor.kelurahan_kode, actor.kota_kode)}"
    return role


def _end(notice: str) -> None:
    for key in (ACTOR, SEEN):
        st.session_state.pop(key, None)
    st.session_state[NOTICE] = notice


def logout() -> None:
    _end(tr("login_logged_out"))


def signed_in(now: datetime | None = None) -> Actor | None:
    """The session's actor, refreshed from the database, or None (expired, ended)."""
    actor = current_actor()
    if actor is None:
        return None
    now = now or now_utc()
    seen = st.session_state.get(SEEN)
    minutes = settings().session_minutes
    if isinstance(seen, datetime) and now - seen > timedelta(minutes=minutes):
        _end(tr("login_expired", minutes=f"{minutes:g}"))
        return None
    fresh = auth.current(database(), actor)
    if fresh is None:
        _end(tr("login_ended"))
        return None
    st.session_state[ACTOR] = fresh
    st.session_state[SEEN] = now
    return fresh


def production_guard() -> None:
    """With PANTAU_DEMO=0, refuse to run while any account has a demo password."""
    if settings().demo:
        return
    names = auth.default_password_accounts(database())
    if names:
        st.error(tr("production_refused", names=", ".join(names)), icon=":material/block:")
        st.stop()


def gate() -> Actor:
    """The signed-in actor; otherwise draw the login form and stop the run."""
    production_guard()
    actor = signed_in()
    if actor is None:
        _login_form()
        st.stop()
    assert actor is not None
    if auth.must_change_password(database(), actor):
        st.title(tr("must_change_heading"))
        st.caption(tr("must_change_caption"))
        password_form(actor, "must_change")
        st.stop()
    return actor


def password_form(actor: Actor, key: str) -> None:
    """Change the actor's own password (validated in the core)."""
    with st.form(key):
        current = st.text_input(tr("pw_current"), type="password", key=f"{key}_cur")
        new = st.text_input(tr("pw_new"), type="password", key=f"{key}_new")
        again = st.text_input(tr("pw_repeat"), type="password", key=f"{key}_again")
        if not st.form_submit_button(tr("pw_save"), type="primary"):
            return
    if new != again:
        st.error(tr("pw_mismatch"))
        return
    try:
        accounts.change_own_password(database(), actor, now_utc(), current, new)
    except (InvalidInput, NotAllowed) as exc:
        st.error(plain(error_text(exc)))
        for message in error_fields(exc).values():
            st.caption(f"• {plain(message)}")
        return
    st.success(tr("pw_saved"))
    st.rerun()


def _login_form() -> None:
    st.title(tr("login_heading"))
    notice = st.session_state.pop(NOTICE, None)
    if notice:
        st.info(notice, icon=":material/info:")
    db = database()
    left, right = st.columns([1, 1.4], gap="large")
    with left, st.form("login"):
        username = st.text_input(tr("login_username"), key="login_user", autocomplete="username")
        password = st.text_input(
            tr("login_password"), type="password", key="login_pw", autocomplete="current-password"
        )
        submitted = st.form_submit_button(tr("login_submit"), type="primary", width="stretch")
    if submitted:
        try:
            # Wrong passwords lock the account for this device only (see authenticate).
            address = st.context.ip_address
            client = address if isinstance(address, str) else ""
            actor = auth.authenticate(db, username, password, now_utc(), client=client)
        except NotAllowed as exc:
            left.error(plain(error_text(exc)), icon=":material/lock:")
        else:
            st.session_state[ACTOR] = actor
            st.session_state[SEEN] = now_utc()
            st.rerun()
    if not auth.has_accounts(db):
        left.warning(tr("login_no_accounts"))
    if has_sample_data(db) and settings().demo:
        with right:
            _demo_accounts(set(auth.default_password_accounts(db)))


def _demo_accounts(still_default: set[str]) -> None:
    rows = [
        {
            tr("col_username"): username,
            tr("col_password"): password,
            tr("col_role"): vocab.label("role", role, lang()),
            tr("col_area"): area_label(kec, kel),
        }
        for username, _name, role, kec, kel, password in demo_accounts()
        if username in still_default
    ]
    if not rows:
        return
    st.subheader(tr("demo_accounts"))
    st.caption(tr("demo_accounts_caption"))
    st.table(pd.DataFrame(rows).set_index(tr("col_username")))


def sidebar(actor: Actor) -> None:
    with st.sidebar:
        st.markdown(tr("signed_in_as", name=plain(actor.display_name), role=role_text(actor)))
        if st.button(tr("logout"), icon=":material/logout:", key="logout"):
            logout()
            st.rerun()
