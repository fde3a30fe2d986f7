"""Photos, stored once by content hash, and their links to records."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pantau.store.cursor import Cursor


class PhotoRepo:
    """Photos and their links to records (`session.photos`). Bound to one cursor."""

    def __init__(self, cur: Cursor) -> None:
        self._cur = cur

    def store(
        self,
        sha256: str,
        mime: str,
        width: int,
        height: int,
        data: bytes,
        thumb: bytes,
        user_id: int | None,
        at: datetime,
    ) -> bool:
        self._cur.execute(
            "INSERT INTO photos (sha256, mime, width, height, data, thumb, uploaded_by, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING RETURNING sha256",
            [sha256, mime, width, height, data, thumb, user_id, at],
        )
        return self._cur.fetchone() is not None

    def link(
        self,
        record_type: str,
        record_id: int,
        sha256: str,
        role: str,
        at: datetime,
    ) -> None:
        self._cur.execute(
            "INSERT INTO photo_links (record_type, record_id, sha256, role, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            [record_type, record_id, sha256, role, at],
        )

    def for_record(self, record_type: str, record_id: int) -> list[dict[str, Any]]:
        result = self._cur.execute(
            "SELECT l.sha256, l.role, l.created_at, l.record_type, p.width, p.height, p.mime"
            " FROM photo_links l JOIN photos p ON p.sha256 = l.sha256"
            " WHERE (l.record_type = ? AND l.record_id = ?)"
            " OR (? = 'site' AND l.record_type = 'sweep'"
            "     AND l.record_id IN (SELECT id FROM sweeps WHERE site_id = ?))"
            " ORDER BY l.created_at, l.id",
            [record_type, record_id, record_type, record_id],
        )
        names = [d[0] for d in result.description or []]
        return [dict(zip(names, row, strict=True)) for row in result.fetchall()]

    def image(self, sha256: str, *, thumb: bool) -> bytes | None:
        column = "thumb" if thumb else "data"
        row = self._cur.execute(
            f"SELECT {column} FROM photos WHERE sha256 = ?",  # noqa: S608 - one of two names
            [sha256],
        ).fetchone()
        return bytes(row[0]) if row else None
