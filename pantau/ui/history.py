"""A record's history as a table: when (WIB), by whom, what changed, the note."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pantau.access.permissions import Actor
from pantau.dashboard.history import history_rows, record_history
from pantau.kernel.errors import NotAllowed
from pantau.ui.context import database, error_text, lang, tr
from pantau.ui.text import plain


def show_history(
    actor: Actor, record_type: str, record_id: int, heading: str, *, limit: int = 200
) -> None:
    """The history table under `heading` (the newest `limit` events)."""
    lg = lang()
    st.markdown(f"**{heading}**")
    try:
        entries = record_history(database(), actor, record_type, record_id)
    except NotAllowed as exc:
        st.info(plain(error_text(exc)))
        return
    if not entries:
        st.caption(tr("detail_no_history"))
        return
    rows = history_rows(record_type, entries, lg)
    columns = [tr("detail_when"), tr("history_who"), tr("detail_change"), tr("detail_note")]
    st.dataframe(pd.DataFrame(rows[:limit], columns=columns), hide_index=True, width="stretch")
