"""Text rules at the edges: what is stored, and what leaves in a spreadsheet.

- `clean`: control characters (NUL, \\x01 …) never reach the database. They are
  invisible, and one of them once made every XLSX download — and so the pages that
  offer one — fail for every user. Tabs and line breaks stay.
- `defuse`: a cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, or a
  leading tab/carriage return) leaves with a leading apostrophe, so an export opened
  in Excel or LibreOffice shows the text instead of running it.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def clean(value: Any) -> Any:
    """`value` without control characters when it is text; anything else unchanged."""
    if isinstance(value, str) and _CONTROL.search(value):
        return _CONTROL.sub("", value)
    return value


def clean_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with `clean` applied to its text columns (a copy only when needed)."""
    text = [c for c in frame.columns if _is_text(frame[c])]
    dirty = [c for c in text if frame[c].astype("string").str.contains(_CONTROL, na=False).any()]
    if not dirty:
        return frame
    out = frame.copy()
    for col in dirty:
        out[col] = out[col].map(clean)
    return out


def defuse(value: Any) -> Any:
    """Text that a spreadsheet would evaluate, made literal; anything else unchanged."""
    if isinstance(value, str) and len(value) > 1 and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def export_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` safe to write to CSV or XLSX: text cleaned and defused."""
    out = frame.copy()
    for col in out.columns:
        if isinstance(out[col].dtype, pd.DatetimeTZDtype):  # Excel keeps no time zone
            out[col] = out[col].dt.tz_localize(None)
        elif _is_text(out[col]):
            out[col] = out[col].map(lambda v: defuse(clean(v)))
    out.columns = [defuse(clean(str(c))) for c in out.columns]
    return out


def _is_text(series: pd.Series) -> bool:
    """A column of strings (binary data such as WKB in an object column is not text:
    read as text it would be decoded, and fail)."""
    if not (series.dtype == object or pd.api.types.is_string_dtype(series.dtype)):
        return False
    return pd.api.types.infer_dtype(series, skipna=True) in ("string", "empty")
