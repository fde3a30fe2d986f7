"""Editing a site's details beside the map, with the version it was loaded at.

The form keeps the record as it was when editing began (`base`), so a save made
after someone else's change is refused by the core with their name and time,
and the user's input stays in the form until they choose to reload.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import streamlit as st

from pantau.access.permissions import Actor
from pantau.kernel import vocab
from pantau.kernel.clock import now_utc
from pantau.kernel.errors import Conflict, InvalidInput, NotAllowed, NotFound
from pantau.sites.fields import MAX_NAME, MAX_TEXT, SWEEP_DAYS
from pantau.sites.rules import EDITABLE_FIELDS, edit_site
from pantau.ui import kept
from pantau.ui.actions import book, drawing, flash_here, retire, saved
from pantau.ui.context import database, error_fields, error_text, lang, tr
from pantau.ui.text import plain


def _base_key(site_id: int) -> str:
    return f"site_edit_base_{site_id}"


def _reset(site_id: int) -> None:
    for key in list(st.session_state.keys()):
        if str(key).startswith(f"site_{site_id}_") or key == _base_key(site_id):
            del st.session_state[key]


def edit_form(actor: Actor, record: dict[str, Any]) -> None:
    """The edit expander for one site (the caller checked the actor may edit it;
    the core checks again when saving)."""
    site_id = int(record["id"])
    base: dict[str, Any] = st.session_state.setdefault(
        _base_key(site_id), {k: record[k] for k in (*EDITABLE_FIELDS, "version")}
    )
    conflict = st.session_state.get(f"site_{site_id}_conflict")
    lg = lang()
    drawn = drawing(f"site_{site_id}")
    flash_here(drawn.base)
    with st.expander(tr("edit_site"), icon=":material/edit:", expanded=bool(conflict)):
        with st.form(drawn.key("form")):
            values = {
                "name": st.text_input(
                    tr("site_name"), base["name"], key=drawn.key("name"), max_chars=MAX_NAME
                ),
                "address": st.text_input(
                    tr("site_address"),
                    base["address"] or "",
                    key=drawn.key("address"),
                    max_chars=MAX_TEXT,
                ),
                "category": st.selectbox(
                    tr("site_category"),
                    vocab.codes("site_category"),
                    index=vocab.codes("site_category").index(base["category"]),
                    format_func=lambda c: vocab.label("site_category", c, lg),
                    key=kept.labelled(drawn.key("category")),
                ),
                "target_date": st.date_input(
                    tr("site_target"),
                    base["target_date"],
                    key=drawn.key("target"),
                    format="DD/MM/YYYY",
                ),
                "sweep_interval_days": st.number_input(
                    tr("site_interval"),
                    min_value=SWEEP_DAYS[0],
                    max_value=SWEEP_DAYS[1],
                    value=int(base["sweep_interval_days"]),
                    key=drawn.key("interval"),
                ),
            }
            note = st.text_input(tr("change_note"), key=drawn.key("note"))
            submitted = st.form_submit_button(tr("save"), type="primary")
        if conflict:
            st.error(plain(conflict), icon=":material/sync_problem:")
            st.caption(tr("conflict_kept"))
            if st.button(tr("reload"), key=f"site_{site_id}_reload", icon=":material/refresh:"):
                _reset(site_id)
                st.rerun()
    if not submitted:
        if int(base["version"]) != int(record["version"]) and not conflict:
            # The site moved on (a status change on this page, or someone else's
            # save) while nobody was typing here: draw the form from the new record.
            _reset(site_id)
            retire(drawn)
            st.rerun()
        return
    if not isinstance(values["target_date"], date):
        values["target_date"] = None
    changed = {
        k: v for k, v in values.items() if v != base[k] and not (v == "" and base[k] is None)
    }
    records = book()  # before the save (see ui.actions.Book)
    try:
        edit_site(
            database(), actor, site_id, int(base["version"]), changed, now_utc(), note or None
        )
    except Conflict as exc:
        st.session_state[f"site_{site_id}_conflict"] = error_text(exc)
        st.rerun()
    except (InvalidInput, NotAllowed, NotFound) as exc:
        st.error(plain(error_text(exc)))
        for field, message in error_fields(exc).items():
            st.caption(f"• {field}: {plain(message)}")
        return
    saved(records, drawn, tr("saved"), at=drawn.base)
    _reset(site_id)
    st.rerun()
