from __future__ import annotations

import re

from pantau.ui.text import plain

HOSTILE = "[klik](http://x) ![i](x.png) :red[merah] :material/home: **tebal** <b>x</b>"


def test_every_markdown_and_directive_character_is_escaped() -> None:
    out = plain(HOSTILE)
    unescaped = re.findall(r"(?<!\\)[\[\]()!:*<>]", out)
    assert not unescaped, out
    assert out.replace("\\", "") == HOSTILE  # nothing lost, only escaped


def test_plain_keeps_ordinary_text_readable() -> None:
    assert plain("Pasar Ikan Muara Angke") == "Pasar Ikan Muara Angke"
    assert plain(None) == ""
