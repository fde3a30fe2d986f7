"""Putting user text into Streamlit elements that render Markdown."""

from __future__ import annotations

import re

# Markdown syntax, Streamlit's directives (:red[...], :material/x:) and HTML brackets.
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>:~$=])")


def plain(value: object) -> str:
    """`value` as literal text inside Markdown: links, images, emphasis, colour and
    icon directives in user text show as typed instead of taking effect."""
    return _SPECIAL.sub(r"\\\1", "" if value is None else str(value))
