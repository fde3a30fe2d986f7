"""When the store, the disk or a second process fails, a person reads a sentence in
their language; the details (paths, process ids, the traceback) go to the server log.

Programming errors are not caught here: Streamlit shows them, and the tests see them.
"""

from __future__ import annotations

import errno
import logging
from collections.abc import Iterator
from contextlib import contextmanager

import duckdb
import streamlit as st

from pantau.kernel.errors import DatabaseBusy
from pantau.ui.context import tr

log = logging.getLogger("pantau")


def message_key(exc: BaseException) -> str | None:
    """The message for a failure of the store or the machine, or None for anything
    else (a bug, which must stay visible)."""
    if isinstance(exc, DatabaseBusy):
        return "failure_busy"
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "failure_disk_full"
    if isinstance(exc, duckdb.Error) and "space" in str(exc).lower():
        return "failure_disk_full"
    if isinstance(exc, duckdb.IOException | OSError | MemoryError):
        return "failure_storage"
    if isinstance(exc, duckdb.Error) and not isinstance(exc, duckdb.ProgrammingError):
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
