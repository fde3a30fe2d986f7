"""Which pocket a new report joins: the nearest pocket centre within the radius.

Decision: a pocket's centre stays where its first report was. Reports within the
radius of that centre join it; others start a new pocket. So a chain of reports
each 40 m apart along a street does not creep into one long pocket: with a 50 m
radius it becomes a pocket every other report or so — each spot that floods is
ranked as its own spot. Distances use a local metric projection (exact enough
at 50 m around Jakarta's latitude).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from functools import cache

from pantau.city.seam import current

M_PER_DEG_LAT = 110_574.0
M_PER_DEG_LON_EQUATOR = 111_320.0


@cache
def _lon_scale(lat0: float) -> float:
    return M_PER_DEG_LON_EQUATOR * math.cos(math.radians(lat0))


def metres(lon: float, lat: float) -> tuple[float, float]:
    """Metres east and north on a plane fitted at the middle of the wilayah in force
    (one scale for all points, so distances between them are true to a few mm)."""
    return lon * _lon_scale(current().centre[0]), lat * M_PER_DEG_LAT


class PocketIndex:
    """Pocket centres on a grid of radius-sized cells: a lookup checks 9 cells."""

    def __init__(self, radius_m: float, pockets: Iterable[tuple[int, float, float]] = ()) -> None:
        if not radius_m > 0:
            raise ValueError("radius_m must be > 0")
        self.radius = radius_m
        self._cells: dict[tuple[int, int], list[tuple[int, float, float]]] = {}
        for pocket_id, lon, lat in pockets:
            self.add(pocket_id, lon, lat)

    def _cell(self, x: float, y: float) -> tuple[int, int]:
        return math.floor(x / self.radius), math.floor(y / self.radius)

    def add(self, pocket_id: int, lon: float, lat: float) -> None:
        x, y = metres(lon, lat)
        self._cells.setdefault(self._cell(x, y), []).append((pocket_id, x, y))

    def nearest(self, lon: float, lat: float) -> tuple[int, float] | None:
        """(pocket id, distance in m) of the nearest centre within the radius, or None.
        Ties go to the smaller id."""
        x, y = metres(lon, lat)
        cx, cy = self._cell(x, y)
        best: tuple[float, int] | None = None
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for pocket_id, px, py in self._cells.get((cx + dx, cy + dy), ()):
                    d = math.hypot(px - x, py - y)
                    if d <= self.radius and (best is None or (d, pocket_id) < best):
                        best = (d, pocket_id)
        return None if best is None else (best[1], best[0])
