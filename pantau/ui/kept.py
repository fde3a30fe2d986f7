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
        put(key, value)


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
