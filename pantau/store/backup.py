"""EXPORT / IMPORT DATABASE, which keep tables, data and sequence positions."""

from __future__ import annotations

from pathlib import Path

import duckdb


def _quoted(path: Path) -> str:
    text = str(path.resolve())
    if "\x00" in text:
        raise ValueError("path contains a NUL byte")
    return "'" + text.replace("'", "''") + "'"


def export_database(cur: duckdb.DuckDBPyConnection, directory: Path) -> None:
    cur.execute("CHECKPOINT")
    # EXPORT takes no bound parameters; the path is quoted above.
    cur.execute(f"EXPORT DATABASE {_quoted(directory)} (FORMAT parquet)")


def import_database(cur: duckdb.DuckDBPyConnection, directory: Path) -> None:
    cur.execute(f"IMPORT DATABASE {_quoted(directory)}")
