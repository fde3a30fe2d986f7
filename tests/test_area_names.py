"""Kelurahan and kecamatan written as people write them (issue 12 #14)."""

from __future__ import annotations

import pytest

from pantau.city import areas
from pantau.city.names import find_kecamatan, find_kelurahan, kecamatan_kode, kelurahan_kode
from pantau.kernel.errors import InvalidInput


@pytest.mark.parametrize(
    ("written", "kode"),
    [
        ("Pluit", "31.72.01.1005"),
        ("Kel. Pluit", "31.72.01.1005"),
        ("kelurahan pluit", "31.72.01.1005"),
        ("  PLUIT ", "31.72.01.1005"),
        ("kali baru", "31.72.04.1004"),
        ("Kalibaru", "31.72.04.1004"),
        ("Tg. Priok", "31.72.02.1001"),
        ("Rawabadak Utara", "31.72.03.1004"),
        ("Pegangsaan II", "31.72.06.1002"),
        ("31.72.01.1005", "31.72.01.1005"),
        ("3172011005", "31.72.01.1005"),
        ("3175010005", "31.72.01.1005"),  # BPS code
        ("Koja", "31.72.03.1001"),  # the kelurahan, not the kecamatan of that name
    ],
)
def test_kelurahan_by_name_or_code(written: str, kode: str) -> None:
    assert kelurahan_kode(written) == kode


def test_every_reference_name_finds_itself() -> None:
    for k in areas.kelurahan_list():
        assert kelurahan_kode(k.nama) == k.kode
        assert kelurahan_kode(f"Kel. {k.nama.lower()}") == k.kode
    for kec in areas.kecamatan_list():
        assert kecamatan_kode(kec.nama) == kec.kode
        assert kecamatan_kode(f"Kec. {kec.nama}") == kec.kode


def test_the_reference_list_has_no_shared_kelurahan_name() -> None:
    """What the areas data holds: 31 kelurahan of Jakarta Utara, no name twice. Only a
    shortened name can be ambiguous (next test)."""
    names = [k.nama.lower() for k in areas.kelurahan_list()]
    assert len(names) == 31 and len(set(names)) == 31


@pytest.mark.parametrize(
    ("written", "candidates"),
    [
        ("Semper", ("Semper Timur (Kec. Cilincing)", "Semper Barat (Kec. Cilincing)")),
        (
            "Pademangan",
            ("Pademangan Timur (Kec. Pademangan)", "Pademangan Barat (Kec. Pademangan)"),
        ),
        ("Rawa Badak", ("Rawa Badak Utara (Kec. Koja)", "Rawa Badak Selatan (Kec. Koja)")),
    ],
)
def test_an_ambiguous_name_lists_its_candidates_with_their_kecamatan(
    written: str, candidates: tuple[str, ...]
) -> None:
    match = find_kelurahan(written)
    assert match.kode is None and set(match.candidates) == set(candidates)
    with pytest.raises(InvalidInput, match="bisa berarti beberapa kelurahan") as err:
        kelurahan_kode(written)
    assert all(c in str(err.value) for c in candidates)


def test_an_unknown_name_is_refused_naming_the_closest() -> None:
    with pytest.raises(InvalidInput) as err:
        kelurahan_kode("Plut")
    assert "Yang paling mirip: Pluit (Kec. Penjaringan)" in str(err.value)
    assert err.value.fields == {"kelurahan": str(err.value)}
    assert find_kelurahan("Sunter Jaja").kode == "31.72.02.1002"  # a known old spelling
    assert "Kalibaru" in find_kelurahan("Kali Bar").closest[0]
    with pytest.raises(InvalidInput, match="Cilincing"):
        kecamatan_kode("Cilincin")
    with pytest.raises(InvalidInput, match="tidak ada di Jakarta Utara"):
        kelurahan_kode("Menteng")
    assert find_kelurahan("31.71.01.1001").kode is None  # another kota's code


def test_kecamatan_by_name_or_code() -> None:
    assert find_kecamatan("Tj. Priok").kode == "31.72.02"
    assert find_kecamatan("kelapa gading").kode == "31.72.06"
    assert find_kecamatan("31.72.05").kode == "31.72.05"
    assert find_kecamatan("31.72.09").kode is None
