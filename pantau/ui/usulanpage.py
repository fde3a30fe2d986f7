"""The usulan page: suggestions from the evidence with one "Buat usulan" each, the
kelurahan's usulan in the lurah's order (move up/down, forward, pull back), the
forwarded ones of the kecamatan in the camat's order (priority marking), downloads,
and one usulan with its evidence, its PDF sheet, its edit form and the decision.

Every button names the version it was drawn with in its key: a double click meets
a widget that no longer exists after the first one saved, and the core refuses a
stale version anyway."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pandas as pd
import streamlit as st

from pantau.access.permissions import Actor, Area, allowed, allowed_somewhere, home_area
from pantau.city import areas
from pantau.city.timefmt import format_wib
from pantau.kernel import vocab
from pantau.kernel.errors import PantauError
from pantau.kernel.workflow import next_usulan_states
from pantau.musrenbang.evidence import loads
from pantau.musrenbang.files import (
    budget_text,
    evidence_numbers,
    evidence_pdf,
    plan_csv,
    plan_table,
    plan_xlsx,
    priority_text,
    volume_text,
)
from pantau.musrenbang.usulan import (
    FORWARD_LIMIT,
    FORWARDED,
    PRIORITY_LIMIT,
    Draft,
    draft_from_pocket,
    draft_from_site,
    edit_usulan,
    get_usulan,
    list_usulan,
    move_usulan,
    musrenbang_year,
    refresh_evidence,
    shift_usulan,
    suggestions,
)
from pantau.store.ports import Store
from pantau.ui import actions, kept
from pantau.ui.context import database, lang, tr
from pantau.ui.text import plain

MAX_SUGGESTIONS = 12
SHIFTS = ((-1, "arrow_upward", "usulan_move_up"), (1, "arrow_downward", "usulan_move_down"))
MOVE_LABELS = {
    ("draft", "diteruskan"): "usulan_forward",
    ("diteruskan", "draft"): "usulan_pull_back",
    ("diteruskan", "prioritas"): "usulan_mark_priority",
    ("prioritas", "diteruskan"): "usulan_unmark_priority",
}
STATUS_COLOURS = {
    "draft": "gray",
    "diteruskan": "blue",
    "prioritas": "orange",
    "diterima": "green",
    "tidak_diterima": "red",
}


def _area_of(row: dict[str, Any]) -> Area:
    return Area(str(row["kecamatan_kode"]), str(row["kelurahan_kode"]))


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(k): v for k, v in r.items()} for r in frame.to_dict("records")]


def _shift_buttons(
    db: Store, actor: Actor, row: dict[str, Any], at: int, n: int, level: str, now: datetime
) -> None:
    """Up and down in the lurah's (`level` "kelurahan") or the camat's order."""
    uid, version = int(row["id"]), int(row["version"])
    for step, icon, name in SHIFTS:
        edge = at == 0 if step < 0 else at == n - 1
        if st.button(
            "",
            key=f"u_{level}_{step}_{uid}_{version}",
            icon=f":material/{icon}:",
            help=tr(name),
            disabled=edge,
        ):

            def shift(step: int = step) -> None:
                shift_usulan(db, actor, uid, version, step, level, now)

            actions.run(shift, tr("usulan_reordered"))


def _kelurahan_area(kel: str) -> Area:
    return Area(areas.kelurahan(kel).kecamatan_kode, kel)


def _badge(status: str) -> str:
    name = vocab.label("usulan_status", status, lang())
    return f":{STATUS_COLOURS.get(status, 'gray')}-badge[{name}]"


def choose_area(actor: Actor) -> tuple[str | None, str | None]:
    """Kecamatan and kelurahan chosen (a lurah starts on the own kelurahan, a camat on
    the own kecamatan)."""
    kecs = {k.kode: k.nama for k in areas.kecamatan_list()}
    kels = {k.kode: k.nama for k in areas.kelurahan_list()}
    home = home_area(actor)
    c1, c2 = st.columns(2)
    kec_choices = ["", *kecs]  # "" for all (see pantau/ui/reportlist.py)
    kec_start = home.kecamatan_kode if home and home.kecamatan_kode in kecs else ""
    kec = c1.selectbox(
        tr("filter_kecamatan"),
        kec_choices,
        index=kec_choices.index(kec_start),
        key=kept.labelled("u_kec"),
        format_func=lambda c: kecs[c] if c else tr("all"),
    )
    kel_choices = ["", *(k for k in kels if not kec or k.startswith(kec))]
    kel_start = home.kelurahan_kode if home and home.kelurahan_kode in kel_choices else ""
    kel = c2.selectbox(
        tr("filter_kelurahan"),
        kel_choices,
        index=kel_choices.index(kel_start),
        key=kept.labelled("u_kel"),
        format_func=lambda c: kels[c] if c else tr("all"),
    )
    return kec or None, kel or None


def _open(usulan_id: int) -> None:
    st.query_params["id"] = str(usulan_id)


def show_suggestions(actor: Actor, now: datetime, kec: str | None, kel: str | None) -> None:
    db = database()
    found = suggestions(db, now, kecamatan=kec, kelurahan=kel)
    mine = [
        s
        for s in _records(found)
        if allowed(actor, "draft_usulan", _kelurahan_area(str(s["kelurahan_kode"])))
    ]
    st.subheader(tr("usulan_suggest_heading"))
    st.caption(tr("usulan_suggest_caption"))
    if not mine:
        st.info(tr("usulan_suggest_none"), icon=":material/task_alt:")
        return
    lg = lang()
    for s in mine[:MAX_SUGGESTIONS]:
        rid = int(s["record_id"])
        with st.container(border=True, key=f"u_sug_{s['kind']}_{rid}"):
            if s["kind"] == "pocket":
                head = tr("usulan_suggest_pocket", id=rid, kelurahan=s["kelurahan"])
                facts = tr(
                    "usulan_suggest_pocket_facts",
                    floods=int(s["floods"]),
                    depth=int(s["max_depth"]),
                    cause=vocab.label("cause", str(s["main_cause"]), lg),
                )
            else:
                head = tr("usulan_suggest_site", name=s["name"], kelurahan=s["kelurahan"])
                facts = tr(
                    "usulan_suggest_site_facts",
                    regressions=int(s["regressions"]),
                    sweeps=int(s["sweeps"]),
                )
            c1, c2 = st.columns([4, 1], vertical_alignment="center")
            c1.markdown(f"**{plain(head)}**  \n{plain(facts)}")
            if c2.button(
                tr("usulan_make"),
                key=f"u_make_{s['kind']}_{rid}",
                icon=":material/add_task:",
                type="primary",
                width="stretch",
            ):
                draft = draft_from_pocket if s["kind"] == "pocket" else draft_from_site

                def act(draft: Any = draft, rid: int = rid) -> None:
                    _open(draft(db, actor, rid, now))

                actions.run(act, tr("usulan_drafted"))


def _row_line(row: dict[str, Any]) -> str:
    lg = lang()
    bits = [
        vocab.label("usulan_work", str(row["work_type"]), lg),
        volume_text(row, lg),
        budget_text(row["budget"], lg),
        str(row["office"]),
    ]
    return " · ".join(plain(b) for b in bits if b)


def show_kelurahan(actor: Actor, now: datetime, kel: str, year: int) -> None:
    db = database()
    frame = list_usulan(db, year, kelurahan=kel)
    forwarded = int(frame["status"].isin(FORWARDED).sum())
    st.subheader(tr("usulan_kelurahan_heading", kelurahan=areas.kelurahan(kel).nama))
    st.caption(tr("usulan_forward_count", n=forwarded, limit=FORWARD_LIMIT))
    if frame.empty:
        st.info(tr("usulan_none"), icon=":material/inbox:")
        return
    rows = _records(frame)
    for i, row in enumerate(rows):
        uid = int(row["id"])
        may_order = allowed(actor, "forward_usulan", _area_of(row))
        with st.container(border=True, key=f"u_row_{uid}"):
            c1, c2 = st.columns([3, 2], vertical_alignment="center")
            c1.markdown(
                f"**{int(row['kelurahan_rank'])}. {plain(row['title'])}** "
                f"{_badge(str(row['status']))}"
                f"  \n{_row_line(row)}"
            )
            with c2.container(horizontal=True, gap="small"):
                if may_order:
                    _shift_buttons(db, actor, row, i, len(rows), "kelurahan", now)
                    target = {"draft": "diteruskan", "diteruskan": "draft"}.get(str(row["status"]))
                    if target:
                        _move_button(db, actor, row, target, now)
                if st.button(tr("usulan_open"), key=f"u_open_{uid}", icon=":material/open_in_new:"):
                    _open(uid)
                    st.rerun()


def _move_button(db: Store, actor: Actor, row: dict[str, Any], target: str, now: datetime) -> None:
    uid, version = int(row["id"]), int(row["version"])
    if st.button(
        tr(MOVE_LABELS[(str(row["status"]), target)]),
        key=f"u_to_{target}_{uid}_{version}",
        icon=":material/send:" if target != "draft" else ":material/undo:",
    ):
        actions.run(
            lambda: move_usulan(db, actor, uid, version, target, now),
            tr("usulan_moved", status=vocab.label("usulan_status", target, lang())),
        )


def show_kecamatan(actor: Actor, now: datetime, kec: str, year: int) -> None:
    db = database()
    frame = list_usulan(db, year, kecamatan=kec, forwarded_only=True)
    names = {k.kode: k.nama for k in areas.kecamatan_list()}
    st.subheader(tr("usulan_kecamatan_heading", kecamatan=names.get(kec, kec)))
    marked = int(frame["kecamatan_priority"].astype(bool).sum()) if not frame.empty else 0
    st.caption(tr("usulan_priority_count", n=marked, limit=PRIORITY_LIMIT))
    if frame.empty:
        st.info(tr("usulan_none_forwarded"), icon=":material/inbox:")
        return
    rows = _records(frame)
    lg = lang()
    for i, row in enumerate(rows):
        uid = int(row["id"])
        may = allowed(actor, "prioritise_usulan", _area_of(row))
        with st.container(border=True, key=f"u_kec_{uid}"):
            c1, c2 = st.columns([3, 2], vertical_alignment="center")
            c1.markdown(
                f"**{plain(priority_text(row, lg))} · {plain(row['title'])}** "
                f"{_badge(str(row['status']))}"
                f"  \n{plain(row['kelurahan'])} · {_row_line(row)}"
            )
            with c2.container(horizontal=True, gap="small"):
                if may:
                    _shift_buttons(db, actor, row, i, len(rows), "kecamatan", now)
                    target = {"diteruskan": "prioritas", "prioritas": "diteruskan"}.get(
                        str(row["status"])
                    )
                    if target:
                        _move_button(db, actor, row, target, now)
                if st.button(
                    tr("usulan_open"), key=f"u_kopen_{uid}", icon=":material/open_in_new:"
                ):
                    _open(uid)
                    st.rerun()


def downloads(kec: str | None, kel: str | None, year: int) -> None:
    db, lg = database(), lang()
    st.subheader(tr("usulan_download_heading"))
    st.caption(tr("usulan_download_caption"))
    stem = f"usulan-{year}-{kel or kec or 'semua'}"
    c1, c2 = st.columns(2)
    c1.download_button(
        "CSV",
        lambda: plan_csv(plan_table(db, year, kecamatan=kec, kelurahan=kel, lang=lg)),
        f"{stem}.csv",
        "text/csv",
        icon=":material/download:",
        width="stretch",
        key="u_csv",
    )
    c2.download_button(
        "XLSX",
        lambda: plan_xlsx(plan_table(db, year, kecamatan=kec, kelurahan=kel, lang=lg), year),
        f"{stem}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/table:",
        width="stretch",
        key="u_xlsx",
    )


def overview(actor: Actor, now: datetime) -> None:
    year = musrenbang_year(now)
    st.title(tr("usulan_heading", year=year))
    st.caption(tr("usulan_intro", forward=FORWARD_LIMIT, priority=PRIORITY_LIMIT))
    kec, kel = choose_area(actor)
    if allowed_somewhere(actor, "draft_usulan"):
        show_suggestions(actor, now, kec, kel)
    if kel:
        show_kelurahan(actor, now, kel, year)
    if kec or kel:
        show_kecamatan(actor, now, kec or areas.kelurahan(str(kel)).kecamatan_kode, year)
    else:
        st.info(tr("usulan_pick_area"), icon=":material/location_city:")
    downloads(kec, kel, year)


# --- one usulan ------------------------------------------------------------------------


def detail(actor: Actor, usulan_id: int, now: datetime) -> None:
    db, lg = database(), lang()
    try:
        row = get_usulan(db, usulan_id)
    except PantauError as exc:
        actions.show_error(exc)
        return
    evidence = loads(row["evidence_json"])
    area = _area_of(row)
    st.title(plain(row["title"]))
    st.markdown(
        f"{_badge(str(row['status']))} · {plain(priority_text(row, lg))} · "
        f"Kel. {plain(row['kelurahan'])}, Kec. {plain(row['kecamatan'])} · {int(row['year'])}"
    )
    st.markdown(_row_line(row))
    if row["participation"]:
        st.caption(f"{tr('usulan_participation')}: {plain(row['participation'])}")
    if isinstance(row["decision_reason"], str):
        st.caption(f"{tr('usulan_reason')}: {plain(row['decision_reason'])}")
    st.download_button(
        tr("usulan_pdf"),
        lambda: evidence_pdf(db, usulan_id, now, lg),
        f"usulan-{usulan_id}.pdf",
        "application/pdf",
        icon=":material/picture_as_pdf:",
        key=f"u_pdf_{usulan_id}_{int(row['version'])}",
        type="primary",
    )
    st.subheader(tr("usulan_evidence_heading"))
    asof = format_wib(row["evidence_at"], lg) if row["evidence_at"] is not None else "–"
    st.caption(tr("usulan_evidence_asof", at=asof))
    numbers = evidence_numbers(evidence, lg)
    causes = tr("usulan_ev_causes") if evidence.get("kind") == "pocket" else None
    if numbers:
        # Side by side, wrapping on a phone; the causes (a sentence) as a line below.
        with st.container(horizontal=True, gap="medium"):
            for name, value in numbers:
                if name != causes:
                    st.metric(name, value, width="content")
        for name, value in numbers:
            if name == causes:
                st.markdown(f"**{plain(name)}:** {plain(value)}")
    else:
        st.info(tr("usulan_evidence_none"))
    if evidence.get("flood_days_by_year"):
        st.markdown(f"**{tr('usulan_chart_title')}**")
        chart = pd.DataFrame(evidence["flood_days_by_year"], columns=["year", "days"])
        chart["year"] = chart["year"].astype(str)
        st.bar_chart(
            chart, x="year", y="days", x_label="", y_label=tr("usulan_chart_days"), height=220
        )
    if evidence.get("kind") == "site" and evidence.get("history"):
        st.dataframe(
            pd.DataFrame(
                evidence["history"], columns=[tr("usulan_col_when"), tr("usulan_col_result")]
            ),
            hide_index=True,
        )
    if allowed(actor, "draft_usulan", area) and st.button(
        tr("usulan_refresh"),
        key=f"u_refresh_{usulan_id}_{int(row['version'])}",
        icon=":material/refresh:",
    ):
        actions.run(
            lambda: refresh_evidence(db, actor, usulan_id, int(row["version"]), now),
            tr("usulan_refreshed"),
        )
    if row["status"] == "draft" and allowed(actor, "draft_usulan", area):
        edit_form(actor, row, now)
    if "diterima" in next_usulan_states(str(row["status"])) and allowed(
        actor, "decide_usulan", area
    ):
        decide_form(actor, row, now)


def edit_form(actor: Actor, row: dict[str, Any], now: datetime) -> None:
    db, lg = database(), lang()
    uid = int(row["id"])
    drawn = actions.drawing(f"u_edit_{uid}")
    version = actions.loaded_version(drawn, int(row["version"]), False)
    works, units = vocab.codes("usulan_work"), vocab.codes("usulan_unit")
    with st.expander(tr("usulan_edit"), expanded=row["volume"] is None or pd.isna(row["volume"])):
        with st.form(drawn.form):
            title = st.text_input(tr("usulan_f_title"), row["title"], key=drawn.key("title"))
            c1, c2 = st.columns(2)
            work = c1.selectbox(
                tr("usulan_f_work"), works, index=works.index(str(row["work_type"])),
                format_func=lambda c: vocab.label("usulan_work", c, lg),
                key=kept.labelled(drawn.key("work")),
            )  # fmt: skip
            office = c2.text_input(tr("usulan_f_office"), row["office"], key=drawn.key("office"))
            c3, c4, c5, c6 = st.columns(4)
            volume = c3.number_input(
                tr("usulan_f_volume"), min_value=0.0,
                value=None if pd.isna(row["volume"]) else float(row["volume"]),
                key=drawn.key("volume"),
            )  # fmt: skip
            unit_now = None if row["unit"] is None or pd.isna(row["unit"]) else str(row["unit"])
            unit = c4.selectbox(
                tr("usulan_f_unit"), units,
                index=units.index(unit_now) if unit_now in units else 0,
                format_func=lambda c: vocab.label("usulan_unit", c, lg),
                key=kept.labelled(drawn.key("unit")),
            )  # fmt: skip
            rw = c5.text_input("RW", row["rw"] or "", key=drawn.key("rw"))
            rt = c6.text_input("RT", row["rt"] or "", key=drawn.key("rt"))
            budget = st.number_input(
                tr("usulan_f_budget"), min_value=0, step=1_000_000,
                value=None if pd.isna(row["budget"]) else int(row["budget"]),
                key=drawn.key("budget"),
            )  # fmt: skip
            participation = st.text_area(
                tr("usulan_f_participation"), row["participation"] or "", key=drawn.key("part")
            )
            submitted = st.form_submit_button(tr("save"), type="primary")
        if submitted:
            draft = Draft(
                title=title,
                work_type=str(work),
                kelurahan_kode=str(row["kelurahan_kode"]),
                office=office,
                rw=rw or None,
                rt=rt or None,
                volume=volume,
                unit=str(unit) if volume is not None else None,
                budget=int(budget) if budget is not None else None,
                participation=participation,
            )
            actions.run(
                lambda: edit_usulan(db, actor, uid, version, draft, now),
                tr("usulan_saved"),
                drawn,
            )


def decide_form(actor: Actor, row: dict[str, Any], now: datetime) -> None:
    db = database()
    uid, version = int(row["id"]), int(row["version"])
    st.subheader(tr("usulan_decide_heading"))
    drawn = actions.drawing(f"u_decide_{uid}")
    with st.form(drawn.form):
        reason = st.text_input(tr("usulan_reason"), key=drawn.key("reason"))
        c1, c2 = st.columns(2)
        accept = c1.form_submit_button(tr("usulan_accept"), type="primary")
        refuse = c2.form_submit_button(tr("usulan_refuse"))
    if accept or refuse:
        target = "diterima" if accept else "tidak_diterima"
        actions.run(
            lambda: move_usulan(db, actor, uid, version, target, now, reason=reason),
            tr("usulan_moved", status=vocab.label("usulan_status", target, lang())),
            drawn,
        )
