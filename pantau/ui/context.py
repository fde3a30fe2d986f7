"""The per-process database, settings and the current language."""

from __future__ import annotations

import atexit
import logging
import threading

import streamlit as st

from pantau.admin.bootstrap import activate, initialise, open_store
from pantau.admin.bootstrap import data_version as stored_data_version
from pantau.admin.config import Settings, load_settings
from pantau.kernel import i18n
from pantau.kernel.clock import now_utc
from pantau.kernel.errors import (
    DatabaseBusy,
    DatabaseUnreachable,
    PantauError,
    field_messages,
)
from pantau.map.assets import ensure_vendor_files
from pantau.map.data import warm_caches
from pantau.store.ports import Store
from pantau.ui import kept


def settings() -> Settings:
    return load_settings()


@st.cache_resource(show_spinner="Menyiapkan basis data…")
def _database(path: str, sample: bool, tolerance_m: float, wilayah: str) -> Store:
    db = open_store(path)
    initialise(db, now_utc(), sample=sample, tolerance_m=tolerance_m, wilayah=wilayah)
    _warm_in_background(db)
    return db


_WARMING: list[threading.Thread] = []


@atexit.register
def _finish_warming() -> None:
    """A thread cut off inside the database at exit would abort the process."""
    for thread in _WARMING:
        thread.join(timeout=10)


def _warm_in_background(db: Store) -> None:
    """The map's per-process caches, built while the first person signs in."""

    def warm() -> None:
        try:
            warm_caches(db)
        except Exception:  # only a head start: the map builds them itself if need be
            logging.getLogger(__name__).exception("warming the map caches failed")

    thread = threading.Thread(target=warm, name="pantau-warm", daemon=True)
    _WARMING.append(thread)
    thread.start()


@st.cache_resource(show_spinner=False)
def map_assets_ready() -> bool:
    """Copy the map scripts into static/ once per process (not on every rerun)."""
    ensure_vendor_files()
    return True


def database() -> Store:
    """The process's one connection, keyed by the database path (created with
    sample data on first start when PANTAU_SAMPLE=1).

    When another process holds the file (a second app started on the same
    database, or a running `pantau` command), the page says so in a sentence and
    stops instead of showing a traceback.
    """
    s = settings()
    try:
        db = _database(str(s.db_path), s.sample, s.gap_tolerance_m, s.wilayah)
        activate(db)  # the wilayah stored in the file is the one in force
        return db
    except DatabaseBusy:
        # Any visitor sees this, signed in or not: no path or process id on the page.
        logging.getLogger("pantau").warning("database %s is held by another process", s.db_path)
        st.error(tr("failure_busy"), icon=":material/lock:")
        st.stop()
    except DatabaseUnreachable as exc:
        # the server is down or the URL is wrong: say so (password masked); the next
        # visit tries again (a failed open is not cached)
        logging.getLogger("pantau").warning("database unreachable: %s", exc)
        st.error(exc.message(lang()), icon=":material/cloud_off:")
        st.stop()


def data_version() -> int:
    return stored_data_version(database())


def lang() -> str:
    """The session's language (kept across pages: `pantau.ui.kept`), else the default."""
    chosen = kept.get("lang")
    return str(chosen) if chosen in i18n.LANGS else settings().lang


def tr(key: str, **values: object) -> str:
    return i18n.t(key, lang(), **values)


def error_text(exc: BaseException) -> str:
    """The core's error in the session's language (`str(exc)` for anything else)."""
    return exc.message(lang()) if isinstance(exc, PantauError) else str(exc)


def error_fields(exc: BaseException) -> dict[str, str]:
    """The error's field messages in the session's language."""
    return field_messages(exc, lang())


def trn(key: str, n: int, **values: object) -> str:
    """The form of `key` for `n` things, in the session's language."""
    return i18n.tn(key, n, lang(), **values)
