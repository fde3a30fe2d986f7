"""The Siaga page's parts: the warnings in force and recent, per kelurahan the pockets
at risk with their groups and a small map, the one action that plans the watch with
its WhatsApp text, and the figures after the window (the forms: `siagaform.py`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from pantau.access.permissions import Actor, Area, allowed, home_area
from pantau.city.timefmt import format_wib
from pantau.kernel import vocab
from pantau.kernel.errors import PantauError
from pantau.siaga.review import outcome, review
from pantau.siaga.risk import KelurahanRisk, by_kelurahan
from pantau.siaga.warnings import (
    covered,
    recent_warnings,
)
from pantau.siaga.watch import (
    broadcast_text,
    draft_lines,
    draft_watch,
    organise_watch,
    watch_lines,
)
from pantau.ui import kept
from pantau.ui.actions import (
    book,
    drawing,
    flash_here,
    saved,
    show_error,
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


def choose(now: datetime, wanted: str | None) -> dict[str, Any] | None:
    """The warnings in force, coming and recent; the one chosen (by ?id= or the first)."""
    listed = recent_warnings(database(), now)
    if not listed:
        st.info(tr("siaga_none"), icon=":material/sunny:")
        return None
    by_id = {int(w["id"]): w for w in listed}
    ids = list(by_id)
    chosen_before = st.session_state.get(f"{PICK}_chosen_{max(ids)}")
    if wanted and wanted.isdigit() and int(wanted) in by_id:
        first = int(wanted)
    else:
        first = chosen_before if chosen_before in by_id else ids[0]
    chosen = st.selectbox(
        tr("siaga_pick"),
        ids,
        index=ids.index(first),
        # A new key whenever a warning is added (the choice starts on the new one, or
        # the ?id= asked for) and when the language changes: a widget keeps the labels
        # it was first drawn with, so the options would stay in the old language. The
        # choice itself is kept across a language change.
        key=kept.labelled(f"{PICK}_{max(ids)}_{lang()}"),
        format_func=lambda i: f"{tr('siaga_phase_' + by_id[i]['phase'])}: {title_of(by_id[i])}",
    )
    if chosen is not None:
        st.session_state[f"{PICK}_chosen_{max(ids)}"] = int(chosen)
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
            # A map is a page of its own for the browser: drawn at once for a lurah's or
            # a camat's few kelurahan, on request when a warning covers many (31 for rain).
            if open_first or st.toggle(tr("siaga_show_map"), key=f"sg_show_{risk.kode}"):
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
        key=kept.labelled(drawn.key("pockets")),
        format_func=labels.__getitem__,
    )
    groups = st.multiselect(
        tr("siaga_watch_groups"),
        list(names),
        default=list(names),
        key=kept.labelled(drawn.key("groups")),
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
