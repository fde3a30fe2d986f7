"""EXPORT / IMPORT DATABASE, which keep tables, data and sequence positions."""

from __future__ import annotations

from pathlib import Path

import duckdb


def _quoted(path: Path) -> str:
    text = str(path.resolve())
    if "\x00" in text:
        raise ValueError("path contains a NUL byte")
    return "'" + text.replace("'", "''") + "'"


class BackupRepo:
    """Export and import of the whole database (`session.backup`). Bound to one cursor."""

    def __init__(self, cur: duckdb.DuckDBPyConnection) -> None:
        self._cur = cur

    def export_database(self, directory: Path) -> None:
        self._cur.execute("CHECKPOINT")
        # EXPORT takes no bound parameters; the path is quoted above.
        self._cur.execute(f"EXPORT DATABASE {_quoted(directory)} (FORMAT parquet)")

    def import_database(self, directory: Path) -> None:
        self._cur.execute(f"IMPORT DATABASE {_quoted(directory)}")

    def schema_version(self) -> int:
        row = self._cur.execute("SELECT max(version) FROM schema_migrations").fetchone()
        return int(row[0]) if row and row[0] is not None else 0
