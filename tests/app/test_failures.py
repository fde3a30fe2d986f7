"""A failing store, a full disk or a second process reaches a person as a sentence in
their language, never as a traceback with file paths (issue 13 #15)."""

from __future__ import annotations

import errno

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from pantau.kernel.errors import DatabaseBusy
from pantau.ui.failures import message_key


@pytest.mark.parametrize(
    ("exc", "key"),
    [
        (DatabaseBusy("file /srv/pantau.duckdb held by PID 4242"), "failure_busy"),
        (OSError(errno.ENOSPC, "No space left on device"), "failure_disk_full"),
        (duckdb.IOException("Could not write file: No space left on device"), "failure_disk_full"),
        (duckdb.IOException("Could not read from file /srv/x.duckdb"), "failure_storage"),
        (duckdb.InternalException("corrupt block"), "failure_storage"),
        (MemoryError(), "failure_storage"),
        (KeyError("a bug"), None),
        (duckdb.ProgrammingError("a bug in SQL"), None),
    ],
)
def test_store_and_machine_failures_have_a_message_bugs_do_not(
    exc: BaseException, key: str | None
) -> None:
    assert message_key(exc) == key


def _page(kind: str) -> None:
    import errno as err

    import duckdb as dd

    from pantau.kernel.errors import DatabaseBusy as Busy
    from pantau.ui.failures import guarded

    failures = {
        "busy": Busy("held by PID 4242: /srv/rahasia/pantau.duckdb"),
        "disk": OSError(err.ENOSPC, "No space left on device: /srv/rahasia/x.wal"),
        "io": dd.IOException("Could not read /srv/rahasia/pantau.duckdb"),
    }
    with guarded():
        raise failures[kind]


@pytest.mark.parametrize(
    ("kind", "words"),
    [("busy", "sedang dipakai"), ("disk", "Penyimpanan server penuh"), ("io", "bermasalah")],
)
def test_a_page_shows_a_sentence_without_paths(kind: str, words: str) -> None:
    at = AppTest.from_function(_page, args=(kind,), default_timeout=30)
    at.run()
    assert not at.exception
    text = " ".join(e.value for e in at.error)
    assert words in text
    assert "rahasia" not in text and "4242" not in text


def test_a_bug_still_shows_as_an_exception() -> None:
    def page() -> None:
        from pantau.ui.failures import guarded

        with guarded():
            raise KeyError("bug")

    at = AppTest.from_function(page, default_timeout=30)
    at.run()
    assert at.exception
