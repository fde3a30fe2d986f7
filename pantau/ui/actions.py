"""Running a core action from a form: the version the form was loaded at, errors
shown where the user is, and the input kept when the save is refused."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from pantau.errors import Conflict, PantauError
from pantau.photos import Photo, prepare
from pantau.ui.context import settings, tr
from pantau.ui.text import plain

_VERSIONS = "_form_versions"


def loaded_version(key: str, current: int, submitted: bool) -> int:
    """The record version the form showed when the user submitted it.

    On a normal run the form is drawn from the current record, so remember its
    version; on the submit run the page has just re-read the record, which may
    already be newer than what the user saw — use the remembered one, so that the
    core can refuse a save over someone else's change.
    """
    store: dict[str, int] = st.session_state.setdefault(_VERSIONS, {})
    if submitted and key in store:
        return store[key]
    store[key] = current
    return current


def show_error(exc: PantauError) -> None:
    st.error(plain(str(exc)), icon=":material/error:")
    for field, message in getattr(exc, "fields", {}).items():
        st.caption(f"• {field}: {plain(message)}")
    if isinstance(exc, Conflict):
        st.caption(tr("conflict_kept"))


def run(action: Callable[[], Any], done: str) -> None:
    """Run a core action; on success show `done` and rerun, else show the error
    (the form's input stays)."""
    try:
        action()
    except PantauError as exc:
        show_error(exc)
        return
    flash(done)
    st.rerun()


FLASH = "_flash"


def flash(message: str) -> None:
    """A confirmation shown at the top of the next run (a toast would be lost in the
    rerun that follows a save)."""
    st.session_state[FLASH] = message


def show_flash() -> None:
    message = st.session_state.pop(FLASH, None)
    if message:
        st.success(str(message), icon=":material/check_circle:")


def photo_from(upload: Any) -> Photo | None:
    """A prepared photo from an st.file_uploader value (None when nothing chosen).

    Raises InvalidInput for a file that is not a usable photo."""
    if upload is None:
        return None
    return prepare(upload.getvalue(), settings().photo_max_bytes / 1024 / 1024)


def show_problems(problems: list[tuple[int, str, str]]) -> None:
    """An all-or-nothing import that was refused: one row per problem."""
    import pandas as pd

    st.error(tr("import_refused", n=len(problems)))
    st.dataframe(
        pd.DataFrame(
            problems, columns=[tr("import_row"), tr("import_column"), tr("import_problem")]
        ),
        hide_index=True,
        width="stretch",
    )
