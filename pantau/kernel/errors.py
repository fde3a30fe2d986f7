"""One error family for the whole core.

Every function in `pantau` that can fail for a reason a person can fix raises a
subclass of `PantauError`. It carries a message key and its parameters (see
`pantau.i18n`), not a sentence: `exc.message(lang)` is the sentence in the user's
language, and `str(exc)` is the Indonesian one (for logs and the command line).

A parameter that must itself be translated (a status label, a nested message) is
given as a `Msg`; anything else is shown as it is.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class Msg:
    """A message key and its parameters, rendered later in a language."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def text(self, lang: str = "id") -> str:
        from pantau.kernel.i18n import known, t

        values = {name: render(value, lang) for name, value in self.params.items()}
        if not known(self.key):  # a sentence not (yet) in the catalogue
            return self.key.format(**values) if values else self.key
        return t(self.key, lang, **values)


@dataclass(frozen=True)
class Label:
    """A vocabulary label (`pantau.kernel.vocab`), rendered in the reader's language."""

    vocabulary: str
    code: str

    def text(self, lang: str = "id") -> str:
        from pantau.kernel.vocab import label

        return label(self.vocabulary, self.code, lang)


@dataclass(frozen=True)
class Joined:
    """A list of parameters shown as "a, b, c" (`empty` when there are none)."""

    items: tuple[object, ...]
    empty: object = ""
    sep: str = ", "

    def text(self, lang: str = "id") -> str:
        parts = [str(render(item, lang)) for item in self.items]
        return self.sep.join(parts) if parts else str(render(self.empty, lang))


def render(value: object, lang: str) -> object:
    """A parameter in `lang`: messages and labels are translated, the rest kept."""
    if isinstance(value, Text | Msg | Label | Joined):
        return value.text(lang)
    return value


def msg(key: str, **params: Any) -> Msg:
    return Msg(key, params)


class Text(str):
    """A message that stands where a plain string did (it equals its Indonesian text)
    and can be read again in another language: `Text("key", n=3).text("en")`."""

    message: Msg

    def __new__(cls, key: str, /, **params: Any) -> Text:
        message = Msg(key, params)
        made = super().__new__(cls, message.text("id"))
        made.message = message
        return made

    def text(self, lang: str = "id") -> str:
        return self.message.text(lang)


def in_lang(value: object, lang: str) -> str:
    """A `Text` (or `Msg`) in `lang`; any other value as it is."""
    if isinstance(value, Text | Msg):
        return value.text(lang)
    return str(value)


class PantauError(Exception):
    """Base of every error the core raises on purpose.

    `key` names a message of `pantau.i18n` (a sentence not in the catalogue is
    shown as it is); `params` fill its placeholders.
    """

    def __init__(self, key: str, /, **params: Any) -> None:
        self.key = key
        self.params: dict[str, Any] = dict(params)
        super().__init__(self.message("id"))

    def message(self, lang: str = "id") -> str:
        """The message in `lang` ("id" or "en")."""
        return Msg(self.key, self.params).text(lang)


class InvalidInput(PantauError):
    """Input that does not validate.

    `fields` maps a field (or a row label such as ``"baris 4"``) to a message,
    so that a form or an import report can show each problem where it belongs.
    `exc.fields` holds the Indonesian texts; `exc.field_messages(lang)` the texts
    in `lang`.
    """

    def __init__(
        self, key: str, /, fields: Mapping[str, Msg | str] | None = None, **params: Any
    ) -> None:
        self.field_msgs: dict[str, Msg] = {
            name: value.message
            if isinstance(value, Text)
            else value
            if isinstance(value, Msg)
            else Msg(value)
            for name, value in (fields or {}).items()
        }
        self.fields: dict[str, str] = self.field_messages("id")
        super().__init__(key, **params)

    def field_messages(self, lang: str = "id") -> dict[str, str]:
        return {name: value.text(lang) for name, value in self.field_msgs.items()}


class BadSetting(InvalidInput):
    """A setting of the installation (an environment variable, a command-line option)
    that Pantau cannot use; the message names the variable and what it takes."""


class NotAllowed(PantauError):
    """The acting user may not do this here."""


class NotFound(PantauError):
    """The record asked for does not exist."""


class Conflict(PantauError):
    """Someone else changed the record first; the caller must reload.

    `changed_by` and `changed_at` (naive UTC) name the change that won, when known.
    """

    def __init__(
        self,
        key: str,
        /,
        changed_by: str | None = None,
        changed_at: datetime | None = None,
        **params: Any,
    ) -> None:
        super().__init__(key, **params)
        self.changed_by = changed_by
        self.changed_at = changed_at


class DatabaseBusy(PantauError):
    """The database file is held by another process (usually the running app)."""


class DatabaseUnreachable(PantauError):
    """No database server answers at the configured URL, or it refused the credentials."""


class SchemaTooNew(PantauError):
    """The database was written by a newer version of Pantau Wilayah."""


class DuplicateKey(Exception):
    """A write session broke a uniqueness rule of the schema (two saves raced past the
    check that should have found the first). Raised by the store at the end of
    `write()` in place of its engine's own error, which is kept as `__cause__`; the
    session has been rolled back. Not a PantauError: the core catches it and answers,
    or lets it through as a failure of the store."""


def field_messages(exc: BaseException, lang: str = "id") -> dict[str, str]:
    """The field messages of `exc` in `lang` (none for an error without fields)."""
    if isinstance(exc, InvalidInput):
        return exc.field_messages(lang)
    return dict(getattr(exc, "fields", {}) or {})


# How a failure of the store engine is told apart from a bug, without naming the
# engine: each engine registers a function (exception -> kind) when it is imported.
# Kinds: "disk_full", "storage" (the file, the disk, a corrupt or unreadable copy),
# "bug" (a programming error raised by the engine). None: not the engine's.
_STORE_FAILURE_KINDS: list[Callable[[BaseException], str | None]] = []


def register_store_failures(kind_of: Callable[[BaseException], str | None]) -> None:
    """Called by a store engine (pantau/store) with its way of classifying its errors."""
    if kind_of not in _STORE_FAILURE_KINDS:
        _STORE_FAILURE_KINDS.append(kind_of)


def store_failure(exc: BaseException) -> str | None:
    """The kind of store-engine failure `exc` is ("disk_full", "storage", "bug"), or
    None when no store engine raised it."""
    for kind_of in _STORE_FAILURE_KINDS:
        kind = kind_of(exc)
        if kind is not None:
            return kind
    return None
