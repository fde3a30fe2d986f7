"""UI text and core messages in Bahasa Indonesia (default) and English.

Every text lives in one gettext catalogue per language,
`pantau/locale/<lang>/LC_MESSAGES/pantau.po` (msgid = the message key), read once
at import with Babel. `t(key, lang, **values)` gives a text, `tn(key, n, lang,
**values)` the form for `n` things ("1 week", "2 weeks"; Indonesian has one form).
A test checks that every key has both languages with the same placeholders, and
that the catalogue holds exactly the keys the code uses.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from gettext import c2py

from babel.numbers import format_decimal

from pantau.locale.catalogue import LANGS, forms_of, key_of, load

__all__ = ["LANGS", "known", "t", "tn"]

# key -> the forms of each language ((text,) or (singular, plural, …)).
_FORMS: dict[str, dict[str, tuple[str, ...]]] = {}
_PLURAL: dict[str, Callable[[int], int]] = {}
for _lang in LANGS:
    _catalog = load(_lang)
    _PLURAL[_lang] = c2py(_catalog.plural_expr)
    for _message in _catalog:
        if _message.id:
            _FORMS.setdefault(key_of(_message), {})[_lang] = forms_of(_message)


def known(key: str) -> bool:
    """Whether `key` is a message of the catalogue."""
    return key in _FORMS


def _forms(key: str, lang: str) -> tuple[str, ...]:
    """Raises KeyError for an unknown key."""
    return _FORMS[key]["en" if lang == "en" else "id"]


def t(key: str, lang: str = "id", **values: object) -> str:
    """The text for `key` in `lang`, with `{name}` placeholders filled; `{kota}` and
    `{kota_resmi}` name the wilayah in force ("Jakarta Utara", "Kota Administrasi …").
    A message that counts takes its form from `values["n"]` (see `tn`).

    Raises KeyError for an unknown key.
    """
    forms = _forms(key, lang)
    if len(forms) > 1 and "n" in values:
        return _fill(forms[_form(int(str(values["n"])), lang, forms)], lang, values)
    return _fill(forms[0], lang, values)


# Babel locales of the UI languages (numbers and dates are written as each writes them).
LOCALES = {"id": "id_ID", "en": "en_GB"}


def number(value: float, lang: str = "id", digits: int = 1) -> str:
    """A number as the language writes it: "54,3" in Indonesian, "54.3" in English, with
    at most `digits` decimals and none for a whole number ("1.250" / "1,250")."""
    pattern = "#,##0." + "#" * digits if digits else "#,##0"
    return format_decimal(value, format=pattern, locale=LOCALES.get(lang, "id_ID"))


def tn(key: str, n: int, lang: str = "id", **values: object) -> str:
    """The form of `key` for `n` things in `lang`, with `{n}` and the other
    placeholders filled. Raises KeyError for an unknown key."""
    forms = _forms(key, lang)
    return _fill(forms[_form(n, lang, forms)], lang, {"n": n, **values})


def _form(n: int, lang: str, forms: tuple[str, ...]) -> int:
    """Which of `forms` is for `n` things (the language's plural rule)."""
    index = _PLURAL["en" if lang == "en" else "id"](n) if len(forms) > 1 else 0
    return min(index, len(forms) - 1)


# The names of the wilayah in force for "{kota}" / "{kota_resmi}" placeholders, by
# language. The city seam registers itself (`pantau.city.seam` imports this module;
# the kernel never imports the city).
_place_names: Callable[[str], Mapping[str, object]] | None = None


def use_place_names(provider: Callable[[str], Mapping[str, object]]) -> None:
    """Say where "{kota}" placeholders get their names (called by the city seam)."""
    global _place_names
    _place_names = provider


def _fill(text: str, lang: str, values: dict[str, object]) -> str:
    if "{kota" in text:  # the wilayah in force, never spelled in a message
        if _place_names is None:
            raise RuntimeError("no city seam loaded: import pantau.city.seam first")
        values = {**_place_names(lang), **values}
    return text.format(**values) if values else text
