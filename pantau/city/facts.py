"""Kecamatan and kelurahan as values, and the reference facts of Jakarta Utara's.

Read from `geo/kelurahan_jakarta_utara.csv` (public facts: names, Kemendagri and
BPS codes, a point inside each kelurahan, its office, its area). Kemendagri codes
(``31.72.KK.LLLL``) are the keys everywhere in Pantau; BPS codes (``3175KKKLLL``)
are only matched, never joined on digits (BPS 3172 is Jakarta Timur).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

GEO_DIR = Path(__file__).resolve().parents[2] / "geo"
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
