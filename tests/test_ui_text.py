from __future__ import annotations

import re

from pantau.ui.text import plain

HOSTILE = "[klik](http://x) ![i](x.png) :red[merah] :material/home: **tebal** <b>x</b>"


def test_every_markdown_and_directive_character_is_escaped() -> None:
    out = plain(HOSTILE)
    unescaped = re.findall(r"(?<!\\)[\[\]()!:*<>]", out)
    assert not unescaped, out
    assert out.replace("\\", "").replace("\u2060", "") == HOSTILE  # nothing lost


def test_plain_keeps_ordinary_text_readable() -> None:
    assert plain("Pasar Ikan Muara Angke") == "Pasar Ikan Muara Angke"
    assert plain(None) == ""


def test_typed_addresses_cannot_become_links() -> None:
    """GFM links a bare `http://`, `www.` or e-mail address even when escaped (seen in
    the browser: every one became an <a>); a word joiner breaks each pattern."""
    import re

    for typed in ("http://x.example/a", "HTTPS://x.example", "www.x.example", "a@x.example"):
        out = plain(typed).replace("\\", "")
        assert not re.search(r"(?i)://|www\.|@\w", out), out
        assert out.replace("\u2060", "") == typed
