"""Records that boundaries left outside every kelurahan, and what an admin does with them.

A boundary import refuses to strand a record unless it is forced (`locations`); a
forced import keeps each such record in its old kelurahan with placement "outside".
They are listed here (and by `pantau check`) until an admin either moves the record
to its right point — it is joined again, and must now fall in a kelurahan — or
confirms it where it stands (placement "confirmed": it stays in its kelurahan, and
the next import that covers it joins it normally).
"""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any

import pandas as pd

from pantau.access.permissions import Actor, require
from pantau.access.records import apply_change
from pantau.geo import spatial
from pantau.geo.locations import (
    CONFIRMED,
    RECORD_TYPE,
    STRANDED,
    current_boundaries,
    kelurahan_name,
)
from pantau.kernel.errors import InvalidInput
from pantau.store import Database
from pantau.store import locations as location_store

COLUMNS = ["table", "id", "version", "label", "kelurahan_kode", "kelurahan", "lon", "lat",
           "distance_m", "nearest"]  # fmt: skip


def stranded(db: Database, tolerance_m: float = spatial.DEFAULT_TOLERANCE_M) -> pd.DataFrame:
    """Every record left outside every kelurahan, with how far it is from the nearest
    kelurahan (COLUMNS; empty when there is none)."""
    cur = db.cursor()
    found = {t: location_store.with_placement(cur, t, STRANDED) for t in RECORD_TYPE}
    found = {t: pts for t, pts in found.items() if not pts.empty}
    if not found:
        return pd.DataFrame(columns=COLUMNS)
    boundaries = current_boundaries(db)
    parts: list[pd.DataFrame] = []
    for table, pts in found.items():
        joined = spatial.join_points(
            boundaries, pts["lon"].to_numpy(), pts["lat"].to_numpy(), tolerance_m
        )
        labels = location_store.labels(cur, table, [int(i) for i in pts["id"]])
        parts.append(
            pd.DataFrame(
                {
                    "table": table,
                    "id": pts["id"].astype(int),
                    "version": pts["version"].astype(int),
                    "label": [labels.get(int(i), f"#{i}") for i in pts["id"]],
                    "kelurahan_kode": pts["kelurahan_kode"],
                    "kelurahan": [kelurahan_name(k) for k in pts["kelurahan_kode"]],
                    "lon": pts["lon"],
                    "lat": pts["lat"],
                    "distance_m": joined["distance_m"].round(0),
                    "nearest": [kelurahan_name(k) for k in joined["nearest_kode"]],
                }
            )
        )
    return pd.concat(parts, ignore_index=True)[COLUMNS]


def _stranded_check(stored: dict[str, Any]) -> None:
    if stored.get("placement") != STRANDED:
        raise InvalidInput("err_not_stranded")


def confirm(
    db: Database, actor: Actor, table: str, record_id: int, version: int, now: datetime
) -> dict[str, Any]:
    """Keep a stranded record where it stands, in its kelurahan (admin only, logged)."""
    require(actor, "manage_boundaries")
    return apply_change(
        db, actor, RECORD_TYPE[table], table, record_id, version, {"placement": CONFIRMED}, now,
        check=_stranded_check, action="confirm_place",
        note="Dikonfirmasi di luar batas wilayah",
    )  # fmt: skip


def move(
    db: Database,
    actor: Actor,
    table: str,
    record_id: int,
    version: int,
    lon: float | None,
    lat: float | None,
    now: datetime,
    tolerance_m: float = spatial.DEFAULT_TOLERANCE_M,
) -> dict[str, Any]:
    """Put a stranded record at its right point, joined again (admin only, logged).

    Raises InvalidInput when the point is still outside every kelurahan (naming the
    nearest), or when the record is no longer stranded."""
    require(actor, "manage_boundaries")
    x = math.nan if lon is None else lon  # a missing field: "harus berupa angka"
    y = math.nan if lat is None else lat
    placed = spatial.assign_point(current_boundaries(db), x, y, tolerance_m)
    values = {
        "lon": float(x),
        "lat": float(y),
        "kelurahan_kode": placed.kelurahan_kode,
        "kecamatan_kode": placed.kecamatan_kode,
        "placement": placed.placement,
    }
    return apply_change(
        db, actor, RECORD_TYPE[table], table, record_id, version, values, now,
        check=_stranded_check, action="move_place", note="Dipindah ke dalam batas wilayah",
    )  # fmt: skip
