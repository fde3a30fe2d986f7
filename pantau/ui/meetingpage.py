"""The weekly meeting page: sections drawn from one Brief, and presentation mode
(no sidebar or controls, large type, no personal data, one section at a time,
paged with buttons or the arrow keys)."""

from __future__ import annotations

import base64
import html
from collections.abc import Callable
from datetime import date, datetime, timedelta
from functools import partial
from typing import Literal

import pandas as pd
import streamlit as st

from pantau.city.timefmt import format_day, format_wib
from pantau.meeting.brief import board_chart_png, score_columns, whatsapp
from pantau.meeting.review import (
    LINK_COLUMN,
    LIST_KEYS,
    PEOPLE_COLUMNS,
    Brief,
    column_label,
    headline_changes,
    human_columns,
    list_title,
    more_text,
    top_rows,
)
from pantau.ui import kept
from pantau.ui.cache import meeting_files, meeting_map
from pantau.ui.context import tr, trn

PRESENT = "presentation"
SECTION = "meeting_section"

# Rows of a list on one 1920x1080 slide (26 px text), the table's width in pixels and
# what one character and a cell's padding take of it.
SLIDE_ROWS = 13
SLIDE_PX, CHAR_PX, CELL_PX = 1824, 13, 26
BEHIND_ROWS = 5  # kelurahan most behind, under the kecamatan scoreboard
TONE_COLOURS = {"good": "#00734d", "bad": "#b3261e", "neutral": "#4a4a4a"}
METRIC_COLOURS: dict[str, Literal["green", "red", "gray"]] = {
    "good": "green",
    "bad": "red",
    "neutral": "gray",
}

PRESENTATION_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header,
[data-testid="stToolbar"], .pw-controls { display: none !important; }
.stApp [data-testid="stMainBlockContainer"] { max-width: 100% !important;
  padding: 0.75rem 3rem 4.5rem !important; }
