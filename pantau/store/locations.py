"""Points of located records, and writing the spatial join's result back."""

from __future__ import annotations

import duckdb
import pandas as pd

from pantau.store.tables import LOCATED_TABLES, columns


def points(cur: duckdb.DuckDBPyConnection, table: str) -> pd.DataFrame:
    """id, lon, lat, kelurahan_kode, kecamatan_kode, placement of every row of `table`."""
    if table not in LOCATED_TABLES:
        raise ValueError(f"{table!r} has no location")
    columns(cur, table)
    return cur.execute(
        "SELECT id, lon, lat, kelurahan_kode, kecamatan_kode, placement"  # noqa: S608
        f" FROM {table} ORDER BY id"
    ).df()


def with_placement(cur: duckdb.DuckDBPyConnection, table: str, placement: str) -> pd.DataFrame:
    """id, version, lon, lat, kelurahan_kode of the rows of `table` with this placement."""
    if table not in LOCATED_TABLES:
        raise ValueError(f"{table!r} has no location")
    return cur.execute(
        "SELECT id, version, lon, lat, kelurahan_kode"  # noqa: S608
        f" FROM {table} WHERE placement = ? ORDER BY id",
        [placement],
    ).df()


_LABELS = {
    "sites": "SELECT id, 'Lokasi ' || code || ' ' || name FROM sites",
    "reports": "SELECT id, 'Laporan #' || id || coalesce(' ' || address, '') FROM reports",
    "pockets": "SELECT id, 'Titik genangan #' || id || coalesce(' ' || name, '') FROM pockets",
}


def labels(cur: duckdb.DuckDBPyConnection, table: str, ids: list[int]) -> dict[int, str]:
    """id -> how a person names the record ("Lokasi CTH-PEN-05 Pasar …", "Laporan #12 …"),
    for these ids only."""
    if table not in _LABELS:
        raise ValueError(f"{table!r} has no location")
    rows = cur.execute(f"{_LABELS[table]} WHERE list_contains(?, id)", [ids]).fetchall()
    return {int(i): str(t) for i, t in rows}


def write_placements(cur: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> int:
    """Set kelurahan_kode, kecamatan_kode, placement from `frame` (keyed by id).

    One set-based UPDATE, so re-joining 100 000 reports is one statement.
    """
    if table not in LOCATED_TABLES:
        raise ValueError(f"{table!r} has no location")
    if frame.empty:
        return 0
    joined = frame[["id", "kelurahan_kode", "kecamatan_kode", "placement"]]
    cur.register("joined_points", joined)
    try:
        cur.execute(
            f"UPDATE {table} AS t SET kelurahan_kode = j.kelurahan_kode,"  # noqa: S608
            " kecamatan_kode = j.kecamatan_kode, placement = j.placement"
            " FROM joined_points j WHERE t.id = j.id"
        )
    finally:
        cur.unregister("joined_points")
    return len(joined)
