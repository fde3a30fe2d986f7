"""Read and write the message catalogues `pantau/locale/<lang>/LC_MESSAGES/pantau.po`.

Every msgid is a message key (``"err_stale"``, ``"queue_why_sweep"``); its msgstr is the
text in that language, with ``{name}`` placeholders. A message that counts something has
a plural entry (``msgid_plural`` = the key + ``_plural``; Indonesian has one form,
English two).

    uv run python -m pantau.locale.catalogue add KEY "teks" "text" [--plural "texts"]
    uv run python -m pantau.locale.catalogue format

`add` puts a message in both catalogues (replacing one with the same key); `format`
writes both back sorted, as this module writes them. See README.md beside this file.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po

LANGS = ("id", "en")
DOMAIN = "pantau"
HERE = Path(__file__).resolve().parent
# Fixed header dates: rewriting a catalogue changes only the messages that changed.
_STAMP = datetime(2026, 12, 1)
PLURAL_SUFFIX = "_plural"
_PLURAL_FORMS = {"id": "nplurals=1; plural=0;", "en": "nplurals=2; plural=(n != 1);"}
_HEADER = {
    lang: f"# Pantau Wilayah: every UI text and core message in {name}.\n"
    "# Keys are message ids; edit with `python -m pantau.locale.catalogue` (see README.md)."
    for lang, name in (("id", "Bahasa Indonesia"), ("en", "English"))
}


@dataclass(frozen=True)
class Entry:
    """One message in both languages; `en_plural` set for a message that counts."""

    id: str
    en: str
    en_plural: str | None = None


def path(lang: str) -> Path:
    return HERE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def load(lang: str) -> Catalog:
    """The catalogue of `lang`, as Babel reads it."""
    with path(lang).open("rb") as handle:
        return read_po(handle, locale=lang, domain=DOMAIN)


def key_of(message: Message) -> str:
    """A message's key (the msgid; the singular msgid of a plural entry)."""
    ids = message.id
    return str(ids[0] if isinstance(ids, tuple | list) else ids)


def forms_of(message: Message) -> tuple[str, ...]:
    """A message's text, or its forms for a plural entry ("" where missing)."""
    strings = message.string
    if isinstance(strings, tuple | list):
        return tuple(str(s or "") for s in strings)
    return (str(strings or ""),)


def entries() -> dict[str, Entry]:
    """Every message of both catalogues by key (the Indonesian catalogue's keys)."""
    english = {key_of(m): forms_of(m) for m in load("en") if m.id}
    out: dict[str, Entry] = {}
    for message in load("id"):
        if not message.id:
            continue
        key = key_of(message)
        en = english.get(key, ("",))
        out[key] = Entry(forms_of(message)[0], en[0], en[1] if len(en) > 1 else None)
    return out


def write(messages: Mapping[str, Entry]) -> None:
    """Write both catalogues, sorted by key."""
    for lang in LANGS:
        catalog = Catalog(
            locale=lang,
            domain=DOMAIN,
            project="Pantau Wilayah",
            version="1",
            creation_date=_STAMP,
            revision_date=_STAMP,
            fuzzy=False,
            header_comment=_HEADER[lang],
            msgid_bugs_address="-",
            last_translator="Pantau Wilayah",
            language_team="Pantau Wilayah",
        )
        # Babel does not know that Indonesian nouns have one form: say so.
        catalog.mime_headers = [("Plural-Forms", _PLURAL_FORMS[lang])]
        for key in sorted(messages):
            e = messages[key]
            if e.en_plural is None:
                catalog.add(key, e.id if lang == "id" else e.en)
            else:
                forms = (e.id,) if lang == "id" else (e.en, e.en_plural)
                catalog.add((key, key + PLURAL_SUFFIX), forms)
        target = path(lang)
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as handle:
            write_po(handle, catalog, width=96, sort_output=True)


def from_tables(tables: Mapping[str, tuple[str, str]], plurals: Mapping[str, str]) -> None:
    """Write the catalogues from `(Indonesian, English)` pairs by key; `plurals` gives
    the English plural of the keys that count (their English text is the singular)."""
    write({k: Entry(i, e, plurals.get(k)) for k, (i, e) in tables.items()})


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pantau.locale.catalogue")
    commands = parser.add_subparsers(dest="command", required=True)
    add = commands.add_parser("add", help="add or replace a message in both catalogues")
    add.add_argument("key")
    add.add_argument("indonesian")
    add.add_argument("english", help="the English text (the singular, with --plural)")
    add.add_argument("--plural", help="the English plural of a message that counts")
    remove = commands.add_parser("remove", help="remove messages no code uses any more")
    remove.add_argument("keys", nargs="+")
    commands.add_parser("format", help="write both catalogues back, sorted")
    args = parser.parse_args(argv)
    messages = entries()
    if args.command == "add":
        messages[args.key] = Entry(args.indonesian, args.english, args.plural)
    elif args.command == "remove":
        unknown = [key for key in args.keys if key not in messages]
        if unknown:
            parser.error(f"not in the catalogue: {', '.join(unknown)}")
        for key in args.keys:
            del messages[key]
    write(messages)
    return 0


if __name__ == "__main__":
    sys.exit(main())
