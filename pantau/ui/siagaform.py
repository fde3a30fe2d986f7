"""The Siaga page's forms: entering a warning one by one or from a file, and
correcting or cancelling one still to come or in force (water office, admin)."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

import streamlit as st

from pantau.access.permissions import Actor, allowed_somewhere
from pantau.city import areas
from pantau.city.timefmt import to_wib
from pantau.files.importing import read_table
from pantau.kernel import vocab
from pantau.kernel.errors import PantauError
from pantau.siaga.importer import MAX_ROWS, import_warnings
from pantau.siaga.warnings import (
    WarningDraft,
    cancel_warning,
    correct_warning,
    covered,
    create_warning,
)
from pantau.ui import kept, uploads
from pantau.ui.actions import (
    book,
    drawing,
    flash_here,
    loaded_version,
    run,
    saved,
    show_error,
    show_problems,
)
from pantau.ui.context import database, lang, tr


def entry(actor: Actor, now: datetime) -> None:
    """The form for a new warning and the file import, for those who manage warnings."""
    if not allowed_somewhere(actor, "manage_warnings"):
        return
    drawn = drawing("sg_new")
    flash_here(drawn.base)
    with st.expander(tr("siaga_new"), icon=":material/add_alert:"):
        with st.form(drawn.key("form")):
            draft = _fields(drawn.key, now, None)
            submitted = st.form_submit_button(tr("siaga_save"), type="primary")
        if submitted:
            records = book()  # before the save: Streamlit may stop a run at session-state access
            try:
                wid = create_warning(database(), actor, draft, now)
            except PantauError as exc:
                show_error(exc, drawn)
            else:
                saved(records, drawn, tr("siaga_saved"))
                show_new(wid)
        upload = uploads.table(tr("siaga_import"), key="sg_import")
        st.caption(tr("siaga_import_caption"))
        if upload is not None and st.button(tr("import_run"), key="sg_import_run"):
            try:
                frame = read_table(upload.name, upload.getvalue(), max_rows=MAX_ROWS)
                report = import_warnings(database(), actor, frame, now)
            except PantauError as exc:
                show_error(exc)
                return
            if report.problems:
                show_problems(report.problems)
            else:
                st.success(report.text(lang()))


def show_new(warning_id: int) -> None:
    """After entering a warning: the page shows it (not the one chosen before)."""
    st.query_params["id"] = str(warning_id)
    st.rerun()


def _fields(key: Any, now: datetime, stored: dict[str, Any] | None) -> WarningDraft:
    """The warning's widgets (filled from `stored` when correcting); the draft."""
    lg = lang()
    local_now = to_wib(now)
    start = to_wib(stored["starts_at"]) if stored else local_now + timedelta(hours=1)
    end = to_wib(stored["ends_at"]) if stored else start + timedelta(hours=8)

    def pick(vocabulary: str, name: str, label: str) -> str:
        options = vocab.codes(vocabulary)
        current = options.index(str(stored[name])) if stored else 0
        return str(
            st.selectbox(
                label,
                options,
                index=current,
                key=kept.labelled(key(name)),
                format_func=lambda c: vocab.label(vocabulary, c, lg),
            )
        )

    c1, c2, c3 = st.columns(3)
    with c1:
        kind = pick("warning_kind", "kind", tr("siaga_kind"))
    with c2:
        level = pick("warning_level", "level", tr("siaga_level"))
    with c3:
        source = pick("warning_source", "source", tr("siaga_source"))
    ref = st.text_input(
        tr("siaga_ref"), value=(stored or {}).get("source_ref") or "", key=key("ref"), max_chars=300
    )
    d1, t1, d2, t2 = st.columns(4)
    start_day = d1.date_input(tr("siaga_start_day"), value=start.date(), key=key("sd"))
    start_time = t1.time_input(
        tr("siaga_start_time"), value=time(start.hour, start.minute), key=key("st"), step=1800
    )
    end_day = d2.date_input(tr("siaga_end_day"), value=end.date(), key=key("ed"))
    end_time = t2.time_input(
        tr("siaga_end_time"), value=time(end.hour, end.minute), key=key("et"), step=1800
    )
    names = {k.kode: f"{k.nama} (Kec. {k.kecamatan})" for k in areas.kelurahan_list()}
    chosen = st.multiselect(
        tr("siaga_kelurahan"),
        list(names),
        default=list(covered(stored)) if stored and stored["coverage"] == "dipilih" else [],
        key=kept.labelled(key("kel")),
        format_func=names.__getitem__,
        placeholder=tr("siaga_kelurahan_derived"),
    )
    note = st.text_input(
        tr("siaga_note"), value=(stored or {}).get("note") or "", key=key("note"), max_chars=300
    )
    return WarningDraft(
        kind=kind,
        level=level,
        source=source,
        starts=datetime.combine(start_day, start_time or time(0)),
        ends=datetime.combine(end_day, end_time or time(0)),
        source_ref=ref,
        kelurahan=tuple(chosen),
        note=note,
    )


def manage(actor: Actor, warning: dict[str, Any], now: datetime) -> None:
    """Correct or cancel a warning in force (water office, admin)."""
    if warning["phase"] not in ("akan", "berlangsung") or not allowed_somewhere(
        actor, "manage_warnings"
    ):
        return
    wid = int(warning["id"])
    fix, stop = drawing(f"sg_fix_{wid}"), drawing(f"sg_cancel_{wid}")
    flash_here(fix.base)
    with st.expander(tr("siaga_manage"), icon=":material/edit:"):
        with st.form(fix.key("form")):
            draft = _fields(fix.key, now, warning)
            submitted = st.form_submit_button(tr("siaga_correct"))
        version = loaded_version(fix, int(warning["version"]), submitted)
        if submitted:
            run(
                lambda: correct_warning(database(), actor, wid, version, draft, now),
                tr("saved"),
                fix,
            )
        with st.form(stop.key("form")):
            reason = st.text_input(tr("siaga_cancel_reason"), key=stop.key("reason"))
            cancelled = st.form_submit_button(tr("siaga_cancel"))
        version = loaded_version(stop, int(warning["version"]), cancelled)
        if cancelled:
            run(
                lambda: cancel_warning(database(), actor, wid, version, reason, now),
                tr("siaga_cancelled"),
                stop,
            )
