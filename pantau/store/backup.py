"""EXPORT / IMPORT DATABASE, which keep tables, data and sequence positions (DuckDB),
and the sequence positions a copy between engines carries over (both engines)."""

from __future__ import annotations

from pathlib import Path

from pantau.store.cursor import Cursor


def _quoted(path: Path) -> str:
    text = str(path.resolve())
    if "\x00" in text:
        raise ValueError("path contains a NUL byte")
    return "'" + text.replace("'", "''") + "'"


class BackupRepo:
    """Export and import of the whole database (`session.backup`). Bound to one cursor."""

    def __init__(self, cur: Cursor) -> None:
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

    def sequence_positions(self) -> dict[str, int]:
        rows = self._cur.execute(
            "SELECT sequence_name, coalesce(last_value, 0) FROM duckdb_sequences()"
        ).fetchall()
        return {str(r[0]): int(r[1]) for r in rows}

    def advance_sequences(self, positions: dict[str, int]) -> None:
        now = self.sequence_positions()
        for name, target in sorted(positions.items()):
            if name not in now:
                raise ValueError(f"unknown sequence {name!r}")
            behind = target - now[name]
            if behind > 0:  # DuckDB cannot set a sequence: draw the numbers up to it
                self._cur.execute(
                    f"SELECT max(nextval('{name}')) FROM range(?)",  # noqa: S608 - name checked
                    [behind],
                ).fetchall()


class PgBackupRepo(BackupRepo):
    """The same on PostgreSQL, where a whole-database backup is a copy into a DuckDB
    file (`pantau.admin.backup`): no EXPORT here."""

    def export_database(self, directory: Path) -> None:
        raise NotImplementedError("a PostgreSQL backup is copied to a DuckDB file first")

    def import_database(self, directory: Path) -> None:
        raise NotImplementedError("restore into a DuckDB file, then migrate-store it")

    def sequence_positions(self) -> dict[str, int]:
        rows = self._cur.execute(
            "SELECT sequencename, coalesce(last_value, 0) FROM pg_sequences"
            " WHERE schemaname = current_schema()"
        ).fetchall()
        return {str(r[0]): int(r[1]) for r in rows}

    def advance_sequences(self, positions: dict[str, int]) -> None:
        now = self.sequence_positions()
        for name, target in sorted(positions.items()):
            if name not in now:
                raise ValueError(f"unknown sequence {name!r}")
            if target > now[name]:
                self._cur.execute("SELECT setval(?, ?)", [name, target]).fetchall()
