"""Points of located records, and writing the spatial join's result back."""

from __future__ import annotations

import pandas as pd

from pantau.store.cursor import Cursor
from pantau.store.ports import LOCATED_TABLES
from pantau.store.tables import RecordRepo

_LABELS = {
    "sites": "SELECT id, 'Lokasi ' || code || ' ' || name FROM sites",
    "reports": "SELECT id, 'Laporan #' || id || coalesce(' ' || address, '') FROM reports",
    "pockets": "SELECT id, 'Titik genangan #' || id || coalesce(' ' || name, '') FROM pockets",
}


class LocationRepo:
    """Located records' points and spatial join (`session.locations`), on one cursor."""

    def __init__(self, cur: Cursor) -> None:
        self._cur = cur

    def points(self, table: str) -> pd.DataFrame:
        if table not in LOCATED_TABLES:
            raise ValueError(f"{table!r} has no location")
        RecordRepo(self._cur).columns(table)  # validates the name
        return self._cur.execute(
            "SELECT id, lon, lat, kelurahan_kode, kecamatan_kode, placement"  # noqa: S608
            f" FROM {table} ORDER BY id"
        ).df()

    def with_placement(self, table: str, placement: str) -> pd.DataFrame:
        if table not in LOCATED_TABLES:
            raise ValueError(f"{table!r} has no location")
        return self._cur.execute(
            "SELECT id, version, lon, lat, kelurahan_kode"  # noqa: S608
            f" FROM {table} WHERE placement = ? ORDER BY id",
            [placement],
        ).df()

    def labels(self, table: str, ids: list[int]) -> dict[int, str]:
        if table not in _LABELS:
            raise ValueError(f"{table!r} has no location")
        rows = self._cur.execute(f"{_LABELS[table]} WHERE list_contains(?, id)", [ids]).fetchall()
        return {int(i): str(t) for i, t in rows}

    def write_placements(self, table: str, frame: pd.DataFrame) -> int:
        if table not in LOCATED_TABLES:
            raise ValueError(f"{table!r} has no location")
        if frame.empty:
            return 0
        joined = frame[["id", "kelurahan_kode", "kecamatan_kode", "placement"]]
        self._cur.register("joined_points", joined)
        try:
            self._cur.execute(
                f"UPDATE {table} AS t SET kelurahan_kode = j.kelurahan_kode,"  # noqa: S608
                " kecamatan_kode = j.kecamatan_kode, placement = j.placement"
                " FROM joined_points j WHERE t.id = j.id"
            )
        finally:
            self._cur.unregister("joined_points")
        return len(joined)
