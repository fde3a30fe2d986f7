"""What every file import shares: reading CSV/XLSX into text columns, and the report
of an all-or-nothing import (problems named by row and column)."""

from __future__ import annotations

import io
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
    frame.columns = [str(c).strip().lower().replace(" ", "_") for c in frame.columns]
    return frame
