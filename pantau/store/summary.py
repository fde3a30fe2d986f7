"""Counts per kelurahan for the area overview."""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from pantau.kernel.vocab import codes_in_group
from pantau.store.cursor import Cursor


class SummaryRepo:
    """Per-kelurahan counts for the overview (`session.summary`). Bound to one cursor."""

    def __init__(self, cur: Cursor) -> None:
        self._cur = cur

    def kelurahan_counts(self, since: datetime) -> pd.DataFrame:
        return self._cur.execute(
            """
            WITH s AS (
                SELECT kelurahan_kode,
                       count(*) AS sites,
                       count(*) FILTER (WHERE status <> 'tertata') AS sites_open,
                       count(*) FILTER (WHERE status = 'tertata') AS sites_tidy
                FROM sites WHERE NOT retired GROUP BY kelurahan_kode
            ), r AS (
                SELECT kelurahan_kode,
                       count(*) AS reports,
                       count(*) FILTER (WHERE list_contains(?::VARCHAR[], status))
                           AS reports_open
                FROM reports WHERE observed_at >= ? GROUP BY kelurahan_kode
            ), p AS (
                SELECT kelurahan_kode, count(*) AS pockets FROM pockets GROUP BY kelurahan_kode
            )
            SELECT k.kode, k.nama, c.nama AS kecamatan, k.kecamatan_kode,
                   coalesce(s.sites, 0) AS sites, coalesce(s.sites_open, 0) AS sites_open,
                   coalesce(s.sites_tidy, 0) AS sites_tidy, coalesce(r.reports, 0) AS reports,
                   coalesce(r.reports_open, 0) AS reports_open, coalesce(p.pockets, 0) AS pockets
            FROM kelurahan k JOIN kecamatan c ON c.kode = k.kecamatan_kode
            LEFT JOIN s ON s.kelurahan_kode = k.kode
            LEFT JOIN r ON r.kelurahan_kode = k.kode
            LEFT JOIN p ON p.kelurahan_kode = k.kode
            ORDER BY k.kode
            """,
            [list(codes_in_group("report_status", "open")), since],
        ).df()
