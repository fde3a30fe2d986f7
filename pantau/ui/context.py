"""The per-process database, the current language, and the page chrome."""

from __future__ import annotations

import streamlit as st

from pantau import i18n
from pantau.bootstrap import has_sample_data, initialise
from pantau.config import Settings, load_settings
from pantau.db import Database, meta, open_database
from pantau.db import areas as area_store
from pantau.db.connection import now_utc
from pantau.mapassets import ensure_vendor_files


def settings() -> Settings:
    return load_settings()


@st.cache_resource(show_spinner="Menyiapkan basis data…")
def _database(path: str, sample: bool, tolerance_m: float) -> Database:
    db = open_database(path)
    initialise(db, now_utc(), sample=sample, tolerance_m=tolerance_m)
    return db


@st.cache_resource(show_spinner=False)
def map_assets_ready() -> bool:
    """Copy the map scripts into static/ once per process (not on every rerun)."""
    ensure_vendor_files()
    return True


def database() -> Database:
    """The process's one connection, keyed by the database path (created with
    sample data on first start when PANTAU_SAMPLE=1)."""
    s = settings()
    return _database(str(s.db_path), s.sample, s.gap_tolerance_m)


def data_version() -> int:
    return meta.data_version(database().cursor())


def lang() -> str:
    chosen = st.session_state.get("lang")
    return str(chosen) if chosen in i18n.LANGS else settings().lang


def tr(key: str, **values: object) -> str:
    return i18n.t(key, lang(), **values)


def _leave_legacy_multipage_mode() -> None:
    """Make a deep link work on a fresh server.

    Because `pages/` sits next to `app.py`, Streamlit starts in its legacy
    multipage mode: until some session has called `st.navigation`, a first visit
    to e.g. /wilayah runs the page file alone, without `app.py` (no page config,
    no navigation). Pages hash by url_path in both modes, so switching the mode
    off and rerunning lands on the same page, this time through `app.py`.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def chrome() -> None:
    """Language switch, sample-data banner, approximate-boundaries notice.
    Every page calls this first."""
    _leave_legacy_multipage_mode()
    if st.session_state.get("lang") not in i18n.LANGS:
        st.session_state["lang"] = settings().lang
    with st.sidebar:
        st.selectbox(
            i18n.t("language", lang()),
            options=list(i18n.LANGS),
            format_func=lambda code: {"id": "Bahasa Indonesia", "en": "English"}[code],
            key="lang",
        )
    db = database()
    if has_sample_data(db):
        st.warning(tr("sample_banner"), icon=":material/science:")
    if area_store.boundary_info(db.cursor()).approximate:
        st.caption(":material/warning: " + tr("approx_boundaries"))
