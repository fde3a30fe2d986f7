"""When the store, the disk or a second process fails, a person reads a sentence in
their language; the details (paths, process ids, the traceback) go to the server log.

Programming errors are not caught here: Streamlit shows them, and the tests see them.
"""

from __future__ import annotations

import errno
import logging
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from pantau.admin.config import load_settings
from pantau.kernel.errors import BadSetting, DatabaseBusy, store_failure
from pantau.ui.context import tr

log = logging.getLogger("pantau")


def message_key(exc: BaseException) -> str | None:
    """The message for a failure of the store or the machine, or None for anything
    else (a bug, which must stay visible)."""
    if isinstance(exc, DatabaseBusy):
        return "failure_busy"
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "failure_disk_full"
    kind = store_failure(exc)  # the store engine's own errors, by kind
    if kind == "disk_full":
        return "failure_disk_full"
    if isinstance(exc, OSError | MemoryError) or kind == "storage":
        return "failure_storage"
    return None


@contextmanager
def guarded() -> Iterator[None]:
    """Run a page; turn a failure of the store or the machine into a sentence."""
    try:
        yield
    except Exception as exc:
        key = message_key(exc)
        if key is None:
            raise
        log.exception("page failed: %s", key)
        st.error(tr(key), icon=":material/cloud_off:")


def stop_on_bad_settings() -> None:
    """Before anything else runs: a setting the app cannot use (PANTAU_DB as a database
    URL, an unknown PANTAU_LANG …) is shown as the sentence that names it, and the
    script stops, instead of a traceback or a database made somewhere unexpected."""
    try:
        load_settings()
    except BadSetting as exc:
        log.error("bad setting: %s", exc.message())
        st.error(exc.message(), icon=":material/settings_alert:")
        st.stop()
