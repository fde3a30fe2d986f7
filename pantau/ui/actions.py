"""Running a core action from a form: each drawing of a form has its own keys, the
version it was loaded at, errors shown where the user is, the input kept when the
save is refused, and a confirmation beside the form when it is saved.

A form that saved is drawn afresh: its key and its widgets' keys carry the number
of the drawing (`Drawn`), so after a save the next run shows an empty form with new
widget ids, and a second submit of the old drawing (a double click, a second tap
while the first save runs, a resubmit after the rerun) names widgets that no
longer exist: Streamlit drops it and nothing is saved twice.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import streamlit as st

from pantau.files.photos import Photo, prepare
from pantau.kernel.errors import Conflict, PantauError, in_lang
from pantau.ui.context import error_fields, error_text, lang, settings, tr
from pantau.ui.text import plain

_VERSIONS = "_form_versions"
_DRAWINGS = "_form_drawings"
_FLASHES = "_flashes"
# A confirmation beside a form stays for this many runs after the save, and at least this
# many seconds: a double tap on a busy server can cost several quick reruns (the second
# tap, the text field it blurs) before the phone has even drawn the first.
_FLASH_RUNS = 3
_FLASH_SECONDS = 10.0
_QUIET_RERUN = "_forms_redrawn"  # a rerun that only redraws forms does not count
_SHOWN = "_flashes_shown"


@dataclass(frozen=True)
class Drawn:
    """One drawing of the form `base`. The first drawing keeps the plain keys
    (`base`, `base_note`); each save moves the form to a new drawing."""

    base: str
    number: int = 0

    @property
    def form(self) -> str:
        return self.base if self.number == 0 else f"{self.base}~{self.number}"

    def key(self, name: str) -> str:
        """The key of the widget `name` in this drawing."""
        return f"{self.base}_{name}" + ("" if self.number == 0 else f"~{self.number}")


def drawing(base: str) -> Drawn:
    """The drawing of form `base` this run shows."""
    drawings: dict[str, int] = st.session_state.setdefault(_DRAWINGS, {})
    return Drawn(base, drawings.get(base, 0))


def retire(drawn: Drawn) -> None:
    """The drawing was used to save: the next run draws the form empty, with new keys."""
    drawings: dict[str, int] = st.session_state.setdefault(_DRAWINGS, {})
    drawings[drawn.base] = max(drawings.get(drawn.base, 0), drawn.number + 1)
    st.session_state.setdefault(_VERSIONS, {}).pop(drawn.form, None)


@dataclass(frozen=True)
class Book:
    """The session's plain records a save writes to afterwards, fetched before it.

    Streamlit may stop a run at any access to `st.session_state` (a second click or tap
    has asked for a rerun). Fetched before the save, these objects are then changed
    without touching `st.session_state`, so a save that committed always has its drawing
    retired and its confirmation left — else the second click's run submits the same
    drawing again and meets its own change as a conflict."""

    drawings: dict[str, int]
    versions: dict[str, int]
    flashes: list[dict[str, Any]]


def book() -> Book:
    """Fetch the records `saved` writes; call it before the core saves."""
    state = st.session_state
    return Book(
        state.setdefault(_DRAWINGS, {}),
        state.setdefault(_VERSIONS, {}),
        state.setdefault(_FLASHES, []),
    )


def saved(records: Book, drawn: Drawn | None, message: str, at: str | None = None) -> None:
    """After a save: retire the form's drawing and leave `message` beside it (or at
    `at`), touching only the objects of `records` (no Streamlit call, so no stop)."""
    if drawn is not None:
        records.drawings[drawn.base] = max(records.drawings.get(drawn.base, 0), drawn.number + 1)
        records.versions.pop(drawn.form, None)
    records.flashes.append(
        {
            "message": message,
            "at": at or (drawn.base if drawn is not None else None),
            "runs": 0,
            "since": time.monotonic(),
        }
    )


def loaded_version(drawn: Drawn, current: int, submitted: bool) -> int:
    """The record version the form's widgets were filled from, for the core to check.

    The version is remembered when a drawing is first shown and kept across reruns:
    a keyed widget keeps what it was first given, so refreshing the version on a
    later rerun while the widgets still hold old values once let a save silently
    revert someone else's change. On a run without a submit where the record has
    moved on (someone else saved, or this user saved another form of the page), the
    drawing is retired and the page reruns, so the form is drawn afresh from the
    current record. On the submit run the remembered version is returned, and the
    core refuses the save as a Conflict if the record changed meanwhile.
    """
    store: dict[str, int] = st.session_state.setdefault(_VERSIONS, {})
    remembered = store.setdefault(drawn.form, current)
    if not submitted and remembered != current:
        _redraw_every_form()
    return remembered


def _redraw_every_form() -> None:
    """Retire every drawing that remembers a version and rerun once: the other forms
    of the page were filled from the same record, so one rerun redraws them all (one
    rerun per form would also wear out a confirmation before it was seen)."""
    store: dict[str, int] = st.session_state.setdefault(_VERSIONS, {})
    drawings: dict[str, int] = st.session_state.setdefault(_DRAWINGS, {})
    for form in list(store):
        base, _, number = form.partition("~")
        drawings[base] = max(drawings.get(base, 0), (int(number) if number else 0) + 1)
    store.clear()
    st.session_state[_QUIET_RERUN] = True
    # Page-wide confirmations shown in this run are shown again after the rerun.
    st.session_state.setdefault(_FLASHES, []).extend(st.session_state.pop(_SHOWN, []))
    st.rerun()


def show_error(exc: PantauError, drawn: Drawn | None = None) -> None:
    """The core's refusal where the user is. After a Conflict the input stays on
    screen; with `drawn`, a button draws the form again from the current record."""
    st.error(plain(error_text(exc)), icon=":material/error:")
    for field, message in error_fields(exc).items():
        if message != error_text(exc):  # a field that only repeats the message is said once
            st.caption(f"• {field}: {plain(message)}")
    if isinstance(exc, Conflict):
        st.caption(tr("conflict_kept"))
        if drawn is not None:
            st.button(
                tr("reload"),
                key=f"{drawn.form}_reload",
                icon=":material/refresh:",
                on_click=retire,
                args=(drawn,),
            )


def run(
    action: Callable[[], Any], done: str, drawn: Drawn | None = None, at: str | None = None
) -> None:
    """Run a core action; on success retire the form's drawing, leave `done` beside
    it (or at `at`; see `flash_here`) and rerun; else show the error (the form's
    input stays)."""
    records = book()  # before the save: Streamlit may stop a run at session-state access
    try:
        action()
    except PantauError as exc:
        show_error(exc, drawn)
        return
    saved(records, drawn, done, at)
    st.rerun()


def flash(message: str, at: str | None = None) -> None:
    """A confirmation for the next run (a toast would be lost in the rerun that
    follows a save). With `at` (a form's base key) it is shown beside that form by
    `flash_here` and as a toast; without, at the top of the page."""
    flashes: list[dict[str, Any]] = st.session_state.setdefault(_FLASHES, [])
    flashes.append({"message": message, "at": at, "runs": 0, "since": time.monotonic()})


def show_flash() -> None:
    """Every page, once at the top of each run: page-wide confirmations, and a toast
    for each confirmation kept for a form (it floats wherever the user scrolled)."""
    kept: list[dict[str, Any]] = []
    shown: list[dict[str, Any]] = []
    quiet = bool(st.session_state.pop(_QUIET_RERUN, False))
    for item in st.session_state.get(_FLASHES, []):
        if item["at"] is None:
            st.success(str(item["message"]), icon=":material/check_circle:")
            shown.append(item)
            continue
        if item["runs"] == 0 and not quiet:
            st.toast(str(item["message"]), icon=":material/check_circle:")
        item["runs"] += 0 if quiet else 1
        young = time.monotonic() - float(item.get("since", 0.0)) < _FLASH_SECONDS
        if item["runs"] <= _FLASH_RUNS or young:
            kept.append(item)
    st.session_state[_FLASHES] = kept
    st.session_state[_SHOWN] = shown


def flash_here(at: str) -> bool:
    """Show the confirmation left for the form `at` where the form is; True when
    there was one. It stays for _FLASH_RUNS runs and _FLASH_SECONDS after the save
    (the extra runs of a double click or tap must not wipe it), then goes."""
    shown = False
    for item in st.session_state.get(_FLASHES, []):
        if item["at"] == at:
            st.success(str(item["message"]), icon=":material/task_alt:")
            shown = True
    return shown


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
    shown = [(row, column, in_lang(message, lang())) for row, column, message in problems]
    st.dataframe(
        pd.DataFrame(shown, columns=[tr("import_row"), tr("import_column"), tr("import_problem")]),
        hide_index=True,
        width="stretch",
    )
