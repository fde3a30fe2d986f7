"""The weekly meeting page: sections drawn from one Brief, and presentation mode
(no sidebar or controls, large type, no personal data, one section at a time,
paged with buttons or the arrow keys)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from functools import partial

import pandas as pd
import streamlit as st

from pantau.brief import score_columns, whatsapp
from pantau.meeting import (
    LINK_COLUMN,
    LIST_KEYS,
    PEOPLE_COLUMNS,
    Brief,
    column_label,
    human_columns,
    list_title,
)
from pantau.timefmt import format_day, format_wib
from pantau.ui.cache import meeting_files, meeting_map
from pantau.ui.context import tr

PRESENT = "presentation"
SECTION = "meeting_section"

PRESENTATION_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header,
[data-testid="stToolbar"], .pw-controls { display: none !important; }
.stMainBlockContainer { max-width: 100% !important; padding: 1.5rem 3rem !important; }
.stApp, .stApp p, .stApp li, .stApp td, .stApp th { font-size: 1.45rem !important; }
.stApp h1 { font-size: 3rem !important; } .stApp h2, .stApp h3 { font-size: 2.2rem !important; }
.stApp [data-testid="stMetricValue"], .stApp [data-testid="stMetricValue"] p {
  font-size: 3.6rem !important; font-weight: 700 !important; line-height: 1.1 !important; }
.stApp [data-testid="stMetricLabel"] p { font-size: 1.3rem !important; }
.stApp [data-testid="stMetricDelta"], .stApp [data-testid="stMetricDelta"] p {
  font-size: 1.5rem !important; }
.stApp [data-testid="stCaptionContainer"] { display: none; }
</style>
"""

KEYS_JS = """
<script>
(function() {
  const doc = window.parent.document || document;
  if (doc.__pantauKeys) return;
  doc.__pantauKeys = true;
  doc.addEventListener('keydown', function(e) {
    const want = {ArrowRight: 'next', PageDown: 'next', ArrowLeft: 'prev', PageUp: 'prev'}[e.key];
    if (!want) return;
    const button = doc.querySelector('.st-key-meeting_' + want + ' button');
    if (button) { button.click(); e.preventDefault(); }
  });
})();
</script>
"""


def controls(today: date) -> tuple[date, date, bool]:
    """Meeting date, comparison date and the presentation switch (sidebar)."""
    with st.sidebar:
        st.subheader(tr("meeting_controls"))
        meeting = st.date_input(tr("meeting_date"), today, key="m_date", format="DD/MM/YYYY")
        compare = st.date_input(
            tr("meeting_compare"), meeting - timedelta(days=7), key="m_compare", format="DD/MM/YYYY"
        )
        present = st.toggle(tr("meeting_present"), key=PRESENT)
    return meeting, compare, present


def headline(brief: Brief) -> None:
    items = brief.headline
    for start in range(0, len(items), 5):
        row = items[start : start + 5]
        for col, (name, value, before) in zip(st.columns(5)[: len(row)], row, strict=True):
            col.metric(name, value, value - before, delta_color="off")


def scoreboard(brief: Brief, by_kelurahan: bool) -> None:
    """Per kecamatan (per kelurahan on demand); a province-wide brief leads with the kota."""
    boards = [(brief.by_kelurahan, score_columns(brief.lang, by_kelurahan=True))]
    if not by_kelurahan:
        boards = [(brief.scoreboard, score_columns(brief.lang))]
        if not brief.by_kota.empty:
            boards.insert(0, (brief.by_kota, score_columns(brief.lang, by_kota=True)))
    for frame, columns in boards:
        first = next(iter(columns.values()))
        st.table(frame[list(columns)].rename(columns=columns).set_index(first))


def map_section(brief: Brief, now: datetime, present: bool) -> None:
    weeks = st.select_slider(
        tr("meeting_weeks_back"),
        options=list(range(0, 13)),
        value=0,
        key="m_weeks",
        format_func=lambda w: tr("meeting_week_n", n=w) if w else tr("meeting_week_now"),
    )
    day = brief.meeting - timedelta(days=7 * int(weeks))
    st.image(
        meeting_map(day, now, brief.lang),
        caption=tr("meeting_map_caption", day=format_day(day, brief.lang)),
        width="stretch",
    )


