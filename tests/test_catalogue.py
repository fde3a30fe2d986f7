"""The message catalogues (pantau/locale/*/LC_MESSAGES/pantau.po): every message in
both languages with the same placeholders, and exactly the keys the code uses."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from pantau.kernel.i18n import t, tn
from pantau.locale.catalogue import LANGS, entries, forms_of, key_of, load

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted(
    [*(ROOT / "pantau").rglob("*.py"), *(ROOT / "pages").rglob("*.py"), ROOT / "app.py"]
)
KEY = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)+|[a-z]+")
# Calls whose first argument is a message key.
KEY_CALLS = frozenset(
    {
        "t", "tr", "tn", "trn", "msg", "Msg", "PantauError", "InvalidInput", "NotAllowed",
        "NotFound", "Conflict", "DatabaseBusy", "SchemaTooNew",
    }
)  # fmt: skip
ERRORS = frozenset(KEY_CALLS - {"t", "tr", "tn", "trn", "msg", "Msg"})
# Keys the code builds from a prefix and a code (f"hf_{field}", "queue_" + kind).
DYNAMIC_PREFIXES = (
    "day_", "hf_", "history_place_", "lapor_by_", "map_", "measure_", "meeting_c_",
    "meeting_kind_", "meeting_l_", "meeting_s_", "photo_", "queue_", "record_", "rfield_",
    "sweep_",
)  # fmt: skip
# Modules whose errors are still Indonesian sentences rather than message keys (the
# command line and the file readers); no other module may raise a sentence.
SENTENCE_MODULES = frozenset(
    {
        "pantau/city/names.py", "pantau/admin/backup.py", "pantau/geo/boundaries.py",
        "pantau/geo/matching.py", "pantau/city/seam.py", "pantau/admin/cli.py", "pantau/kernel/clock.py",
        "pantau/admin/config.py", "pantau/geo/locations.py",
    }
)  # fmt: skip


def _name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def _first_literals() -> list[tuple[str, str, str]]:
    """(module, call name, literal) for every call in KEY_CALLS with a literal first argument."""
    found = []
    for path in SOURCES:
        module = path.relative_to(ROOT).as_posix()
        if module.startswith("pantau/locale/"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and _name(node) in KEY_CALLS and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    found.append((module, _name(node), first.value))
    return found


def _error_sentences() -> list[tuple[str, int]]:
    """(module, line) of every error built from a sentence rather than a key: a literal
    that is not a key, an f-string, or a variable holding a built sentence (a constant
    in capitals, `msg.key` or a key literal is fine)."""
    found = []
    for path in SOURCES:
        module = path.relative_to(ROOT).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and _name(node) in ERRORS and node.args):
                continue
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                fine = bool(KEY.fullmatch(first.value))
            elif isinstance(first, ast.Name):
                fine = first.id.lstrip("_").isupper()
            else:
                fine = isinstance(first, ast.Attribute)
            if not fine:
                found.append((module, node.lineno))
    return found


def _all_literals() -> set[str]:
    out: set[str] = set()
    for path in SOURCES:
        if path.relative_to(ROOT).as_posix().startswith("pantau/locale/"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                out.add(node.value)
    return out


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.fixture(scope="module")
def catalogues() -> dict[str, Catalog]:
    return {lang: load(lang) for lang in LANGS}


def test_every_message_is_in_both_languages(catalogues: dict[str, Catalog]) -> None:
    keys = {lang: {key_of(m) for m in c if m.id} for lang, c in catalogues.items()}
    assert keys["id"] == keys["en"], keys["id"] ^ keys["en"]
    empty = [
        (lang, key_of(m))
        for lang, c in catalogues.items()
        for m in c
        if m.id and not all(s.strip() for s in forms_of(m))
    ]
    assert not empty, empty
    assert len(keys["id"]) > 800


def test_placeholders_are_the_same_in_both_languages() -> None:
    differ = []
    for key, e in entries().items():
        wanted = _placeholders(e.id)
        for text in (e.en, e.en_plural or e.en):
            if _placeholders(text) != wanted:
                differ.append((key, e.id, text))
    assert not differ, differ


def test_counting_messages_have_every_plural_form(catalogues: dict[str, Catalog]) -> None:
    for lang, catalog in catalogues.items():
        for message in catalog:
            if message.id and message.pluralizable:
                assert len(forms_of(message)) == catalog.num_plurals, (lang, key_of(message))
    assert catalogues["id"].num_plurals == 1 and catalogues["en"].num_plurals == 2


def test_every_key_the_code_uses_is_in_the_catalogue() -> None:
    known = set(entries())
    missing = [
        (module, call, literal)
        for module, call, literal in _first_literals()
        if KEY.fullmatch(literal) and literal not in known
    ]
    assert not missing, missing


def test_errors_raise_message_keys_not_sentences() -> None:
    sentences = [(m, line) for m, line in _error_sentences() if m not in SENTENCE_MODULES]
    assert not sentences, sentences
    # The modules still listed do raise sentences (drop one from the list once it no longer does).
    assert {m for m, _ in _error_sentences()} == SENTENCE_MODULES


def test_every_catalogue_key_is_used_somewhere() -> None:
    used = _all_literals()
    unused = sorted(
        key for key in entries() if key not in used and not key.startswith(DYNAMIC_PREFIXES)
    )
    assert not unused, unused


def test_plural_forms() -> None:
    assert tn("meeting_week_n", 1, "en") == "1 week earlier"
    assert tn("meeting_week_n", 2, "en") == "2 weeks earlier"
    assert tn("meeting_week_n", 1, "id") == "1 minggu sebelumnya"
    assert tn("meeting_week_n", 2, "id") == "2 minggu sebelumnya"
    assert tn("days_late_short", 1, "en") == "1 day late"
    assert tn("days_late_short", 0, "en") == "0 days late"
    assert t("hours_ago", "en", n=1) == "1 hour ago"  # t picks the form from n
    assert t("hours_ago", "en", n=3) == "3 hours ago"
    with pytest.raises(KeyError):
        t("no_such_message")
