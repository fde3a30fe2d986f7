"""Sidebar choices kept for the whole session: language, map filters, shading, period.

Streamlit forgets a keyed widget's value when a run does not draw it, and a widget
drawn by a page belongs to that page (its identity includes the page), so every
page change used to reset the sidebar. Selectbox, multiselect and radio values also
travel between browser and server as their *labels*: after a language switch the
browser still holds e.g. "Semua", which no English option matches, and it came back
as the raw string "Semua" in place of a code.

One mechanism fixes both. Each kept choice lives under a permanent session key that
no widget owns; every run copies it into the widget's key just before the widget is
drawn (so the browser is sent the value, labelled in the current language), and the
widget's on_change copies a new choice back. Only codes are ever stored.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

PREFIX = "kept:"


def has(key: str) -> bool:
    return PREFIX + key in st.session_state


def get(key: str, default: Any = None) -> Any:
    """The kept value of `key` (the widget key), or `default`."""
    return st.session_state.get(PREFIX + key, default)


def put(key: str, value: Any) -> None:
    """Change a kept choice; its widget shows it on the next draw."""
    st.session_state[PREFIX + key] = value


def _remember(key: str, accept: Callable[[Any], bool] | None) -> None:
    value = st.session_state.get(key)
    if accept is None or accept(value):
        if key == "lang" and value != get(key):
            relabel()
        put(key, value)


_LABELLED = "_labelled_keys"


def labelled(key: str) -> str:
    """`key`, noted as the key of a choice widget whose options are shown in the reader's
    language (a selectbox, multiselect, radio or slider with a `format_func`).

    The browser holds such a widget's choice as its *label*; after a language switch it
    would keep showing (and sending) the old label ("Dilaporkan" among English options,
    "Semua" where "All" is meant). `relabel` hands each noted widget its own value again
    on the run after the switch, so the browser is sent it labelled anew. Widgets whose
    choice is `widget()`-kept are relabelled every run already."""
    noted: set[str] = st.session_state.setdefault(_LABELLED, set())
    noted.add(key)
    return key


def relabel() -> None:
    """On a language switch (in its on_change, before any widget is drawn): give every
    noted choice widget its current value again."""
    for key in st.session_state.get(_LABELLED, set()):
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def widget(key: str, default: Any, accept: Callable[[Any], bool] | None = None) -> dict[str, Any]:
    """Keyword arguments (key, on_change, args) for a widget whose choice is kept.

    Call it in the widget call itself, e.g. `st.radio(..., **kept.widget("f_arsir",
    "open_sites"))`. `accept` decides whether a new widget value is worth keeping
    (e.g. only a complete date range); a refused one is replaced by the kept value
    on the next run.
    """
    if not has(key):
        put(key, default)
    st.session_state[key] = get(key)
    return {"key": key, "on_change": _remember, "args": (key, accept)}
