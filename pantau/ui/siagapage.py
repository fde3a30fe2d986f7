"""The Siaga page's parts: entering a warning (water office, admin) one by one or from
a file, the warnings in force and recent, per kelurahan the pockets at risk with their
groups, the one action that plans the watch with its WhatsApp text, and the figures
after the window."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from pantau import areas, vocab
from pantau.errors import PantauError
from pantau.importing import read_table
from pantau.permissions import Actor, Area, allowed, allowed_somewhere, home_area
from pantau.siaga import (
    WarningDraft,
    cancel_warning,
    correct_warning,
    covered,
    create_warning,
    recent_warnings,
)
from pantau.siaga_import import MAX_ROWS, import_warnings
from pantau.siaga_review import outcome, review
from pantau.siaga_risk import KelurahanRisk, by_kelurahan
from pantau.siaga_watch import (
    broadcast_text,
    draft_lines,
    draft_watch,
    organise_watch,
    watch_lines,
)
from pantau.timefmt import format_wib, to_wib
from pantau.ui import uploads
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
from pantau.ui.context import database, lang, settings, tr, trn
from pantau.ui.siagamap import risk_map
from pantau.ui.text import plain

PICK = "sg_pick"
PHASE_BADGE = {"berlangsung": "red", "akan": "orange", "lewat": "gray", "batal": "gray"}


def _label(vocabulary: str, code: object) -> str:
    return vocab.label(vocabulary, str(code), lang())


def title_of(warning: dict[str, Any]) -> str:
    """ "Rob (pasang laut) · Siaga — 22 Nov 2026 06.00 WIB – 22 Nov 2026 14.00 WIB"."""
    lg = lang()
    return (
        f"{_label('warning_kind', warning['kind'])} · {_label('warning_level', warning['level'])}"
        f" — {format_wib(warning['starts_at'], lg)} – {format_wib(warning['ends_at'], lg)}"
    )


# --- entering ---------------------------------------------------------------------


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
                key=key(name),
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
        key=key("kel"),
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


# --- reading ------------------------------------------------------------------------


def choose(now: datetime, wanted: str | None) -> dict[str, Any] | None:
    """The warnings in force, coming and recent; the one chosen (by ?id= or the first)."""
    listed = recent_warnings(database(), now)
    if not listed:
        st.info(tr("siaga_none"), icon=":material/sunny:")
        return None
    by_id = {int(w["id"]): w for w in listed}
    ids = list(by_id)
    first = int(wanted) if wanted and wanted.isdigit() and int(wanted) in by_id else ids[0]
    chosen = st.selectbox(
        tr("siaga_pick"),
        ids,
        index=ids.index(first),
        # A new key whenever a warning is added: the choice starts on the new one (or
        # the ?id= asked for) instead of keeping the one chosen before.
        key=f"{PICK}_{max(ids)}",
        format_func=lambda i: f"{tr('siaga_phase_' + by_id[i]['phase'])}: {title_of(by_id[i])}",
    )
    return by_id[int(chosen)] if chosen is not None else None


def header(warning: dict[str, Any]) -> None:
    phase = str(warning["phase"])
    colour = PHASE_BADGE[phase]
    source = _label("warning_source", warning["source"])
    ref = f" ({plain(warning['source_ref'])})" if warning.get("source_ref") else ""
    n = len(covered(warning))
    how = tr("siaga_coverage_" + str(warning["coverage"]))
    st.markdown(
        f":{colour}-badge[{tr('siaga_phase_' + phase)}] **{plain(title_of(warning))}**  \n"
        f"{tr('siaga_source')}: {plain(source)}{ref} · {trn('siaga_n_kelurahan', n)} ({how})"
    )
    if warning.get("note"):
        st.caption(plain(warning["note"]))
    if phase == "batal" and warning.get("cancel_reason"):
        st.caption(f"{tr('siaga_cancel_reason')}: {plain(warning['cancel_reason'])}")


def at_risk(actor: Actor, warning: dict[str, Any], now: datetime) -> None:
    """Per kelurahan (the actor's own first, or only): ranked pockets, groups, the watch."""
    home = home_area(actor)
    risks = by_kelurahan(database(), actor, warning, now)
    if home is not None and home.kelurahan_kode:
        risks = [r for r in risks if r.kode == home.kelurahan_kode]
    elif home is not None and home.kecamatan_kode:
        risks = [r for r in risks if r.kecamatan_kode == home.kecamatan_kode]
    if not risks:
        st.info(tr("siaga_no_risk_here"))
        return
    st.caption(tr("siaga_risk_caption"))
    open_first = len(risks) <= 3
    for risk in risks:
        label = f"{risk.nama} — {trn('siaga_n_pockets', len(risk.pockets))}"
        with st.expander(label, expanded=open_first, icon=":material/water:"):
            _pockets(risk)
            st_folium(
                risk_map(risk.pockets, risk.nama, settings().tiles, lang()),
                height=260,
                use_container_width=True,
                returned_objects=[],
                key=f"sg_map_{warning['id']}_{risk.kode}",
            )
            _groups(risk)
            watch(actor, warning, risk, now)


def _pockets(risk: KelurahanRisk) -> None:
    lg = lang()
    frame = risk.pockets
    view = pd.DataFrame(
        {
            "rank": frame["rank"],
            "pocket": [
                f"#{int(i)}" + (f" {n}" if isinstance(n, str) and n else "")
                for i, n in zip(frame["id"], frame["name"], strict=True)
            ],
            "chronic": frame["chronic"],
            "floods": frame["floods"],
            "matching": frame["matching"],
            "depth": frame["max_depth"],
            "cause": [vocab.label("cause", str(c), lg) for c in frame["main_cause"]],
            "last": [format_wib(pd.Timestamp(t).to_pydatetime(), lg) for t in frame["last_flood"]],
            "link": [f"/titik?id={int(i)}" for i in frame["id"]],
        }
    )
    st.dataframe(
        view,
        hide_index=True,
        width="stretch",
        column_config={
            "rank": st.column_config.NumberColumn("#", format="%d", width="small"),
            "pocket": st.column_config.TextColumn(tr("siaga_col_pocket")),
            "chronic": st.column_config.CheckboxColumn(tr("siaga_col_chronic")),
            "floods": st.column_config.NumberColumn(tr("siaga_col_floods"), format="%d"),
            "matching": st.column_config.NumberColumn(tr("siaga_col_matching"), format="%d"),
            "depth": st.column_config.NumberColumn(tr("siaga_col_depth"), format="%d"),
            "cause": st.column_config.TextColumn(tr("siaga_col_cause")),
            "last": st.column_config.TextColumn(tr("siaga_col_last")),
            "link": st.column_config.LinkColumn(tr("siaga_col_link"), display_text=tr("list_open")),
        },
    )


def _groups(risk: KelurahanRisk) -> None:
    lg = lang()
    if risk.groups.empty:
        st.caption(tr("siaga_no_groups"))
        return
    lines = [
        f"- {plain(g['name'])} ({vocab.label('group_type', str(g['group_type']), lg)})"
        f" · {plain(g['contact_name'] or '-')} · {plain(g['contact_phone'] or '-')}"
        for g in risk.groups.to_dict("records")
    ]
    st.markdown(f"**{tr('siaga_groups')}**  \n" + "\n".join(lines))


def watch(actor: Actor, warning: dict[str, Any], risk: KelurahanRisk, now: datetime) -> None:
    """The watch already planned with its WhatsApp text; the one action to plan it."""
    db = database()
    wid = int(warning["id"])
    planned = watch_lines(db, wid, risk.kode)
    rank = {int(i): int(r) for i, r in zip(risk.pockets["id"], risk.pockets["rank"], strict=True)}
    planned = planned.sort_values(  # the text lists the pockets in the order of risk
        "pocket_id",
        key=lambda ids: ids.map(lambda i: rank.get(int(i), len(rank) + 1)),
        kind="stable",
    )
    drawn = drawing(f"sg_watch_{wid}_{risk.kode}")
    flash_here(drawn.base)
    if not planned.empty:
        st.markdown(f"**{tr('siaga_watch_planned', n=len(planned))}**")
        st.code(broadcast_text(warning, risk.nama, planned), language=None, wrap_lines=True)
        st.caption(tr("siaga_copy_hint"))
    area = Area(risk.kecamatan_kode, risk.kode)
    if warning["phase"] not in ("berlangsung", "akan") or not allowed(
        actor, "edit_community", area
    ):
        return
    left = [int(i) for i in risk.pockets["id"] if int(i) not in set(planned["pocket_id"])]
    if not left or risk.groups.empty:
        return
    names = {int(g["id"]): str(g["name"]) for g in risk.groups.to_dict("records")}
    labels = {
        int(i): f"#{int(i)}" + (f" {n}" if isinstance(n, str) and n else "")
        for i, n in zip(risk.pockets["id"], risk.pockets["name"], strict=True)
    }
    st.markdown(f"**{tr('siaga_watch_heading')}**")
    pockets = st.multiselect(
        tr("siaga_watch_pockets"),
        left,
        default=left,
        key=drawn.key("pockets"),
        format_func=labels.__getitem__,
    )
    groups = st.multiselect(
        tr("siaga_watch_groups"),
        list(names),
        default=list(names),
        key=drawn.key("groups"),
        format_func=names.__getitem__,
    )
    items = draft_watch(pockets, groups)
    if items and groups:
        st.caption(tr("siaga_watch_preview"))
        st.code(
            broadcast_text(warning, risk.nama, draft_lines(db, items, names)),
            language=None,
            wrap_lines=True,
        )
    if st.button(
        trn("siaga_watch_go", len(items)),
        key=drawn.key("go"),
        type="primary",
        icon=":material/groups:",
        disabled=not items or not groups,
    ):
        records = book()  # before the save: Streamlit may stop a run at session-state access
        try:
            result = organise_watch(db, actor, wid, risk.kode, items, now)
        except PantauError as exc:
            show_error(exc)
            return
        saved(records, drawn, trn("siaga_watch_done", len(result.created)))
        st.rerun()


def after(warning: dict[str, Any], now: datetime) -> None:
    """What happened: watched, flooded, reports from the watchers (provisional while
    the window and its margin run)."""
    if warning["phase"] not in ("berlangsung", "lewat"):
        return
    db = database()
    got = outcome(db, warning, now)
    st.subheader(tr("siaga_after"))
    if warning["phase"] == "berlangsung":
        st.caption(tr("siaga_after_provisional"))
    with st.container(horizontal=True, gap="small"):
        st.metric(tr("siaga_m_warned"), got.warned, width="content")
        st.metric(tr("siaga_m_watched"), f"{got.watched}/{got.planned}", width="content")
        st.metric(tr("siaga_m_flooded"), f"{got.flooded} ({got.flooded_watched})", width="content")
        st.metric(tr("siaga_m_watcher_reports"), got.watcher_reports, width="content")
        st.metric(tr("siaga_m_unwarned"), got.unwarned, width="content")
    st.caption(tr("siaga_after_caption"))
    frame = review(db, warning, now)
    shown = frame[frame["flooded"] | frame["task_status"].notna()]
    if shown.empty:
        return
    lg = lang()
    st.dataframe(
        pd.DataFrame(
            {
                "kelurahan": shown["kelurahan"],
                "pocket": [f"#{int(i)}" for i in shown["id"]],
                "watch": [
                    vocab.label("task_status", str(s), lg) if isinstance(s, str) else "–"
                    for s in shown["task_status"]
                ],
                "flooded": shown["flooded"],
                "reports": shown["reports"],
                "deepest": shown["deepest"],
                "watchers": shown["watcher_reports"],
            }
        ),
        hide_index=True,
        width="stretch",
        column_config={
            "kelurahan": st.column_config.TextColumn(tr("col_kelurahan")),
            "pocket": st.column_config.TextColumn(tr("siaga_col_pocket")),
            "watch": st.column_config.TextColumn(tr("siaga_col_watch")),
            "flooded": st.column_config.CheckboxColumn(tr("siaga_col_flooded")),
            "reports": st.column_config.NumberColumn(tr("siaga_col_reports"), format="%d"),
            "deepest": st.column_config.NumberColumn(tr("siaga_col_depth"), format="%d"),
            "watchers": st.column_config.NumberColumn(tr("siaga_m_watcher_reports"), format="%d"),
        },
    )
