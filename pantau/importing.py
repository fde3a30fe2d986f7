"""What every file import shares: reading CSV/XLSX into text columns, recognising
column headings as clerks write them, and the report of an all-or-nothing import
(problems named by row and column)."""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pantau.errors import InvalidInput


@dataclass
class ImportReport:
    rows: int = 0
    problems: list[tuple[int, str, str]] = field(default_factory=list)  # (row, column, message)
    added: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def done(self) -> str:
        return f"{self.added} baris disimpan."

    def text(self) -> str:
        if self.ok:
            return self.done()
        lines = [f"Berkas ditolak: {len(self.problems)} masalah; tidak ada yang disimpan."]
        lines += [f"  baris {r}, {c}: {m}" for r, c, m in self.problems]
        return "\n".join(lines)


def read_table(name: str, content: bytes) -> pd.DataFrame:
    """A CSV (comma or semicolon) or XLSX file as text columns. Raises InvalidInput."""
    suffix = Path(name).suffix.lower()
    try:
        if suffix in (".xlsx", ".xlsm"):
            frame = pd.read_excel(io.BytesIO(content), dtype=str, engine="openpyxl")
        elif suffix in (".csv", ".txt"):
            text = content.decode("utf-8-sig")
            frame = pd.read_csv(io.StringIO(text), dtype=str, sep=None, engine="python")
        else:
            raise InvalidInput(f"Jenis berkas {suffix or '?'} tidak dikenal; pakai CSV atau XLSX.")
    except InvalidInput:
        raise
    except UnicodeDecodeError as exc:
        raise InvalidInput("Berkas CSV harus UTF-8 (simpan ulang sebagai CSV UTF-8).") from exc
    except Exception as exc:
        raise InvalidInput(f"Berkas tidak dapat dibaca sebagai tabel: {exc}") from exc
    frame.columns = _unique([" ".join(str(c).split()) for c in frame.columns])
    return frame


def _unique(names: list[str]) -> list[str]:
    """Headings as written (spaces tidied); a repeated one gets " (2)", " (3)"."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out


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
