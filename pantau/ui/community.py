"""The community page's parts: task list and week, a task's actions and share text,
planning (with drafts from suggestions), groups, and the involvement summary."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

import pandas as pd
import streamlit as st

from pantau.access.permissions import Actor, Area, allowed, allowed_somewhere
from pantau.city import areas
from pantau.city.timefmt import format_short_day, format_wib, to_wib, wib_today
from pantau.community import views as community_views
from pantau.community.groups import MAX_IMPORT_ROWS, add_group, import_groups, update_group
from pantau.community.tasks import (
    Plan,
    change_task_status,
    draft_for_pocket,
    plan_task,
    share_text,
    suggestions,
    week_of,
    week_tasks,
)
from pantau.files.importing import read_table
from pantau.kernel import vocab
from pantau.kernel.errors import PantauError
from pantau.kernel.workflow import next_task_states
from pantau.ui import kept, uploads
from pantau.ui.actions import (
    book,
    drawing,
    flash,
    flash_here,
    loaded_version,
    run,
    saved,
    show_error,
    show_problems,
)
from pantau.ui.context import database, lang, tr
from pantau.ui.text import plain

DRAFT = "task_draft"


def area_picker() -> str | None:
    kels = {k.kode: f"{k.nama} (Kec. {k.kecamatan})" for k in areas.kelurahan_list()}
    return (
        st.selectbox(
            tr("filter_kelurahan"),
            ["", *kels],  # "" for all (see pantau/ui/reportlist.py)
            key=kept.labelled("k_kel"),
            format_func=lambda c: kels[c] if c else tr("all"),
        )
        or None
    )


def week_view(now: datetime, kelurahan: str | None) -> None:
    lg = lang()
    today = wib_today(now)
    offset = st.session_state.setdefault("k_week", 0)
    c1, c2, c3 = st.columns([1, 3, 1])
    if c1.button(tr("week_prev"), key="k_prev", icon=":material/chevron_left:"):
        st.session_state["k_week"] = offset - 1
        st.rerun()
    if c3.button(tr("week_next"), key="k_next", icon=":material/chevron_right:"):
        st.session_state["k_week"] = offset + 1
        st.rerun()
    monday, sunday = week_of(today + timedelta(days=7 * offset))
    c2.markdown(f"**{format_short_day(monday, lg)} – {format_short_day(sunday, lg)}**")
    days = week_tasks(database(), monday, now, kelurahan)
    for col, (day, frame) in zip(st.columns(7), days.items(), strict=True):
        with col:
            head = format_short_day(day, lg)
            st.markdown(
                f"**{tr(f'day_{day.weekday()}')}**  \n{head}" + (" ●" if day == today else "")
            )
            for task in frame.to_dict("records"):
                local = to_wib(pd.Timestamp(task["planned_at"]).to_pydatetime())
                status = vocab.label("task_status", task["status"], lg)
                mark = " ⚠" if task["overdue"] else ""
                with st.container(border=True):
                    st.markdown(
                        f"{local:%H.%M} · {plain(task['title'])}{mark}  \n"
                        f":small[{status} · {plain(task['kelurahan'])}]"
                    )


def task_list(actor: Actor, now: datetime, kelurahan: str | None) -> None:
    lg = lang()
    frame = community_views.recent_tasks(database(), now, kelurahan)
    st.caption(tr("tasks_caption", n=len(frame), overdue=int(frame["overdue"].sum())))
    view = pd.DataFrame(
        {
            "id": frame["id"],
            "when": [format_wib(pd.Timestamp(t).to_pydatetime(), lg) for t in frame["planned_at"]],
            "title": frame["title"],
            "type": [vocab.label("task_type", t, lg) for t in frame["task_type"]],
            "kelurahan": frame["kelurahan"],
            "groups": frame["groups"],
            "status": [vocab.label("task_status", s, lg) for s in frame["status"]],
            "overdue": frame["overdue"],
            "participants": frame["participants"],
        }
    )
    st.dataframe(
        view,
        hide_index=True,
        width="stretch",
        height=min(36 * (len(view) + 1) + 4, 460),
        column_config={
            "id": st.column_config.NumberColumn("#", format="%d"),
            "when": st.column_config.TextColumn(tr("task_when")),
            "title": st.column_config.TextColumn(tr("task_title"), width="large"),
            "type": st.column_config.TextColumn(tr("task_type")),
            "kelurahan": st.column_config.TextColumn(tr("col_kelurahan")),
            "groups": st.column_config.TextColumn(tr("task_groups")),
            "status": st.column_config.TextColumn(tr("map_status")),
            "overdue": st.column_config.CheckboxColumn(tr("map_overdue")),
            "participants": st.column_config.NumberColumn(tr("task_participants"), format="%d"),
        },
    )
    if frame.empty:
        return
    labels = {int(r["id"]): f"#{int(r['id'])} · {r['title']}" for r in frame.to_dict("records")}
    chosen = st.selectbox(
        tr("task_pick"), list(labels), key=kept.labelled("k_task"), format_func=labels.__getitem__
    )
    if chosen is not None:
        task = {str(k): v for k, v in frame[frame["id"] == chosen].iloc[0].to_dict().items()}
        task_actions(actor, task, now)


def task_actions(actor: Actor, task: dict[str, Any], now: datetime) -> None:
    tid = int(str(task["id"]))
    lg = lang()
    left, right = st.columns(2, gap="large")
    with left:
        st.markdown(f"**{tr('share_heading')}**")
        place = community_views.place_of_task(database(), task)
        text = share_text({**task, **(place or {})})
        st.code(text, language=None, wrap_lines=True)
        st.caption(tr("share_caption"))
    area = Area(str(task["kecamatan_kode"]), str(task["kelurahan_kode"]))
    options = next_task_states(str(task["status"]))
    drawn = drawing(f"task_{tid}")
    with right:
        flash_here(drawn.base)
    if not options or not allowed(actor, "edit_community", area):
        return
    with right, st.form(drawn.form):
        st.markdown(f"**{tr('status_change')}**")
        target = st.selectbox(
            tr("status_next"),
            options,
            index=None,
            placeholder=tr("choose"),
            key=kept.labelled(drawn.key("to")),
            format_func=lambda s: vocab.label("task_status", s, lg),
        )
        note = st.text_input(tr("task_note"), key=drawn.key("note"), max_chars=300)
        people = st.number_input(tr("task_participants"), 0, 5000, 0, key=drawn.key("n"))
        submitted = st.form_submit_button(tr("save"), type="primary")
    version = loaded_version(drawn, int(str(task["version"])), submitted)
    if submitted:
        if target is None:
            with right:
                st.error(tr("choose_missing", what=tr("status_next").lower()))
            return
        run(
            lambda: change_task_status(
                database(), actor, tid, version, str(target), note, now, int(people)
            ),
            tr("saved"),
            drawn,
        )


def plan_form(actor: Actor, now: datetime, kelurahan: str | None) -> None:
    lg = lang()
    draft: Plan | None = st.session_state.get(DRAFT)
    kels = {k.kode: k.nama for k in areas.kelurahan_list()}
    drawn = drawing("p")
    flash_here(drawn.base)
    with st.form(drawn.key("form")):
        c1, c2 = st.columns(2)
        types = vocab.codes("task_type")
        task_type = c1.selectbox(
            tr("task_type"),
            types,
            key=kept.labelled(drawn.key("type")),
            index=types.index(draft.task_type) if draft else 0,
            format_func=lambda c: vocab.label("task_type", c, lg),
        )
        title = c2.text_input(
            tr("task_title"), draft.title if draft else "", key=drawn.key("title"), max_chars=120
        )
        kel_options = list(kels)
        default_kel = kelurahan or actor.kelurahan_kode
        kel = c1.selectbox(
            tr("filter_kelurahan"),
            kel_options,
            key=kept.labelled(drawn.key("kel")),
            index=kel_options.index(default_kel) if default_kel in kels else 0,
            format_func=kels.__getitem__,
        )
        pocket = c2.number_input(
            tr("task_pocket"),
            0,
            value=draft.pocket_id or 0 if draft else 0,
            key=drawn.key("pocket"),
            help=tr("task_pocket_help"),
        )
        day = c1.date_input(
            tr("task_day"),
            draft.day if draft else wib_today(now),
            key=drawn.key("day"),
            format="DD/MM/YYYY",
        )
        clock = c2.time_input(
            tr("task_time"), draft.clock if draft else time(7, 0), key=drawn.key("time"), step=900
        )
        names = community_views.group_names(database(), kel)
        chosen = st.multiselect(
            tr("task_groups"),
            list(names),
            key=kept.labelled(drawn.key("groups")),
            format_func=names.__getitem__,
            select_all=False,
            placeholder=tr("choose"),
        )
        weekly = st.checkbox(tr("task_weekly"), key=drawn.key("weekly"))
        until = st.date_input(
            tr("task_until"),
            wib_today(now) + timedelta(days=90),
            key=drawn.key("until"),
            format="DD/MM/YYYY",
        )
        submitted = st.form_submit_button(tr("task_plan"), type="primary")
    if submitted:
        plan = Plan(
            str(task_type),
            title,
            day,
            clock,
            kelurahan_kode=kel,
            pocket_id=int(pocket) or None,
            group_ids=tuple(chosen),
            weekly_until=until if weekly else None,
        )
        records = book()  # before the save (see ui.actions.Book)
        try:
            ids = plan_task(database(), actor, plan, now)
        except PantauError as exc:
            show_error(exc)
            return
        saved(records, drawn, tr("task_planned", n=len(ids)), at=drawn.base)
        st.session_state.pop(DRAFT, None)
        st.rerun()


def suggestion_list(actor: Actor, now: datetime, kelurahan: str | None) -> None:
    lg = lang()
    frame = suggestions(database(), now, kelurahan)
    st.caption(tr("suggest_caption", n=len(frame)))
    for pocket in frame.head(15).to_dict("records"):
        area = Area(pocket["kecamatan_kode"], pocket["kelurahan_kode"])
        with st.container(border=True):
            c1, c2 = st.columns([4, 1])
            c1.markdown(
                f"**{tr('map_pocket')} #{int(pocket['id'])}** · {plain(pocket['kelurahan'])} · "
                f"{tr('suggest_floods', n=int(pocket['floods']))} · "
                f"{vocab.label('cause', str(pocket['main_cause']), lg)}"
            )
            if allowed(actor, "edit_community", area) and c2.button(
                tr("suggest_draft"), key=f"draft_{int(pocket['id'])}", icon=":material/edit_note:"
            ):
                st.session_state[DRAFT] = draft_for_pocket(
                    {str(k): v for k, v in pocket.items()}, wib_today(now)
                )
                plan = drawing("p")
                for name in ("type", "title", "pocket", "day", "time", "kel"):
                    st.session_state.pop(plan.key(name), None)
                flash(tr("suggest_drafted"))
                st.rerun()


def group_list(actor: Actor, now: datetime, kelurahan: str | None) -> None:
    lg = lang()
    frame = community_views.groups(database(), actor, kelurahan)  # contact masked for actor
    st.dataframe(
        pd.DataFrame(
            {
                tr("col_kelurahan"): frame["kelurahan"],
                tr("group_type"): [vocab.label("group_type", t, lg) for t in frame["group_type"]],
                tr("col_name"): frame["name"],
                "RW": frame["rw"],
                tr("group_contact"): frame["contact_name"],
                tr("lapor_phone"): frame["contact_phone"],
                tr("state_active"): frame["active"],
            }
        ),
        hide_index=True,
        width="stretch",
        height=min(36 * (len(frame) + 1) + 4, 420),
    )
    if not allowed_somewhere(actor, "edit_community"):
        return
    add = drawing("g_add")
    flash_here(add.base)
    with st.expander(tr("group_add"), icon=":material/group_add:"), st.form(add.key("form")):
        kels = {k.kode: k.nama for k in areas.kelurahan_list()}
        default = kelurahan or actor.kelurahan_kode
        values = {
            "kelurahan_kode": st.selectbox(
                tr("filter_kelurahan"),
                list(kels),
                key=kept.labelled(add.key("kel")),
                index=list(kels).index(default) if default in kels else 0,
                format_func=kels.__getitem__,
            ),
            "group_type": st.selectbox(
                tr("group_type"),
                vocab.codes("group_type"),
                key=kept.labelled(add.key("type")),
                format_func=lambda c: vocab.label("group_type", c, lg),
            ),
            "name": st.text_input(tr("col_name"), key=add.key("name"), max_chars=120),
            "rw": st.text_input("RW", key=add.key("rw"), max_chars=2),
            "contact_name": st.text_input(tr("group_contact"), key=add.key("contact")),
            "contact_phone": st.text_input(tr("lapor_phone"), key=add.key("phone")),
        }
        if st.form_submit_button(tr("group_add")):
            run(lambda: add_group(database(), actor, values, now), tr("saved"), add)
    _group_edit(actor, frame, now)
    upload = uploads.table(tr("group_import"), key="g_import")
    if upload is not None and st.button(tr("import_run"), key="g_import_run"):
        try:
            frame = read_table(upload.name, upload.getvalue(), max_rows=MAX_IMPORT_ROWS)
            ids, problems = import_groups(database(), actor, frame, now)
        except PantauError as exc:
            show_error(exc)
            return
        if problems:
            show_problems(problems)
        else:
            st.success(tr("group_imported", n=len(ids)))


def _group_edit(actor: Actor, frame: pd.DataFrame, now: datetime) -> None:
    mine = [
        g
        for g in frame.to_dict("records")
        if allowed(actor, "edit_community", Area(g["kecamatan_kode"], g["kelurahan_kode"]))
    ]
    if not mine:
        return
    with st.expander(tr("group_edit"), icon=":material/edit:"):
        names = {int(g["id"]): f"{g['name']} ({g['kelurahan']})" for g in mine}
        gid = st.selectbox(
            tr("group_pick"),
            list(names),
            key=kept.labelled("g_edit_pick"),
            format_func=names.__getitem__,
        )
        group = next(g for g in mine if int(g["id"]) == gid)
        drawn = drawing(f"g_{gid}")
        flash_here(drawn.base)
        with st.form(drawn.key("form")):
            values = {
                "name": st.text_input(tr("col_name"), group["name"], key=drawn.key("name")),
                "rw": st.text_input("RW", _text(group["rw"]), key=drawn.key("rw"), max_chars=2),
                "contact_name": st.text_input(
                    tr("group_contact"), _text(group["contact_name"]), key=drawn.key("contact")
                ),
                "contact_phone": st.text_input(
                    tr("lapor_phone"), _text(group["contact_phone"]), key=drawn.key("phone")
                ),
                "active": st.checkbox(
                    tr("state_active"), bool(group["active"]), key=drawn.key("active")
                ),
            }
            submitted = st.form_submit_button(tr("save"))
        version = loaded_version(drawn, int(group["version"]), submitted)
        if submitted:
            run(
                lambda: update_group(database(), actor, gid, version, values, now),
                tr("saved"),
                drawn,
            )


def _text(value: object) -> str:
    """A frame cell as form text: empty for None or NaN."""
    return "" if value is None or value != value else str(value)


def involvement(now: datetime) -> None:
    frame = community_views.involvement(database(), now)
    st.caption(tr("involve_caption"))
    st.dataframe(
        frame[["kelurahan", "tasks_done", "participants", "groups_active", "groups"]].rename(
            columns={
                "kelurahan": tr("col_kelurahan"),
                "tasks_done": tr("involve_done"),
                "participants": tr("task_participants"),
                "groups_active": tr("involve_active"),
                "groups": tr("involve_groups"),
            }
        ),
        hide_index=True,
        width="stretch",
        height=min(36 * 32 + 4, 620),
    )


def tasks_of(record_type: str, record_id: int, now: datetime) -> None:
    """The tasks linked to a pocket or a site, for its page."""
    lg = lang()
    frame = community_views.tasks_at(database(), record_type, record_id, now)
    st.markdown(f"**{tr('tasks_here', n=len(frame))}**")
    for task in frame.tail(8).to_dict("records"):
        when = format_wib(pd.Timestamp(task["planned_at"]).to_pydatetime(), lg)
        status = vocab.label("task_status", task["status"], lg)
        st.markdown(
            f"- {when} · {plain(task['title'])} · {status}"
            + (f" · {tr('map_overdue')}" if task["overdue"] else "")
        )
