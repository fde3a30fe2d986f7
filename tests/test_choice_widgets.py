"""Every choice widget whose options are labelled in the reader's language (a
`format_func`) is relabelled on a language switch: its key goes through
`kept.labelled(...)`, or its value is kept by `kept.widget(...)` (handed to it every
run). Without either, the browser keeps the old language's label after the switch
(tests/browser/test_choice_labels_browser.py shows what that looks like)."""

from __future__ import annotations

import ast

from tests.conftest import ROOT

CHOICE = {"selectbox", "multiselect", "radio", "segmented_control", "pills", "select_slider"}


def _unlabelled(source: str) -> list[int]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr not in CHOICE:
            continue
        kws = {k.arg: k.value for k in node.keywords}
        if "format_func" not in kws or None in kws:  # None: **kept.widget(...)
            continue
        key = kws.get("key")
        ok = (
            isinstance(key, ast.Call)
            and isinstance(key.func, ast.Attribute)
            and key.func.attr == "labelled"
        )
        if not ok:
            found.append(node.lineno)
    return found


def test_every_labelled_choice_is_relabelled_on_a_language_switch() -> None:
    files = [*(ROOT / "pantau" / "ui").glob("*.py"), *(ROOT / "pages").glob("*.py")]
    offenders = {
        str(p.relative_to(ROOT)): lines
        for p in sorted(files)
        if (lines := _unlabelled(p.read_text(encoding="utf-8")))
    }
    assert offenders == {}, offenders


def test_the_check_sees_an_unlabelled_choice() -> None:
    bad = "st.selectbox('x', [1], format_func=str, key='k')\nst.radio('y', [1], format_func=str)\n"
    good = "st.selectbox('x', [1], format_func=str, key=kept.labelled('k'))\n"
    assert _unlabelled(bad) == [1, 2]
    assert _unlabelled(good) == []
