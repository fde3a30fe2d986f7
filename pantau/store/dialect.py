"""One SQL source for two engines: the store's queries are written in DuckDB's SQL and
rendered for PostgreSQL here, once per distinct query text (cached).

What changes between the two (everything else is written in SQL both engines speak):

* `?` placeholders become `%s`, and a literal `%` becomes `%%` (psycopg's syntax);
* DuckDB functions PostgreSQL lacks or spells differently:
  `list_contains(list, x)` → `(x = ANY(list))`, `median(x)` and `mode(x)` → ordered-set
  aggregates, `date_diff('minute', a, b)` → the difference in epoch seconds / 60,
  `to_minutes(n)` → `make_interval(mins => n)`, `any_value(x)` → `min(x)` (PostgreSQL 15),
  `range(n)` → `generate_series(1, n)`, `year(d)` → `EXTRACT(YEAR FROM d)`;
* in the schema (migrations): `DOUBLE` → `DOUBLE PRECISION`, `BLOB` → `BYTEA`.

The renderer reads the text as tokens (quoted strings and identifiers are left alone),
so a `?` or a function name inside a string literal is never rewritten.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _split_args(text: str) -> list[str]:
    """Top-level comma-separated arguments of a call (parentheses and quotes respected)."""
    args, depth, start, i = [], 0, 0, 0
    while i < len(text):
        ch = text[i]
        if ch in "'\"":
            i = _skip_quoted(text, i)
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "," and depth == 0:
            args.append(text[start:i].strip())
            start = i + 1
        i += 1
    args.append(text[start:].strip())
    return args


def _skip_quoted(text: str, i: int) -> int:
    """The index just past the quoted string or identifier starting at `i`."""
    quote = text[i]
    i += 1
    while i < len(text):
        if text[i] == quote:
            if i + 1 < len(text) and text[i + 1] == quote:  # '' or "" inside
                i += 2
                continue
            return i + 1
        i += 1
    return i


def _closing(text: str, open_at: int) -> int:
    """The index of the parenthesis closing the one at `open_at`."""
    depth, i = 0, open_at
    while i < len(text):
        ch = text[i]
        if ch in "'\"":
            i = _skip_quoted(text, i)
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    raise ValueError(f"unbalanced parentheses in SQL: {text!r}")


def _minutes_between(a: list[str]) -> str:
    unit, start, end = a
    if unit.strip("'").lower() != "minute":
        raise ValueError(f"date_diff unit {unit} is not rendered for PostgreSQL")
    return f"(EXTRACT(EPOCH FROM ({end}) - ({start})) / 60)"


_FUNCTIONS: dict[str, Callable[[list[str]], str]] = {
    "list_contains": lambda a: f"({a[1]} = ANY({a[0]}))",
    "median": lambda a: f"percentile_cont(0.5) WITHIN GROUP (ORDER BY {a[0]})",
    "mode": lambda a: f"mode() WITHIN GROUP (ORDER BY {a[0]})",
    "date_diff": _minutes_between,
    "to_minutes": lambda a: f"make_interval(mins => {a[0]})",
    "any_value": lambda a: f"min({a[0]})",
    "range": lambda a: f"generate_series(1, {a[0]})",
    "year": lambda a: f"CAST(EXTRACT(YEAR FROM {a[0]}) AS INTEGER)",
}

_TYPES = {"DOUBLE": "DOUBLE PRECISION", "BLOB": "BYTEA"}


def _render(sql: str, placeholders: bool, types: bool) -> str:
    out: list[str] = []
    i = 0
    while i < len(sql):
        ch = sql[i]
        if ch in "'\"":
            end = _skip_quoted(sql, i)
            piece = sql[i:end]
            out.append(piece.replace("%", "%%") if placeholders else piece)
            i = end
            continue
        if ch == "-" and sql.startswith("--", i):  # a comment runs to the end of the line
            end = sql.find("\n", i)
            end = len(sql) if end < 0 else end
            out.append(sql[i:end].replace("%", "%%") if placeholders else sql[i:end])
            i = end
            continue
        if placeholders and ch == "?":
            out.append("%s")
            i += 1
            continue
        if placeholders and ch == "%":
            out.append("%%")
            i += 1
            continue
        m = _WORD.match(sql, i)
        if m and (i == 0 or not (sql[i - 1].isalnum() or sql[i - 1] in "_.")):
            word = m.group(0)
            after = m.end()
            rule = _FUNCTIONS.get(word.lower())
            if rule and after < len(sql) and sql[after] == "(":
                close = _closing(sql, after)
                inner = _render(sql[after + 1 : close], placeholders, types)
                out.append(rule(_split_args(inner)))
                i = close + 1
                continue
            if (
                types
                and word.upper() in _TYPES
                and not sql[after:].lstrip().upper().startswith("PRECISION")
            ):
                out.append(_TYPES[word.upper()])
            else:
                out.append(word)
            i = after
            continue
        out.append(ch)
        i += 1
    return "".join(out)


@lru_cache(maxsize=4096)
def postgres_query(sql: str) -> str:
    """A query with `?` parameters, in PostgreSQL's SQL with psycopg's `%s` parameters."""
    return _render(sql, placeholders=True, types=True)


@lru_cache(maxsize=256)
def postgres_statement(sql: str) -> str:
    """SQL sent without parameters (the schema's migrations, fixed statements)."""
    return _render(sql, placeholders=False, types=True)
