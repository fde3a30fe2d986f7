"""The kecamatan and kelurahan of the wilayah in force, and the reference facts of
Jakarta Utara's.

Read from `geo/kelurahan_jakarta_utara.csv` (public facts: names, Kemendagri and
BPS codes, a point inside each kelurahan, its office, its area). Kemendagri codes
(``31.72.KK.LLLL``) are the keys everywhere in Pantau; BPS codes (``3175KKKLLL``)
are only matched, never joined on digits (BPS 3172 is Jakarta Timur).
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

GEO_DIR = Path(__file__).resolve().parent.parent / "geo"
REFERENCE_CSV = GEO_DIR / "kelurahan_jakarta_utara.csv"


@dataclass(frozen=True)
class Kelurahan:
    kode: str  # Kemendagri, e.g. 31.72.01.1001
    nama: str
    kecamatan: str
    kecamatan_kode: str  # e.g. 31.72.01
    kode_bps: str  # digits only; may be uncertain (see bps_certain)
    bps_certain: bool
    inside_lon: float
    inside_lat: float
    office_lon: float
    office_lat: float
    area_km2: float


@dataclass(frozen=True)
class Kecamatan:
    kode: str
    nama: str


@cache
def reference_facts() -> tuple[Kelurahan, ...]:
    """The 31 kelurahan of Jakarta Utara as the reference file states them (BPS codes,
    inside and office points, areas), by Kemendagri code. `pantau.city.seam` uses them for
    that kota; everything else asks the city in force (`kelurahan_list`)."""
    rows: list[Kelurahan] = []
    with REFERENCE_CSV.open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            bps = r["kode_bps"].strip()
            rows.append(
                Kelurahan(
                    kode=r["kode_kemendagri"].strip(),
                    nama=r["kelurahan"].strip(),
                    kecamatan=r["kecamatan"].strip(),
                    kecamatan_kode=r["kode_kemendagri"].strip()[:8],
                    kode_bps=bps.rstrip("*"),
                    bps_certain=not bps.endswith("*"),
                    inside_lon=float(r["inside_lon"]),
                    inside_lat=float(r["inside_lat"]),
                    office_lon=float(r["kantor_lurah_lon"]),
                    office_lat=float(r["kantor_lurah_lat"]),
                    area_km2=float(r["area_km2"]),
                )
            )
    return tuple(sorted(rows, key=lambda k: k.kode))


def kelurahan_list() -> tuple[Kelurahan, ...]:
    """The kelurahan of the wilayah in force (`pantau.city.seam.current`), by code."""
    from pantau.city.seam import current

    return current().kelurahan


def kecamatan_list() -> tuple[Kecamatan, ...]:
    """The kecamatan of the wilayah in force, by code."""
    from pantau.city.seam import current

    return current().kecamatan


def kelurahan_by_kode() -> Mapping[str, Kelurahan]:
    from pantau.city.seam import current

    return current().by_kode


def kelurahan(kode: str) -> Kelurahan:
    """The kelurahan with this Kemendagri code. Raises KeyError if unknown."""
    return kelurahan_by_kode()[kode]


def kota_kode() -> str:
    """The Kemendagri code of the wilayah in force ("31.72"; "31" for the province)."""
    from pantau.city.seam import current

    return current().kode


def kota_name() -> str:
    """The short name of the wilayah in force ("Jakarta Utara")."""
    from pantau.city.seam import current

    return current().nama
