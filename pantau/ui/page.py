"""What every page does first: sign-in gate, sidebar, banners."""

from __future__ import annotations

import runpy
from pathlib import Path

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from pantau.access.permissions import Actor
from pantau.admin.bootstrap import has_sample_data
from pantau.city.timefmt import format_wib
from pantau.geo.boundaries import DEFAULT_SOURCE
from pantau.geo.locations import boundary_info
from pantau.kernel import i18n
from pantau.ui import kept, session
from pantau.ui.actions import show_flash
from pantau.ui.context import database, lang, map_assets_ready, settings, tr

APP = Path(__file__).resolve().parents[2] / "app.py"

# Every page's style, in one place. The map comes first: the main column starts
# higher, the DEMO banner is one slim line, and a container keyed `pw-numbers` shows
# its metrics as one wrapped line of "label value" pairs (the map page's headline
# strip). Streamlit's fixed English hint under a form's text fields ("Press Enter
# to submit form") has no setting; it is hidden, as is the file chooser's fixed
# "200MB per file • JPG" line (`ui/uploads.py` writes the real limit in the user's
# language) and its button's English "Upload" label, which `_uploader_css`
# replaces with the user's language.
CSS = """
[data-testid="InputInstructions"] { display: none; }
[data-testid="stFileUploaderDropzoneInstructions"] { display: none; }
[data-testid="stFileUploaderDropzone"] button p { font-size: 0 !important; }
.stMainBlockContainer { padding-top: 3.25rem !important; }
.st-key-pw-live-trigger { display: none !important; }
.st-key-pw-demo [data-testid="stAlertContainer"] { padding: .3rem .8rem !important; }
.st-key-pw-demo [data-testid="stAlertContainer"] p { font-size: .85rem !important; }
.st-key-pw-maphead h1 { font-size: 1.7rem !important; padding: 0 !important; }
.st-key-pw-map iframe { height: clamp(440px, calc(100vh - 290px), 900px) !important; }
.st-key-pw-numbers { flex-flow: row wrap !important; gap: .1rem 1.4rem !important; }
.st-key-pw-numbers [data-testid="stLayoutWrapper"],
.st-key-pw-numbers [data-testid="stHorizontalBlock"] { display: contents !important; }
.st-key-pw-numbers [data-testid="stColumn"] {
  width: auto !important; min-width: 0 !important; flex: 0 0 auto !important;
}
.st-key-pw-numbers [data-testid="stMetric"] > div {
  display: flex; align-items: baseline; gap: .35rem;
}
.st-key-pw-numbers [data-testid="stMetricValue"] {
  font-size: 1.35rem !important; font-weight: 700;
}
.st-key-pw-numbers [data-testid="stMetricLabel"] p { font-size: .9rem !important; }
@media (max-width: 640px) {
  h1 { font-size: 1.75rem !important; }
  .st-key-pw-maphead h1 { font-size: 1.3rem !important; }
  .stMainBlockContainer { padding-top: 3.5rem !important; }
  .st-key-pw-todo { padding: .5rem .75rem !important; gap: .25rem !important; }
  .st-key-pw-todo p { font-size: .9rem !important; }
  .st-key-pw-numbers { gap: .1rem .9rem !important; }
  .st-key-pw-numbers [data-testid="stMetricValue"] { font-size: 1.05rem !important; }
  .st-key-pw-numbers [data-testid="stMetricLabel"] p { font-size: .8rem !important; }
}
"""


def boundary_note() -> str:
    """Where the kelurahan boundaries in force come from, for a quiet caption."""
    info = boundary_info(database())
    if info.approximate:
        return tr("approx_boundaries")
    if info.source == DEFAULT_SOURCE or info.imported_at is None:
        return tr("boundary_source_shipped")
    when = format_wib(info.imported_at, lang())
    return tr("boundary_source_imported", source=info.source, when=when)


def alias(target: StreamlitPage, url_path: str) -> StreamlitPage:
    """A hidden page at `url_path` that opens `target` with the same query, so an
    address people have bookmarked keeps working."""

    def opens_target() -> None:
        st.switch_page(target, query_params=st.query_params.to_dict())

    return st.Page(opens_target, title=target.title, url_path=url_path, visibility="hidden")


def _uploader_css() -> str:
    """The file chooser's button label in the user's language (CSS text, no HTML)."""
    label = tr("upload_button").replace("\\", "").replace('"', "")
    return (
        '[data-testid="stFileUploaderDropzone"] button p::after '
        f'{{ content: "{label}"; font-size: 0.875rem; }}'
    )


def _leave_legacy_multipage_mode() -> None:
    """Make a deep link work on a fresh server.

    Because `pages/` sits next to `app.py`, Streamlit starts in its legacy
    multipage mode: until some session has called `st.navigation`, a first visit
    to e.g. /wilayah runs the page file alone, without `app.py` (no page config,
    no navigation). Pages hash by url_path in both modes, so switching the mode
    off and running `app.py` from here lands on the same page, this time through
    `app.py`, within the same run: a rerun would drop the click (e.g. a form
    submit) that started this run. Nothing has been drawn yet at this point,
    and the outer run stops once the inner one is done.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        runpy.run_path(str(APP), run_name="__main__")
        st.stop()


def chrome() -> Actor:
    """Sign-in gate, language switch, who is signed in, the DEMO banner and the
    approximate-boundaries notice; returns the signed-in actor.

    Every page calls this first (a test checks it), so no page runs for a visitor
    who has not signed in, even when reached by a deep link.
    """
    _leave_legacy_multipage_mode()
    st.html(f"<style>{CSS}{_uploader_css()}</style>")
    if kept.get("lang") not in i18n.LANGS:
        kept.put("lang", settings().lang)
    with st.sidebar:
        st.selectbox(
            i18n.t("language", lang()),
            options=list(i18n.LANGS),
            format_func=lambda code: {"id": "Bahasa Indonesia", "en": "English"}[code],
            **kept.widget("lang", settings().lang),
        )
    db = database()
    if has_sample_data(db):
        with st.container(key="pw-demo"):  # one slim line (CSS above)
            st.warning(tr("sample_banner"), icon=":material/science:")
    actor = session.gate()
    session.sidebar(actor)
    map_assets_ready()  # any page may draw a map; copied once per process
    show_flash()
    if boundary_info(db).approximate:
        st.caption(":material/warning: " + tr("approx_boundaries"))
    return actor
