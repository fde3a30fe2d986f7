"""Putting user text into Streamlit elements that render Markdown."""

from __future__ import annotations

import re

# Markdown syntax, Streamlit's directives (:red[...], :material/x:) and HTML brackets.
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>:~$=])")
# What GitHub-flavoured Markdown turns into a link by itself, escaped or not: a scheme's
# "://", a "www." and the "@" of an address. A word joiner (invisible, no line break)
# inside each keeps typed addresses as text.
_AUTOLINK = re.compile(r"(?i)(://|\bwww\.|@)")
_JOINER = "\u2060"


def plain(value: object) -> str:
    """`value` as literal text inside Markdown: links (typed or bare addresses),
    images, emphasis, colour and icon directives in user text show as typed instead
    of taking effect."""
    text = "" if value is None else str(value)
    text = _AUTOLINK.sub(lambda m: m.group(1)[0] + _JOINER + m.group(1)[1:], text)
    return _SPECIAL.sub(r"\\\1", text)
