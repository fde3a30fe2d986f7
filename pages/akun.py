"""My account: who I am, what I may do where, and changing my password."""

import streamlit as st

from pantau.ui.context import tr
from pantau.ui.history import show_history
from pantau.ui.page import chrome
from pantau.ui.session import password_form, role_text
from pantau.ui.text import plain

actor = chrome()
st.title(tr("account_heading"))
st.markdown(f"**{plain(actor.display_name)}** · `{plain(actor.username)}` · {role_text(actor)}")
st.subheader(tr("pw_save"))
password_form(actor, "own_password")
show_history(actor, "user", actor.id, tr("admin_history"))
