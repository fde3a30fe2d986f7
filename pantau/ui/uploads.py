"""File choosers that speak the user's language and state the real limits.

Streamlit's own uploader prints "Upload" and "… MB per file • JPG" in English and
offers no way to translate them: its size limit is set here per chooser (so a photo
chooser refuses what the core would refuse anyway), its fixed English line is hidden
by the page CSS (`chrome()`), and a caption in the user's language says what fits.
"""

from __future__ import annotations

import math
from typing import Any

import streamlit as st

from pantau.ui.context import settings, tr

PHOTO_TYPES = ["jpg", "jpeg", "png", "webp"]
TABLE_TYPES = ["csv", "xlsx"]
TABLE_MAX_MB = 20  # a 50 000-row report file is about 10 MB as CSV


def photo(label: str, key: str) -> Any:
    """A photo chooser (JPEG, PNG or WebP up to PANTAU_PHOTO_MAX_MB)."""
    mb = max(1, math.ceil(settings().photo_max_bytes / 1024 / 1024))
    upload = st.file_uploader(label, type=PHOTO_TYPES, key=key, max_upload_size=mb)
    st.caption(tr("upload_photo_hint", mb=mb))
    return upload


def table(label: str, key: str) -> Any:
    """A CSV or XLSX chooser for imports."""
    upload = st.file_uploader(label, type=TABLE_TYPES, key=key, max_upload_size=TABLE_MAX_MB)
    st.caption(tr("upload_table_hint", mb=TABLE_MAX_MB))
    return upload
