"""What every file import shares: reading CSV/XLSX into text columns, recognising
column headings as clerks write them, and the report of an all-or-nothing import
(problems named by row and column)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from pantau.files import tables as table_files
from pantau.kernel.errors import in_lang
from pantau.kernel.i18n import t, tn

MAX_ROWS = 50_000  # the most any import takes (reports); each caller passes its own


@dataclass
class ImportReport:
    rows: int = 0
    problems: list[tuple[int, str, str]] = field(default_factory=list)  # (row, column, message)
    added: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def done(self, lang: str = "id") -> str:
        return tn("import_done_rows", self.added, lang)

    def text(self, lang: str = "id") -> str:
        """What the import did, in `lang`."""
        if self.ok:
            return self.done(lang)
        lines = [tn("import_refused_problems", len(self.problems), lang)]
        lines += [
            t("import_problem_line", lang, row=r, column=c, message=in_lang(m, lang))
            for r, c, m in self.problems
        ]
        return "\n".join(lines)


def read_table(name: str, content: bytes, max_rows: int = MAX_ROWS) -> pd.DataFrame:
    """A CSV (semicolon, comma or tab; UTF-8, UTF-16, Windows-1252 or latin-1) or XLSX
    file as text columns named by its heading row. Reading stops, and the file is
    refused with a sentence naming the limit, as soon as it has more than `max_rows`
    data rows (pass the import's own limit). Raises InvalidInput: see `table_files`."""
    return table_files.read(name, content, max_rows)


# Words that only give a unit or a time zone in a heading ("Tinggi (cm)", "Jam (WIB)").
_UNIT_WORDS = frozenset({"cm", "mm", "m", "meter", "centimeter", "sentimeter", "wib"})


def header_key(heading: object) -> str:
    """A column heading reduced to a comparable key: case, accents, spaces,
    punctuation and unit words dropped ("Tinggi (cm)" and "tinggi" give "tinggi",
    "No. HP" and "no_hp" give "nohp"). Never raises."""
    text = unicodedata.normalize("NFKD", str(heading))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    words = [w for w in re.findall(r"[a-z0-9]+", text) if w not in _UNIT_WORDS]
    return "".join(words)


def match_headings(
    columns: Iterable[object], names: Mapping[str, Iterable[str]]
) -> dict[str, str | None]:
    """For each field of `names` (field → headings people use, best first), the column
    whose heading means it, or None. A heading equal to a known one (after
    `header_key`) wins; otherwise one that starts with a known heading of four or more
    letters ("Tinggi genangan rata-rata" → tinggi). Each column serves one field."""
    keys = {str(c): header_key(c) for c in columns}
    wanted = {f: [header_key(n) for n in ns] for f, ns in names.items()}
    found: dict[str, str | None] = dict.fromkeys(wanted)
    used: set[str] = set()
    for exact in (True, False):
        for name, aliases in wanted.items():
            if found[name] is not None:
                continue
            for alias in aliases:
                hit = next(
                    (
                        c
                        for c, k in keys.items()
                        if c not in used
                        and k
                        and (k == alias if exact else len(alias) >= 4 and k.startswith(alias))
                    ),
                    None,
                )
                if hit is not None:
                    found[name] = hit
                    used.add(hit)
                    break
    return found
