"""Pantau Wilayah: page config and navigation. Nothing else lives here.

Signing in happens in `chrome()`, which every page calls first; until then the
navigation is hidden and the requested page (with its query) stays in the URL.
"""

import streamlit as st

from pantau.access.permissions import allowed
from pantau.ui.context import tr
from pantau.ui.failures import guarded, stop_on_bad_settings
from pantau.ui.page import alias
from pantau.ui.session import current_actor

st.set_page_config(page_title="Pantau Wilayah", page_icon="static/pantau-icon.png", layout="wide")
stop_on_bad_settings()

actor = current_actor()
# The map is the home page, served at "/"; its old address /peta (bookmarks, shared
# links) is a hidden alias that opens it with the same filters.
home = st.Page(
    "pages/peta.py", title=tr("page_map"), icon=":material/map:", url_path="beranda", default=True
)
pages = [
    home,
    alias(home, "peta"),
    st.Page(
        "pages/wilayah.py",
        title=tr("page_areas"),
        icon=":material/location_city:",
        url_path="wilayah",
    ),
    st.Page(
        "pages/lokasi.py", title=tr("page_sites"), icon=":material/storefront:", url_path="lokasi"
    ),
    st.Page(
        "pages/tugas.py", title=tr("page_queue"), icon=":material/checklist:", url_path="tugas"
    ),
    st.Page(
        "pages/sisir.py", title=tr("page_sweeps"), icon=":material/fact_check:", url_path="sisir"
    ),
    st.Page(
        "pages/genangan.py", title=tr("page_reports"), icon=":material/flood:", url_path="genangan"
    ),
    st.Page(
        "pages/lapor.py", title=tr("page_report_new"), icon=":material/add_alert:", url_path="lapor"
    ),
    st.Page("pages/titik.py", title=tr("page_pockets"), icon=":material/water:", url_path="titik"),
    st.Page(
        "pages/siaga.py",
        title=tr("page_siaga"),
        icon=":material/notifications_active:",
        url_path="siaga",
    ),
    st.Page(
        "pages/usulan.py", title=tr("page_usulan"), icon=":material/how_to_vote:", url_path="usulan"
    ),
    st.Page(
        "pages/rapat.py", title=tr("page_meeting"), icon=":material/co_present:", url_path="rapat"
    ),
    st.Page(
        "pages/komunitas.py",
        title=tr("page_community"),
        icon=":material/groups:",
        url_path="warga",
    ),
    st.Page("pages/akun.py", title=tr("page_account"), icon=":material/person:", url_path="akun"),
]
# Before signing in every page is known (hidden), so a deep link to /admin shows the
# login form rather than "page not found"; afterwards only admins have the page.
if actor is None or allowed(actor, "open_admin"):
    pages.append(
        st.Page(
            "pages/admin.py",
            title=tr("page_admin"),
            icon=":material/manage_accounts:",
            url_path="admin",
        )
    )
with guarded():  # a failing store or disk is a sentence, not a traceback
    st.navigation(pages, position="sidebar" if actor else "hidden").run()
