"""Pockets: the chronic ranking (city or one kecamatan/kelurahan) and one pocket's
page: how often it flooded in 12 months, depths, hours to recede, causes, reports."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import streamlit as st

from pantau.access.permissions import Actor
from pantau.city import areas
from pantau.city.timefmt import format_short_day, format_wib, to_wib
from pantau.floods.listing import chronic_ranking, pocket_reports
from pantau.floods.pockets import chronic_stats, pocket_causes
from pantau.kernel import vocab
from pantau.kernel.i18n import number
from pantau.ui import kept
from pantau.ui.community import tasks_of
from pantau.ui.context import database, lang, tr
from pantau.ui.listnav import linked_table
from pantau.ui.text import plain


def ranking(now: datetime) -> None:
    lg = lang()
    kecs = {k.kode: k.nama for k in areas.kecamatan_list()}
    kels = {k.kode: k.nama for k in areas.kelurahan_list()}
    c1, c2 = st.columns(2)
    kec = (
        c1.selectbox(
            tr("filter_kecamatan"),
            ["", *kecs],  # "" for all (see pantau/ui/reportlist.py)
            key=kept.labelled("t_kec"),
            format_func=lambda c: kecs[c] if c else tr("all"),
        )
        or None
    )
    choices = ["", *(k for k, v in kels.items() if not kec or k.startswith(kec))]
    kel = (
        c2.selectbox(
            tr("filter_kelurahan"),
            choices,
            key=kept.labelled("t_kel"),
            format_func=lambda c: kels[c] if c else tr("all"),
        )
        or None
    )
    frame = chronic_ranking(database(), now, kec, kel)
    st.caption(tr("pocket_caption", n=len(frame), chronic=int(frame["chronic"].sum())))
    view = pd.DataFrame(
        {
            "rank": frame["rank"],
            "pocket": [f"#{i}" for i in frame["id"]],
            "kelurahan": frame["kelurahan"],
            "floods": frame["floods"],
            "max_depth": frame["max_depth"],
            "typical_depth": frame["typical_depth"].round(0),
            "hours": frame["typical_hours"].round(1),
            "cause": [vocab.label("cause", str(c), lg) for c in frame["main_cause"]],
            "last": [
                format_short_day(to_wib(pd.Timestamp(t).to_pydatetime()).date(), lg)
                for t in frame["last_flood"]
            ],
            "chronic": frame["chronic"],
        }
    )
    st.caption(":material/touch_app: " + tr("list_pick_hint"))
    linked_table(
        view,
        [int(i) for i in frame["id"]],
        "pages/titik.py",
        key="pockets",
        height=min(36 * (len(view) + 1) + 4, 620),
        # Widths sum to what a 1440 px screen leaves beside the sidebar (978 px).
        column_config={
            "rank": st.column_config.NumberColumn(tr("pocket_rank"), format="%d", width=75),
            "pocket": st.column_config.TextColumn(tr("map_pocket"), width=80, pinned=True),
            "kelurahan": st.column_config.TextColumn(tr("col_kelurahan"), width=125),
            "floods": st.column_config.NumberColumn(
                tr("pocket_floods"), format="%d", width=115, help=tr("pocket_floods")
            ),
            "max_depth": st.column_config.NumberColumn(
                tr("map_max_depth"), format="%d cm", width=85
            ),
            "typical_depth": st.column_config.NumberColumn(
                tr("map_typical_depth"), format="%d cm", width=80
            ),
            "hours": st.column_config.NumberColumn(
                tr("pocket_hours"), format="%.1f", width=115, help=tr("pocket_hours")
            ),
            "cause": st.column_config.TextColumn(tr("report_cause"), width=130),
            "last": st.column_config.TextColumn(tr("map_last_flood"), width=100),
            "chronic": st.column_config.CheckboxColumn(tr("map_chronic"), width=65),
        },
    )


def show(actor: Actor, pocket_id: int, now: datetime) -> None:
    lg = lang()
    stats = chronic_stats(database(), now)  # the last 12 months, as "chronic" means
    row = stats[stats["id"] == pocket_id]
    st.title(f"{tr('map_pocket')} #{pocket_id}")
    if row.empty:
        st.info(tr("pocket_no_floods"))
        return
    p = row.iloc[0]
    st.caption(f"{plain(p['kelurahan'])}, {plain(p['kecamatan'])} · {p['lat']:.5f}, {p['lon']:.5f}")
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(tr("pocket_floods"), int(p["floods"]))
    c2.metric(tr("map_max_depth"), f"{int(p['max_depth'])} cm")
    c3.metric(tr("map_typical_depth"), f"{float(p['typical_depth']):.0f} cm")
    hours = p["typical_hours"]
    c4.metric(tr("pocket_hours"), "–" if pd.isna(hours) else number(float(hours), lang()))
    if p["chronic"]:
        st.error(tr("pocket_is_chronic"), icon=":material/warning:")
    causes = pocket_causes(database(), pocket_id, now)
    st.markdown(
        f"**{tr('detail_causes')}:** "
        + ", ".join(f"{vocab.label('cause', c, lg)} ({n})" for c, n in causes)
    )
    st.page_link(
        "pages/peta.py",
        label=tr("site_on_map"),
        icon=":material/map:",
        query_params={"pilih": f"pocket-{pocket_id}"},
    )
    tasks_of("pocket", pocket_id, now)
    reports = pocket_reports(database(), actor, pocket_id, now)  # masked for actor
    st.markdown(f"**{tr('pocket_reports', n=len(reports))}**")
    st.caption(":material/touch_app: " + tr("list_pick_hint"))
    linked_table(
        pd.DataFrame(
            {
                "id": reports["id"],
                "observed": [
                    format_wib(pd.Timestamp(t).to_pydatetime(), lg) for t in reports["observed_at"]
                ],
                "depth": reports["depth_cm"],
                "cause": [vocab.label("cause", c, lg) for c in reports["cause"]],
                "status": [vocab.label("report_status", s, lg) for s in reports["status"]],
            }
        ),
        [int(i) for i in reports["id"]],
        "pages/genangan.py",
        key="pocket_reports",
        column_config={
            "id": st.column_config.NumberColumn("#", format="%d", width=60),
            "observed": st.column_config.TextColumn(tr("report_observed"), width=170),
            "depth": st.column_config.NumberColumn(tr("map_depth"), format="%d cm", width=90),
            "cause": st.column_config.TextColumn(tr("report_cause"), width=150),
            "status": st.column_config.TextColumn(tr("map_status"), width=120),
        },
    )
