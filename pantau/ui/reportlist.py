"""The genangan list: filters, a table with service-level flags, exports, the SDA
queue and the admin's import with a column-mapping preview."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

import pandas as pd
import streamlit as st

from pantau.access.permissions import Actor, allowed
from pantau.city import areas
from pantau.city.timefmt import day_start_utc, format_wib, wib_today
from pantau.dashboard.queue import sda_queue
from pantau.files.importing import read_table
from pantau.floods import importer as report_import
from pantau.floods.importer import FIELDS, REQUIRED, import_reports, read_times, suggest_mapping
from pantau.floods.listing import (
    ReportQuery,
    report_counts,
    report_rows,
    to_csv,
    to_geojson,
    to_xlsx,
)
from pantau.floods.reports import REPORT_LEVELS
from pantau.floods.sla import ServiceLevel
from pantau.kernel import vocab
from pantau.kernel.errors import PantauError
from pantau.store.ports import Store
from pantau.ui import kept, uploads
from pantau.ui.actions import show_error, show_problems
from pantau.ui.context import database, lang, settings, tr, trn
from pantau.ui.filterbar import kecamatan_of, kota_choice
from pantau.ui.listnav import linked_table, pager
from pantau.ui.text import plain


def filters(today: date) -> ReportQuery:
    lg = lang()
    with st.sidebar:
        st.subheader(tr("filters"))
        period = st.date_input(
            tr("filter_dates"),
            (today - timedelta(days=30), today),
            key="g_dates",
            format="DD/MM/YYYY",
        )
        kota = kota_choice(key="g_kota")
        kecs = kecamatan_of(kota)
        if st.session_state.get("g_kec") not in kecs:
            st.session_state["g_kec"] = ""
        # "" for all, not None: a selectbox handed None through Session State (after a
        # language switch, kept.relabel) shows its placeholder, not the "All" option
        kec = st.selectbox(
            tr("filter_kecamatan"),
            ["", *kecs],
            key=kept.labelled("g_kec"),
            format_func=lambda c: kecs[c] if c else tr("all"),
        )
        kels = {
            k.kode: k.nama for k in areas.kelurahan_list()
            if k.kecamatan_kode == kec or (not kec and k.kecamatan_kode in kecs)
        }  # fmt: skip
        kel = st.selectbox(
            tr("filter_kelurahan"),
            ["", *kels],
            key=kept.labelled("g_kel"),
            format_func=lambda c: kels.get(c, c) if c else tr("all"),
        )
        statuses = st.multiselect(
            tr("filter_report_status"),
            vocab.codes("report_status"),
            key=kept.labelled("g_st"),
            format_func=lambda c: vocab.label("report_status", c, lg),
            select_all=False,
            placeholder=tr("all"),
        )
        levels = st.multiselect(
            tr("filter_owner"),
            list(REPORT_LEVELS),
            key=kept.labelled("g_lvl"),
            format_func=lambda c: vocab.label("owner_level", c, lg),
            select_all=False,
            placeholder=tr("all"),
        )
        sources = st.multiselect(
            tr("report_source"),
            vocab.codes("report_source"),
            key=kept.labelled("g_src"),
            format_func=lambda c: vocab.label("report_source", c, lg),
            select_all=False,
            placeholder=tr("all"),
        )
        late = st.checkbox(tr("sla_late_only"), key="g_late")
        ping = st.checkbox(tr("map_ping_pong"), key="g_ping")
    start, end = (period[0], period[-1]) if isinstance(period, tuple) and period else (today, today)
    return ReportQuery(
        day_start_utc(start),
        day_start_utc(end + timedelta(days=1)),
        kec or kota or None,
        kel if kel in kels else None,
        tuple(statuses),
        tuple(levels),
        tuple(sources),
        late,
        ping,
    )


def table(frame: pd.DataFrame, key: str) -> None:
    """Reports as a table; a click on a row opens the report's page in this tab,
    still signed in."""
    lg = lang()
    # The SDA queue knows how many days each report is past its deadline; say so.
    days = frame["days_late"] if "days_late" in frame else [0] * len(frame)
    view = pd.DataFrame(
        {
            "id": frame["id"],
            "observed": [
                format_wib(pd.Timestamp(t).to_pydatetime(), lg) for t in frame["observed_at"]
            ],
            "kelurahan": frame["kelurahan"],
            "status": [vocab.label("report_status", s, lg) for s in frame["status"]],
            "depth": frame["depth_cm"],
            "cause": [vocab.label("cause", c, lg) for c in frame["cause"]],
            "owner": [vocab.label("owner_level", o, lg) for o in frame["owner_level"]],
            "flags": [
                " · ".join(t for t, on in ((_late(d), a), (tr("map_ping_pong"), b)) if on)
                for a, b, d in zip(frame["late"], frame["ping_pong"], days, strict=True)
            ],
            "late": frame["late"],
            "ping_pong": frame["ping_pong"],
            "reporter": frame["reporter_name"],
        }
    )
    st.caption(":material/touch_app: " + tr("list_pick_hint"))
    linked_table(
        view,
        [int(i) for i in frame["id"]],
        "pages/genangan.py",
        key=key,
        height=min(36 * (len(view) + 1) + 4, 560),
        column_order=[
            "id",
            "observed",
            "kelurahan",
            "status",
            "depth",
            "cause",
            "owner",
            "flags",
            "reporter",
        ],
        # Widths sum to what a 1440 px screen leaves beside the sidebar (978 px;
        # 944 px inside the SDA queue's expander).
        column_config={
            "id": st.column_config.NumberColumn("#", format="%d", width=55, pinned=True),
            "observed": st.column_config.TextColumn(tr("report_observed"), width=145),
            "kelurahan": st.column_config.TextColumn(tr("col_kelurahan"), width=120),
            "status": st.column_config.TextColumn(tr("map_status"), width=110),
            "depth": st.column_config.NumberColumn(tr("map_depth"), format="%d cm", width=80),
            "cause": st.column_config.TextColumn(tr("report_cause"), width=125),
            "owner": st.column_config.TextColumn(tr("map_owner"), width=100),
            "flags": st.column_config.TextColumn(tr("col_flags"), width=110),
            "reporter": st.column_config.TextColumn(tr("report_reporter"), width=95),
        },
    )


def _late(days: object) -> str:
    """'Terlambat', or how many days late when the frame knows it."""
    try:
        n = int(days)  # type: ignore[call-overload]
    except (TypeError, ValueError):  # missing or NaN
        n = 0
    if n <= 0:
        return tr("sla_late")
    return trn("days_late_short", n)


def exports(
    db: Store, actor: Actor, query: ReportQuery, now: datetime, sla: ServiceLevel, today: date
) -> None:
    """CSV, XLSX and GeoJSON of every report under `query`: each file is built only
    when its button is pressed (on its own thread), not on every run of the list."""
    stamp = today.isoformat()

    def build(write: Callable[[pd.DataFrame, Actor], bytes]) -> Callable[[], bytes]:
        return lambda: write(report_rows(db, actor, query, now, sla), actor)

    c1, c2, c3 = st.columns(3)
    c1.download_button(
        "CSV",
        build(to_csv),
        f"laporan-genangan-{stamp}.csv",
        "text/csv",
        icon=":material/download:",
        width="stretch",
        key="g_csv",
    )
    c2.download_button(
        "XLSX",
        build(to_xlsx),
        f"laporan-genangan-{stamp}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:",
        width="stretch",
        key="g_xlsx",
    )
    c3.download_button(
        "GeoJSON",
        build(to_geojson),
        f"laporan-genangan-{stamp}.geojson",
        "application/geo+json",
        icon=":material/download:",
        width="stretch",
        key="g_geojson",
    )


def listing(actor: Actor, query: ReportQuery, now: datetime, sla: ServiceLevel) -> None:
    """The caption, the water office's queue (sda, admin), one page of the list and
    the exports. Counts come from the database and only the page shown is fetched
    and formatted."""
    db = database()
    counts = report_counts(db, query, now, sla)
    st.caption(tr("rlist_caption", n=counts.reports, late=counts.late, ping=counts.ping_pong))
    if allowed(actor, "view_sda_queue"):
        queue = sda_queue(db, actor, now, sla)
        with st.expander(tr("sda_queue", n=len(queue)), expanded=allowed(actor, "work_sda_queue")):
            shown = pager("sda_queue", len(queue))
            table(queue.iloc[shown.offset : shown.offset + shown.limit], "sda_queue")
            shown.controls()
    shown = pager("reports", counts.reports, reset_on=query)
    frame = report_rows(db, actor, query, now, sla, offset=shown.offset, limit=shown.limit)
    table(frame, "reports")
    shown.controls()
    exports(db, actor, query, now, sla, wib_today(now))


def import_tool(actor: Actor, now: datetime) -> None:
    st.subheader(tr("rimport_heading"))
    st.caption(tr("rimport_caption"))
    upload = uploads.table(tr("import_file"), key="report_import")
    if upload is None:
        return
    try:
        frame = read_table(upload.name, upload.getvalue(), max_rows=report_import.MAX_ROWS)
    except PantauError as exc:
        show_error(exc)
        return
    st.markdown(f"**{tr('rimport_preview', n=len(frame))}**")
    st.dataframe(frame.head(5), hide_index=True, width="stretch")
    suggested = suggest_mapping(list(frame.columns))
    options = ["", *frame.columns]  # "": no column ("" not None, see filters above)
    mapping: dict[str, str | None] = {}
    cols = st.columns(4)
    for i, name in enumerate(FIELDS):
        default = suggested[name]
        mapping[name] = (
            cols[i % 4].selectbox(
                tr(f"rfield_{name}") + (" *" if name in REQUIRED else ""),
                options,
                index=options.index(default) if default in options else 0,
                format_func=lambda c: c if c else "–",
                key=kept.labelled(f"rmap_{name}"),
            )
            or None
        )
    for line, cells, at, why in read_times(frame, mapping):  # how date + time are paired
        shown = {"row": line, "cells": plain(cells)}
        st.caption(
            tr("rimport_when", **shown, at=f"{at:%d/%m/%Y %H:%M}")
            if at
            else tr("rimport_when_bad", **shown, problem=plain(why))
        )
    if st.button(tr("import_run"), key="report_import_run", type="primary"):
        s = settings()
        with st.spinner(tr("import_running", n=len(frame))):
            result = import_reports(
                database(),
                actor,
                frame,
                mapping,
                now,
                radius_m=s.pocket_radius_m,
                tolerance_m=s.gap_tolerance_m,
            )
        if result.ok:
            st.success(result.text(lang()))
        else:
            show_problems(result.problems)
