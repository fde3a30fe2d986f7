"""Pantau Wilayah: page config and navigation. Nothing else lives here."""

import streamlit as st

from pantau.ui.context import tr

st.set_page_config(page_title="Pantau Wilayah", page_icon="static/pantau-icon.png", layout="wide")

pages = [
    st.Page(
        "pages/peta.py", title=tr("page_map"), icon=":material/map:", url_path="peta", default=True
    ),
    st.Page(
        "pages/wilayah.py",
        title=tr("page_areas"),
        icon=":material/location_city:",
        url_path="wilayah",
    ),
]
st.navigation(pages).run()
