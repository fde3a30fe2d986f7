"""Integrity queries for `pantau check`."""

from __future__ import annotations

import pandas as pd

from pantau.store.cursor import Cursor
from pantau.store.ports import EVENT_TABLES

# (description, SQL counting offending rows). Each must return 0 on a sound database.
ORPHAN_CHECKS: tuple[tuple[str, str], ...] = (
    (
        "sweeps tanpa lokasi penataan",
        "SELECT count(*) FROM sweeps s LEFT JOIN sites t ON t.id = s.site_id WHERE t.id IS NULL",
    ),
    (
        "arahan tanpa lokasi penataan",
        "SELECT count(*) FROM directives d LEFT JOIN sites t ON t.id = d.site_id"
        " WHERE t.id IS NULL",
    ),
    (
        "laporan dengan titik genangan yang tidak ada",
        "SELECT count(*) FROM reports r LEFT JOIN pockets p ON p.id = r.pocket_id"
        " WHERE r.pocket_id IS NOT NULL AND p.id IS NULL",
    ),
    (
        "laporan duplikat yang menunjuk laporan tidak ada",
        "SELECT count(*) FROM reports r LEFT JOIN reports o ON o.id = r.duplicate_of"
        " WHERE r.duplicate_of IS NOT NULL AND o.id IS NULL",
    ),
    (
        "tugas dengan titik genangan yang tidak ada",
        "SELECT count(*) FROM tasks t LEFT JOIN pockets p ON p.id = t.pocket_id"
        " WHERE t.pocket_id IS NOT NULL AND p.id IS NULL",
    ),
    (
        "tugas dengan lokasi penataan yang tidak ada",
        "SELECT count(*) FROM tasks t LEFT JOIN sites s ON s.id = t.site_id"
        " WHERE t.site_id IS NOT NULL AND s.id IS NULL",
    ),
    (
        "usulan dengan titik genangan atau lokasi penataan yang tidak ada",
        "SELECT count(*) FROM usulan u LEFT JOIN pockets p ON p.id = u.pocket_id"
        " LEFT JOIN sites s ON s.id = u.site_id"
        " WHERE (u.pocket_id IS NOT NULL AND p.id IS NULL)"
        " OR (u.site_id IS NOT NULL AND s.id IS NULL)",
    ),
    (
        "tugas-kelompok tanpa tugas atau kelompok",
        "SELECT count(*) FROM task_groups tg LEFT JOIN tasks t ON t.id = tg.task_id"
        " LEFT JOIN community_groups g ON g.id = tg.group_id WHERE t.id IS NULL OR g.id IS NULL",
    ),
    (
        "foto tertaut yang tidak tersimpan",
        "SELECT count(*) FROM photo_links l LEFT JOIN photos p ON p.sha256 = l.sha256"
        " WHERE p.sha256 IS NULL",
    ),
    (
        "kelompok di kelurahan yang tidak dikenal",
        "SELECT count(*) FROM community_groups g LEFT JOIN kelurahan k ON k.kode = g.kelurahan_kode"
        " WHERE k.kode IS NULL",
    ),
    (
        "pengguna di wilayah yang tidak dikenal",
        "SELECT count(*) FROM users u LEFT JOIN kelurahan k ON k.kode = u.kelurahan_kode"
        " LEFT JOIN kecamatan c ON c.kode = u.kecamatan_kode"
        " WHERE (u.kelurahan_kode IS NOT NULL AND k.kode IS NULL)"
        " OR (u.kecamatan_kode IS NOT NULL AND c.kode IS NULL)",
    ),
    (
        "kelurahan tanpa batas wilayah",
        "SELECT count(*) FROM kelurahan k LEFT JOIN boundaries b ON b.kelurahan_kode = k.kode"
        " WHERE b.kelurahan_kode IS NULL",
    ),
)


class IntegrityRepo:
    """Consistency checks of `pantau check` (`session.integrity`). Bound to one cursor."""

    def __init__(self, cur: Cursor) -> None:
        self._cur = cur

    def run_orphan_checks(self) -> list[tuple[str, int]]:
        out: list[tuple[str, int]] = []
        for label, sql in ORPHAN_CHECKS:
            row = self._cur.execute(sql).fetchone()
            out.append((label, int(row[0]) if row else 0))
        return out

    def unjoined_points(self) -> pd.DataFrame:
        return self._cur.execute(
            "SELECT 'sites' AS tbl, id, lon, lat, placement FROM sites"
            " WHERE kelurahan_kode IS NULL OR placement = 'outside'"
            " UNION ALL SELECT 'reports', id, lon, lat, placement FROM reports"
            " WHERE kelurahan_kode IS NULL OR placement = 'outside'"
            " UNION ALL SELECT 'pockets', id, lon, lat, placement FROM pockets"
            " WHERE kelurahan_kode IS NULL OR placement = 'outside'"
        ).df()

    def records_without_create_event(self) -> list[tuple[str, int]]:
        out: list[tuple[str, int]] = []
        for record_type, table in EVENT_TABLES.items():
            row = self._cur.execute(
                f"SELECT count(*) FROM {table} t WHERE NOT EXISTS (SELECT 1 FROM events e"  # noqa: S608
                " WHERE e.record_type = ? AND e.record_id = t.id AND e.action = 'create')",
                [record_type],
            ).fetchone()
            out.append((table, int(row[0]) if row else 0))
        return out

    def events_of_type(self, record_type: str) -> dict[int, list[dict[str, str | None]]]:
        grouped: dict[int, list[dict[str, str | None]]] = {}
        for record_id, action, field, new_value in self._cur.execute(
            "SELECT record_id, action, field, new_value FROM events WHERE record_type = ?"
            " ORDER BY record_id, occurred_at, id",
            [record_type],
        ).fetchall():
            grouped.setdefault(int(record_id), []).append(
                {"action": action, "field": field, "new_value": new_value}
            )
        return grouped
