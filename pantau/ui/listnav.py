"""Lists whose rows open a record's page in the same tab and session.

A link column (`st.column_config.LinkColumn`) always opens a new browser tab, and a
new tab is a new session that must sign in again. Here a click on any cell selects
its row, and the script moves to the record's page with `st.switch_page`, which
stays in the tab and keeps the session.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

import pandas as pd
import streamlit as st

from pantau.ui.context import tr

# A click on any cell picks its row. No row-checkbox column: it would only repeat
# that, and its 32 px are needed for the tables to fit a 1440 px screen.
PICK_MODES: list[Literal["single-cell"]] = ["single-cell"]
PAGE_SIZE = 100  # rows of a list drawn at once; the rest is a page away
T = TypeVar("T")


@dataclass(frozen=True)
class Pager:
    """One page of a long list: which rows to fetch and draw, and the controls to move
    to the previous or next page (drawn only when there is more than one)."""

    key: str
    total: int
    size: int
    page: int  # from 0

    @property
    def offset(self) -> int:
        return self.page * self.size

    @property
    def limit(self) -> int:
        return self.size

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))

    def controls(self, text: str = "list_rows") -> None:
        """'Baris 101–200 dari 7 926' between a previous and a next button."""
        if self.pages <= 1:
            return
        end = min(self.offset + self.size, self.total)
        with st.container(horizontal=True, vertical_alignment="center", gap="small"):
            st.button(
                tr("list_prev"),
                key=f"{self.key}_prev",
                icon=":material/chevron_left:",
                disabled=self.page == 0,
                on_click=_turn,
                args=(self.key, self.page - 1),
            )
            st.caption(tr(text, start=self.offset + 1, end=end, n=self.total), width="content")
            st.button(
                tr("list_next"),
                key=f"{self.key}_next",
                icon=":material/chevron_right:",
                icon_position="right",
                disabled=self.page >= self.pages - 1,
                on_click=_turn,
                args=(self.key, self.page + 1),
            )


def _turn(key: str, page: int) -> None:
    st.session_state[f"{key}_page"] = page


def _stored_page(key: str, reset_on: Hashable) -> int:
    page_key, of_key = f"{key}_page", f"{key}_page_of"
    if st.session_state.get(of_key) != reset_on:
        st.session_state[of_key] = reset_on
        st.session_state[page_key] = 0
    return max(int(st.session_state.get(page_key, 0)), 0)


def _pages(total: int, size: int) -> int:
    return max(1, -(-total // size))


def pager(key: str, total: int, size: int = PAGE_SIZE, *, reset_on: Hashable = None) -> Pager:
    """The page of the list `key` to draw; back to the first page whenever `reset_on`
    (the list's filters) changes, and never past the last page."""
    page = min(_stored_page(key, reset_on), _pages(total, size) - 1)
    return Pager(key, total, size, page)


def paged(
    key: str,
    fetch: Callable[[int, int], tuple[T, int]],
    size: int = PAGE_SIZE,
    *,
    reset_on: Hashable = None,
) -> tuple[T, Pager]:
    """One page of the list `key` from `fetch(offset, limit)`, which returns the page
    and the length of the whole list (for lists that learn their length only by
    building a page); the last page when the list has grown shorter."""
    page = _stored_page(key, reset_on)
    rows, total = fetch(page * size, size)
    last = _pages(total, size) - 1
    if page > last:
        page = last
        st.session_state[f"{key}_page"] = page
        rows, total = fetch(page * size, size)
    return rows, Pager(key, total, size, page)


def picked_row(event: Any) -> int | None:
    """The row position a dataframe selection event points at, or None."""
    selection: Mapping[str, Any] = (event or {}).get("selection") or {}
    rows = list(selection.get("rows") or [])
    if rows:
        return int(rows[0])
    cells = list(selection.get("cells") or [])
    if cells:
        return int(cells[0][0])
    return None


def linked_table(
    view: pd.DataFrame,
    ids: Sequence[int],
    page: str,
    *,
    key: str,
    column_config: Mapping[str, Any],
    height: int | Literal["auto"] = "auto",
    column_order: Sequence[str] | None = None,
    extra_params: Mapping[str, str] | None = None,
) -> None:
    """`view` as a table; picking row i opens `page?id=ids[i]` in this session.

    `ids` runs parallel to `view`'s rows (a column that is not shown).
    """
    event = st.dataframe(
        view,
        key=key,
        hide_index=True,
        width="stretch",
        height=height,
        column_order=column_order,
        column_config=dict(column_config),
        on_select="rerun",
        selection_mode=PICK_MODES,
    )
    row = picked_row(event)
    if row is None or not 0 <= row < len(ids):
        return
    st.session_state.pop(key, None)  # back on the list, nothing is still picked
    st.switch_page(page, query_params={**(extra_params or {}), "id": str(int(ids[row]))})
