"""The kecamatan and kelurahan of the wilayah in force (`pantau.city.seam.current`).

The values and the reference facts they are built from live in `pantau.city.facts`.
"""

from __future__ import annotations

from collections.abc import Mapping

from pantau.city.facts import GEO_DIR, REFERENCE_CSV, Kecamatan, Kelurahan, reference_facts
from pantau.city.seam import current

__all__ = [
    "GEO_DIR",
    "REFERENCE_CSV",
    "Kecamatan",
    "Kelurahan",
    "kecamatan_list",
    "kelurahan",
    "kelurahan_by_kode",
    "kelurahan_list",
    "kota_kode",
    "kota_name",
    "reference_facts",
]  # fmt: skip


def kelurahan_list() -> tuple[Kelurahan, ...]:
    """The kelurahan of the wilayah in force (`pantau.city.seam.current`), by code."""
    return current().kelurahan


def kecamatan_list() -> tuple[Kecamatan, ...]:
    """The kecamatan of the wilayah in force, by code."""
    return current().kecamatan


def kelurahan_by_kode() -> Mapping[str, Kelurahan]:
    return current().by_kode


def kelurahan(kode: str) -> Kelurahan:
    """The kelurahan with this Kemendagri code. Raises KeyError if unknown."""
    return kelurahan_by_kode()[kode]


def kota_kode() -> str:
    """The Kemendagri code of the wilayah in force ("31.72"; "31" for the province)."""
    return current().kode


def kota_name() -> str:
    """The short name of the wilayah in force ("Jakarta Utara")."""
    return current().nama