def a_list(frame: pd.DataFrame, present: bool = False, lg: str = "id") -> None:
    """One list with human headers; each record's code links to its page in the app.
    Names of people (officials who made a change or gave a directive) stay off the
    projector; reporters' and contacts' data never reach the meeting lists at all."""
    if present:
        frame = frame.drop(columns=[c for c in PEOPLE_COLUMNS if c in frame.columns])
    if frame.empty:
        st.info(tr("meeting_none"))
        return
    link = column_label(LINK_COLUMN, lg)
    st.dataframe(
        human_columns(frame, lg),
        hide_index=True,
        width="stretch",
        height=min(40 * (len(frame) + 1) + 4, 640),
        column_config={
            link: st.column_config.LinkColumn(link, display_text=tr("meeting_open_link")),
        },
    )


def exports(brief: Brief, now: datetime) -> None:
    files = meeting_files(brief.meeting, brief.compare, now, brief.lang)
    stamp = brief.meeting.isoformat()
    c1, c2, c3 = st.columns(3)
    c1.download_button(
        tr("meeting_pdf"),
        files["pdf"],
        f"rapat-{stamp}.pdf",
        "application/pdf",
        icon=":material/picture_as_pdf:",
        width="stretch",
        key="m_pdf",
    )
    c2.download_button(
        "XLSX",
        files["xlsx"],
        f"rapat-{stamp}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/table:",
        width="stretch",
        key="m_xlsx",
    )
    c3.download_button(
        tr("meeting_chart"),
        files["chart"],
        f"rapat-{stamp}-grafik.png",
        "image/png",
        icon=":material/bar_chart:",
        width="stretch",
        key="m_png",
    )
    st.markdown(f"**{tr('meeting_whatsapp')}**")
    st.code(whatsapp(brief), language=None, wrap_lines=True)


def sections(brief: Brief, now: datetime, present: bool) -> list[tuple[str, Callable[[], None]]]:
    out: list[tuple[str, Callable[[], None]]] = [
        (tr("meeting_headline"), lambda: headline(brief)),
        (tr("meeting_map"), lambda: map_section(brief, now, present)),
        (
            tr("meeting_scoreboard"),
            lambda: scoreboard(
                brief, not present and st.checkbox(tr("meeting_by_kelurahan"), key="m_kel")
            ),
        ),
    ]
    for key in LIST_KEYS:
        frame = brief.lists[key]
        title = list_title(key, brief.lang)
        out.append((f"{title} ({len(frame)})", partial(a_list, frame, present, brief.lang)))
    return out


def show(brief: Brief, now: datetime, present: bool) -> None:
    if present:
        st.markdown(PRESENTATION_CSS, unsafe_allow_html=True)
    lg = brief.lang
    st.title(tr("meeting_heading", day=format_day(brief.meeting, lg)))
    st.caption(
        tr(
            "meeting_caption",
            compare=format_day(brief.compare, lg),
            asof=format_wib(brief.at, lg),
        )
    )
    parts = sections(brief, now, present)
    if not present:
        for title, draw in parts:
            st.subheader(title)
            draw()
        st.subheader(tr("meeting_exports"))
        exports(brief, now)
        return
    index = min(int(st.session_state.get(SECTION, 0)), len(parts) - 1)
    title, draw = parts[index]
    st.subheader(f"{title}  ·  {index + 1}/{len(parts)}")
    draw()
    left, _, right = st.columns([1, 4, 1])
    if left.button(
        tr("meeting_prev"),
        key="meeting_prev",
        disabled=index == 0,
        icon=":material/chevron_left:",
        width="stretch",
    ):
        st.session_state[SECTION] = index - 1
        st.rerun()
    if right.button(
        tr("meeting_next"),
        key="meeting_next",
        disabled=index == len(parts) - 1,
        icon=":material/chevron_right:",
        width="stretch",
    ):
        st.session_state[SECTION] = index + 1
        st.rerun()
    st.button(
        tr("meeting_exit"),
        key="meeting_exit",
        icon=":material/close_fullscreen:",
        on_click=_leave_presentation,
    )
    st.html(KEYS_JS, unsafe_allow_javascript=True)


def _leave_presentation() -> None:
    """Runs before the widgets are drawn, so the switch may be turned off here."""
    st.session_state[PRESENT] = False
    st.session_state[SECTION] = 0
