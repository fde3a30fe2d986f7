"""Administration (admin only): accounts, roles and areas, one-time passwords, locks."""

import streamlit as st

from pantau.access import accounts
from pantau.kernel.clock import now_utc
from pantau.kernel.errors import NotAllowed
from pantau.ui import admin
from pantau.ui.context import database, error_text, tr
from pantau.ui.history import show_history
from pantau.ui.page import chrome
from pantau.ui.text import plain

actor = chrome()
now = now_utc()
st.title(tr("admin_heading"))
try:
    rows = accounts.list_users(database(), actor)
except NotAllowed as exc:
    st.error(plain(error_text(exc)), icon=":material/block:")
    st.stop()
st.caption(
    tr(
        "admin_caption",
        n=len(rows),
        locked=sum(admin.is_locked(r, now) for r in rows),
        demo=sum(bool(r["default_password"]) for r in rows),
    )
)
admin.show_one_time_password()
admin.user_table(rows, now)
admin.stranded_records(actor, now)

left, right = st.columns(2, gap="large")
with left:
    st.subheader(tr("admin_new"))
    admin.new_account_form(actor)
with right:
    st.subheader(tr("admin_edit"))
    by_name = {str(r["username"]): r for r in rows}
    chosen = st.selectbox(tr("admin_pick"), list(by_name), key="admin_user")
    if chosen:
        admin.account_actions(actor, by_name[chosen], now)
        show_history(actor, "user", int(by_name[chosen]["id"]), tr("admin_history"))
