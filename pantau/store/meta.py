"""Key/value facts about the database: data version, sample flag, boundary source."""

from __future__ import annotations

from pantau.store.cursor import Cursor


class MetaRepo:
    """Key/value facts about the database (`session.meta`). Bound to one cursor."""

    def __init__(self, cur: Cursor) -> None:
        self._cur = cur

    def get(self, key: str, default: str | None = None) -> str | None:
        row = self._cur.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return str(row[0]) if row else default

    def put(self, key: str, value: str) -> None:
        self._cur.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, value],
        )

    def has_sample_data(self) -> bool:
        return self.get("sample_data") == "1"

    def _counter(self) -> int:
        return int(self.get("data_version", "0") or 0)

    def data_version(self) -> int:
        row = self._cur.execute("SELECT count(*) FROM events").fetchone()
        return self._counter() * 10**12 + int(row[0] if row else 0)

    def bump_data_version(self) -> int:
        self.put("data_version", str(self._counter() + 1))
        return self.data_version()
