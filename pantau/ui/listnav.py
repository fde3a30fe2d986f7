"""Lists whose rows open a record's page in the same tab and session.

A link column (`st.column_config.LinkColumn`) always opens a new browser tab, and a
new tab is a new session that must sign in again. Here a click on any cell selects
its row, and the script moves to the record's page with `st.switch_page`, which
stays in the tab and keeps the session.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

import pandas as pd
import streamlit as st

# A click on any cell picks its row. No row-checkbox column: it would only repeat
# that, and its 32 px are needed for the tables to fit a 1440 px screen.
PICK_MODES: list[Literal["single-cell"]] = ["single-cell"]


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
