"""Kecamatan, kelurahan and the boundary polygons in force."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import pandas as pd

from pantau.city.areas import Kecamatan, Kelurahan
from pantau.store.cursor import Cursor
from pantau.store.ports import BoundaryInfo, BoundaryRow  # re-exported for the store's own modules


class AreaRepo:
    """Kecamatan, kelurahan and boundary polygons (`session.areas`). Bound to one cursor."""

    def __init__(self, cur: Cursor) -> None:
        self._cur = cur

    def seed(
        self,
        kecamatan: Sequence[Kecamatan],
        kelurahan: Sequence[Kelurahan],
    ) -> None:
        self._cur.executemany(
            "INSERT INTO kecamatan (kode, nama) VALUES (?, ?) ON CONFLICT DO NOTHING",
            [[k.kode, k.nama] for k in kecamatan],
        )
        self._cur.executemany(
            "INSERT INTO kelurahan (kode, nama, kecamatan_kode, kode_bps, area_km2, office_lon,"
            " office_lat) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [
                [
                    k.kode,
                    k.nama,
                    k.kecamatan_kode,
                    k.kode_bps,
                    k.area_km2,
                    k.office_lon,
                    k.office_lat,
                ]
                for k in kelurahan
            ],
        )

    def kelurahan_frame(self) -> pd.DataFrame:
        return self._cur.execute(
            "SELECT l.kode, l.nama, l.kecamatan_kode, c.nama AS kecamatan, l.kode_bps, l.area_km2"
            " FROM kelurahan l JOIN kecamatan c ON c.kode = l.kecamatan_kode ORDER BY l.kode"
        ).df()

    def replace_boundaries(
        self,
        rows: Sequence[BoundaryRow],
        source: str,
        approximate: bool,
        at: datetime,
    ) -> None:
        self._cur.execute("DELETE FROM boundaries")
        self._cur.executemany(
            "INSERT INTO boundaries (kelurahan_kode, geom_wkb, source, approximate, imported_at)"
            " VALUES (?, ?, ?, ?, ?)",
            [[r.kelurahan_kode, r.geom_wkb, source, approximate, at] for r in rows],
        )

    def boundaries_frame(self) -> pd.DataFrame:
        frame = self._cur.execute(
            "SELECT b.kelurahan_kode AS kode, l.nama, l.kecamatan_kode, b.geom_wkb, b.source,"
            " b.approximate, b.imported_at FROM boundaries b"
            " JOIN kelurahan l ON l.kode = b.kelurahan_kode ORDER BY b.kelurahan_kode"
        ).df()
        frame["geom_wkb"] = frame["geom_wkb"].map(bytes)
        return frame

    def boundary_info(self) -> BoundaryInfo:
        row = self._cur.execute(
            "SELECT any_value(source), bool_or(approximate), max(imported_at), count(*)"
            " FROM boundaries"
        ).fetchone()
        if not row or not row[3]:
            return BoundaryInfo(source="", approximate=True, imported_at=None, count=0)
        return BoundaryInfo(str(row[0]), bool(row[1]), row[2], int(row[3]))