[data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"] { gap: 0.5rem; }
.st-key-meeting_nav { position: fixed; left: 3rem; right: 3rem; bottom: 0.75rem; z-index: 100;
  width: auto !important; background: white; }
.stApp, .stApp p, .stApp li { font-size: 1.45rem !important; }
.stApp [data-testid="stAlertContainer"] { padding: 0.35rem 1rem !important; }
.stApp [data-testid="stAlertContainer"] p { font-size: 1.1rem !important; }
.stApp h1 { font-size: 2.3rem !important; line-height: 1.25 !important;
  padding: 0.25rem 0 0 !important; margin: 0 !important; }
.stApp h2, .stApp h3 { font-size: 2.2rem !important; line-height: 1.25 !important;
  padding: 0 0 0.4rem !important; margin: 0 !important; }
.stApp [data-testid="stCaptionContainer"] { display: none; }
.stApp .st-key-pw-live { position: fixed; bottom: 1.45rem; left: 50%; z-index: 101;
  transform: translateX(-50%); width: auto !important; }
.stApp .st-key-pw-live [data-testid="stCaptionContainer"] { display: block; }
.stApp .st-key-pw-live p { font-size: 1.1rem !important; }
.stApp [data-testid="stHeading"] [data-testid="stMarkdownContainer"] { margin-bottom: 0; }
.pw-cards { display: grid; grid-template-columns: repeat(5, 1fr); gap: 0.9rem 1.2rem; }
.pw-card { border: 2px solid #d9d9d9; border-radius: 0.6rem; padding: 0.5rem 1rem; }
.pw-card-label { font-size: 26px; line-height: 1.2; color: #333; }
.pw-card-value { font-size: 76px; font-weight: 700; line-height: 1.05; }
.pw-change { font-size: 28px; font-weight: 700; line-height: 1.2; }
.pw-picture { display: block; margin: 0.4rem auto 0; max-width: 100%; object-fit: contain; }
table.pw-slide { width: 100%; border-collapse: collapse; }
table.pw-slide th, table.pw-slide td { font-size: 26px !important; line-height: 1.3;
  padding: 0.45rem 0.8rem; border-bottom: 1px solid #cfcfcf; text-align: left;
  white-space: nowrap; }
table.pw-slide th { font-size: 24px !important; font-weight: 700; white-space: normal;
  vertical-align: bottom; border-bottom: 3px solid #555; }
table.pw-slide td.pw-num, table.pw-slide th.pw-num { text-align: right; }
table.pw-slide tbody tr:nth-child(even) { background: #f4f4f0; }
table.pw-board td { padding: 0.55rem 0.8rem; }
.pw-subtitle { font-size: 28px !important; font-weight: 700; margin: 0.6rem 0 0; }
.pw-more { font-size: 26px !important; font-weight: 700; margin: 0.5rem 0 0 0.8rem; }
.pw-none { font-size: 40px; font-weight: 700; text-align: center; padding: 8rem 0;
  color: #00734d; }
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


def headline(brief: Brief, present: bool = False) -> None:
    """The headline figures with their change in colour, sign and word; on the projector
    as large cards above the per-kecamatan chart."""
    items = list(zip(brief.headline, headline_changes(brief), strict=True))
    if present:
        cards = "".join(
            f'<div class="pw-card"><div class="pw-card-label">{html.escape(name)}</div>'
            f'<div class="pw-card-value">{value}</div>'
            f'<div class="pw-change pw-{moved.tone}" style="color:{TONE_COLOURS[moved.tone]}">'
            f"{html.escape(moved.text)}</div></div>"
            for (name, value, _), moved in items
        )
        st.html(f'<div class="pw-cards">{cards}</div>')
        board = brief.scoreboard
        chart = _projector_chart(
            tuple(board["nama"]),
            tuple(int(v) for v in board["persen_tertata"]),
            tuple(int(v) for v in board["terlambat"]),
            brief.lang,
        )
        _picture(chart, "calc(100vh - 660px)")
        return
    for start in range(0, len(items), 5):
        row = items[start : start + 5]
        for col, ((name, value, _), moved) in zip(st.columns(5)[: len(row)], row, strict=True):
            colour = METRIC_COLOURS[moved.tone]
            col.metric(name, value, moved.text, delta_color=colour, delta_arrow="off")


@st.cache_data(max_entries=8, show_spinner=False)
def _projector_chart(
    names: tuple[str, ...], tidy: tuple[int, ...], late: tuple[int, ...], lang: str
) -> bytes:
    board = pd.DataFrame({"nama": names, "persen_tertata": tidy, "terlambat": late})
    return board_chart_png(board, lang, size_in=(16.0, 4.6), font=17.0)


def _picture(png: bytes, max_height: str) -> None:
    """A picture no taller than `max_height` (CSS), centred: it never makes a slide scroll."""
    data = base64.b64encode(png).decode("ascii")
    st.html(
        f'<img class="pw-picture" alt="" style="max-height:{max_height}" '
        f'src="data:image/png;base64,{data}">'
    )


def slide_table(
    frame: pd.DataFrame, lg: str = "id", limit: int = SLIDE_ROWS, board: bool = False
) -> str:
    """`frame` (human headers) as a large static HTML table of its first `limit` rows,
    every value escaped and long text cut to fit a row, then "dan N lainnya" for the
    rows left out."""
    shown, left_out = top_rows(frame, limit)
    text = shown.astype(str)
    text.columns = [str(c) for c in text.columns]
    widths = {c: max([_longest_word(c), *text[c].str.len()]) for c in text.columns}
    room = (SLIDE_PX - CELL_PX * len(widths)) // CHAR_PX
    while sum(widths.values()) > room and max(widths.values()) > 12:
        widest = max(widths, key=lambda c: widths[c])
        widths[widest] -= 1
    numeric = {str(c) for c in shown.columns if pd.api.types.is_numeric_dtype(shown[c])}

    def cell(tag: str, column: str, value: str) -> str:
        kind = ' class="pw-num"' if column in numeric else ""
        return f"<{tag}{kind}>{html.escape(value)}</{tag}>"

    head = "".join(cell("th", c, str(c)) for c in text.columns)
    rows = "".join(
        "<tr>"
        + "".join(
            cell("td", c, _clip(v, widths[c])) for c, v in zip(text.columns, row, strict=True)
        )
        + "</tr>"
        for row in text.itertuples(index=False)
    )
    kind = "pw-slide pw-board" if board else "pw-slide"
    table = f'<table class="{kind}"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
    more = more_text(left_out, lg)
    return table + (f'<p class="pw-more">{html.escape(more)}</p>' if more else "")


def _longest_word(text: str) -> int:
    return max((len(w) for w in text.split()), default=0)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 1)].rstrip() + "…"


def scoreboard(brief: Brief, by_kelurahan: bool, present: bool = False) -> None:
    """Per kecamatan (per kelurahan on demand); a province-wide brief leads with the kota."""
    boards = [(brief.by_kelurahan, score_columns(brief.lang, by_kelurahan=True))]
    if not by_kelurahan:
        boards = [(brief.scoreboard, score_columns(brief.lang))]
        if not brief.by_kota.empty:
            boards.insert(0, (brief.by_kota, score_columns(brief.lang, by_kota=True)))
    for frame, columns in boards:
        shown = frame[list(columns)].rename(columns=columns)
        if present:
            limit = len(shown) if len(boards) == 1 else SLIDE_ROWS // 2
            st.html(slide_table(shown, brief.lang, min(limit, SLIDE_ROWS), board=True))
            continue
        st.table(shown.set_index(next(iter(columns.values()))))
    if present and len(boards) == 1 and len(brief.scoreboard) <= SLIDE_ROWS // 2 + 2:
        # Room left on the slide: the kelurahan most behind, for the follow-up.
        columns = score_columns(brief.lang, by_kelurahan=True)
        shown = brief.by_kelurahan[list(columns)].rename(columns=columns)
        title = html.escape(tr("meeting_behind_kelurahan"))
        st.html(
            f'<p class="pw-subtitle">{title}</p>'
            + slide_table(shown, brief.lang, BEHIND_ROWS, board=True)
        )


def map_section(brief: Brief, now: datetime, present: bool) -> None:
    """The map as of the meeting; off the projector, a slider steps back week by week."""
    if present:  # the meeting's own week, as tall as the screen leaves room for
        _picture(meeting_map(brief.meeting, now, brief.lang), "calc(100vh - 300px)")
        return
    weeks = st.select_slider(
        tr("meeting_weeks_back"),
        options=list(range(0, 13)),
        value=0,
        key=kept.labelled("m_weeks"),
        format_func=lambda w: trn("meeting_week_n", w) if w else tr("meeting_week_now"),
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
        if present:
            st.html(f'<div class="pw-none">{html.escape(tr("meeting_none"))}</div>')
        else:
            st.info(tr("meeting_none"))
        return
    if present:  # a path means nothing on the wall: the code names the record
        shown = human_columns(frame.drop(columns=[LINK_COLUMN], errors="ignore"), lg)
        st.html(slide_table(shown, lg))
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
        (tr("meeting_headline"), lambda: headline(brief, present)),
        (tr("meeting_map"), lambda: map_section(brief, now, present)),
        (
            tr("meeting_scoreboard"),
            lambda: scoreboard(
                brief,
                not present and st.checkbox(tr("meeting_by_kelurahan"), key="m_kel"),
                present,
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
    # Kept at the bottom of the screen (see PRESENTATION_CSS): where the presenter expects it.
    nav = st.container(key="meeting_nav")
    left, middle, _, right = nav.columns([1, 1, 2, 1], vertical_alignment="center")
    # Callbacks, not "if clicked: rerun": the slide changes in the click's own run, so
    # a live check running at that moment (ui/live.py) cannot swallow the second run.
    left.button(
        tr("meeting_prev"),
        key="meeting_prev",
        disabled=index == 0,
        icon=":material/chevron_left:",
        width="stretch",
        on_click=_go,
        args=(index - 1,),
    )
    right.button(
        tr("meeting_next"),
        key="meeting_next",
        disabled=index == len(parts) - 1,
        icon=":material/chevron_right:",
        width="stretch",
        on_click=_go,
        args=(index + 1,),
    )
    middle.button(
        tr("meeting_exit"),
        key="meeting_exit",
        icon=":material/close_fullscreen:",
        on_click=_leave_presentation,
    )
    with nav:  # out of the page's flow, like the buttons
        st.html(KEYS_JS, unsafe_allow_javascript=True)


def _go(section: int) -> None:
    st.session_state[SECTION] = section


def _leave_presentation() -> None:
    """Runs before the widgets are drawn, so the switch may be turned off here."""
    st.session_state[PRESENT] = False
    st.session_state[SECTION] = 0
