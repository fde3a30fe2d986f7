"""What every part of the sample generator shares: a seeded RNG, the clock, and
a placer that says in which kelurahan a point falls."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import numpy as np

from pantau.city.areas import Kelurahan, kelurahan_list
from pantau.geo.spatial import Placer
from pantau.store.events import Event

SEED = 20261124
METRES_PER_DEG_LAT = 111_320.0


@dataclass
class SampleContext:
    now: datetime  # naive UTC
    place: Placer
    rng: random.Random = field(default_factory=lambda: random.Random(SEED))
    events: list[Event] = field(default_factory=list)

    def days_ago(self, days: float) -> datetime:
        return self.now - timedelta(days=days)

    def point_near(
        self, kel: Kelurahan, max_m: float, margin_m: float = 0.0, tries: int = 60
    ) -> tuple[float, float]:
        """A random point within `max_m` of the kelurahan's inside point that the
        placer puts inside that kelurahan, with every point `margin_m` around it
        inside too (so a cluster drawn around it stays in the kelurahan).

        Raises RuntimeError if no such point is found (never with the shipped data).
        """
        ring = 9 if margin_m else 1
        lons: list[float] = []
        lats: list[float] = []
        for attempt in range(tries):  # all candidates drawn up front, placed in one join
            radius = max_m * math.sqrt(self.rng.random()) * (1 - attempt / tries)
            angle = self.rng.random() * 2 * math.pi
            lon, lat = offset(kel.inside_lon, kel.inside_lat, radius, angle)
            lons.append(lon)
            lats.append(lat)
            for k in range(ring - 1):
                lo, la = offset(lon, lat, margin_m, k * math.pi / 4)
                lons.append(lo)
                lats.append(la)
        placed = self.place(np.array(lons), np.array(lats))
        ok = ((placed["kelurahan_kode"] == kel.kode) & (placed["placement"] == "inside")).to_numpy()
        for attempt in range(tries):
            if ok[attempt * ring : (attempt + 1) * ring].all():
                return round(lons[attempt * ring], 6), round(lats[attempt * ring], 6)
        raise RuntimeError(f"no sample point found inside {kel.nama}")


def offset(lon: float, lat: float, metres: float, angle: float) -> tuple[float, float]:
    """The point `metres` away from (lon, lat) in direction `angle` (radians)."""
    dlat = metres * math.sin(angle) / METRES_PER_DEG_LAT
    dlon = metres * math.cos(angle) / (METRES_PER_DEG_LAT * math.cos(math.radians(lat)))
    return lon + dlon, lat + dlat


def by_name(name: str) -> Kelurahan:
    for k in kelurahan_list():
        if k.nama == name:
            return k
    raise KeyError(name)
