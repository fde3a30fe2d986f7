"""Kelurahan and kecamatan as people write them: by name ("Pluit", "Kel. Pluit",
"kali baru", "Tg. Priok") or by code (Kemendagri ``31.72.01.1005`` or ``3172011005``,
BPS ``3175010005`` for a kelurahan).

The reference list (`pantau.city.areas`) holds Jakarta Utara's 31 kelurahan; no two share a
name there, but a shortened name can mean several ("Semper" is Semper Barat or Semper
Timur, "Pademangan" two kelurahan and a kecamatan). Such a name is refused as
ambiguous, listing the candidates with their kecamatan; an unknown name is refused
naming the closest ones.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import cache

from pantau.city import areas
from pantau.geo.matching import normalise_name
from pantau.kernel.errors import InvalidInput

_KEC_PREFIX = re.compile(r"^\s*(?:kecamatan\b\.?|kec\b\.?)\s*", re.IGNORECASE)
_KEL_CODE = re.compile(r"^(\d{2})\.?(\d{2})\.?(\d{2})\.?(\d{4})$")
_KEC_CODE = re.compile(r"^(\d{2})\.?(\d{2})\.?(\d{2})$")


@dataclass(frozen=True)
class AreaMatch:
    """What a written area name means: one code, or none with the candidates (an
    ambiguous name) or the closest names (an unknown one), as display labels."""

    text: str
    kode: str | None
    candidates: tuple[str, ...] = ()
    closest: tuple[str, ...] = ()


def _key(text: str) -> str:
    return normalise_name(_KEC_PREFIX.sub("", text))


def _kel_label(k: areas.Kelurahan) -> str:
    return f"{k.nama} (Kec. {k.kecamatan})"


# Lookups are cached per wilayah: each cached function takes the code of the wilayah in
# force (`kota`, unused but for the cache key), since its kelurahan are what they index.
@cache
def _kelurahan_keys_in(kota: str) -> dict[str, tuple[str, ...]]:
    """Name keys (full names, and stems shared by several) → kelurahan codes."""
    index: dict[str, list[str]] = {}
    for k in areas.kelurahan_list():
        index.setdefault(_key(k.nama), []).append(k.kode)
    stems: dict[str, list[str]] = {}
    for k in areas.kelurahan_list():
        words = k.nama.split()
        for n in range(1, len(words)):
            stem = _key(" ".join(words[:n]))
            if stem not in index:
                stems.setdefault(stem, []).append(k.kode)
    index.update({s: c for s, c in stems.items() if len(c) > 1})
    return {key: tuple(codes) for key, codes in index.items()}


def _kelurahan_keys() -> dict[str, tuple[str, ...]]:
    return _kelurahan_keys_in(areas.kota_kode())


@cache
def _kecamatan_keys_in(kota: str) -> dict[str, str]:
    return {_key(k.nama): k.kode for k in areas.kecamatan_list()}


def _kecamatan_keys() -> dict[str, str]:
    return _kecamatan_keys_in(areas.kota_kode())


def _closest(key: str, keys: dict[str, str]) -> tuple[str, ...]:
    """Labels of the names nearest to `key` (by spelling), best first."""
    near = difflib.get_close_matches(key, list(keys), n=3, cutoff=0.6)
    if not near and len(key) >= 3:
        near = [k for k in keys if k.startswith(key[:3])][:3]
    return tuple(dict.fromkeys(keys[k] for k in near))


@cache
def _find_kelurahan_in(text: str, kecamatan: str | None, kota: str) -> AreaMatch:
    written = " ".join(str(text).split())
    known = areas.kelurahan_by_kode()
    code = _KEL_CODE.match(written.replace(" ", ""))
    if code:
        dotted = ".".join(code.groups())
        bps = {k.kode_bps: k.kode for k in areas.kelurahan_list()}
        kode = dotted if dotted in known else bps.get("".join(code.groups()))
        return AreaMatch(written, kode)
    codes = _kelurahan_keys().get(_key(written), ())
    if len(codes) > 1 and kecamatan:
        kec = find_kecamatan(kecamatan).kode
        codes = tuple(c for c in codes if known[c].kecamatan_kode == kec) or codes
    if len(codes) == 1:
        return AreaMatch(written, codes[0])
    if codes:
        return AreaMatch(written, None, candidates=tuple(_kel_label(known[c]) for c in codes))
    labels = {_key(k.nama): _kel_label(k) for k in areas.kelurahan_list()}
    return AreaMatch(written, None, closest=_closest(_key(written), labels))


def find_kelurahan(text: str, kecamatan: str | None = None) -> AreaMatch:
    """The kelurahan `text` names (a name or a code) in the wilayah in force;
    `kecamatan` (name or code) narrows a name several kelurahan share. Never raises."""
    return _find_kelurahan_in(text, kecamatan, areas.kota_kode())


@cache
def _find_kecamatan_in(text: str, kota: str) -> AreaMatch:
    """The kecamatan `text` names (a name or a code such as 31.72.01). Never raises."""
    written = " ".join(str(text).split())
    code = _KEC_CODE.match(written.replace(" ", ""))
    names = {k.kode: k.nama for k in areas.kecamatan_list()}
    if code:
        dotted = ".".join(code.groups())
        return AreaMatch(written, dotted if dotted in names else None)
    kode = _kecamatan_keys().get(_key(written))
    if kode:
        return AreaMatch(written, kode)
    labels = {_key(n): n for n in names.values()}
    return AreaMatch(written, None, closest=_closest(_key(written), labels))


def find_kecamatan(text: str) -> AreaMatch:
    return _find_kecamatan_in(text, areas.kota_kode())


def problem(match: AreaMatch, what: str) -> str:
    """Why `match` names no single area, in one sentence (`what`: "kelurahan" or
    "kecamatan")."""
    if match.candidates:
        return (
            f"{match.text!r} bisa berarti beberapa {what}: {', '.join(match.candidates)}. "
            "Tulis nama lengkapnya."
        )
    hint = (
        f" Yang paling mirip: {', '.join(match.closest)}."
        if match.closest
        else f" Tulis nama atau kode Kemendagri {what} {areas.kota_name()}."
    )
    return f"{what.capitalize()} {match.text!r} tidak ada di {areas.kota_name()}.{hint}"


def kelurahan_kode(text: str, kecamatan: str | None = None) -> str:
    """The Kemendagri code of the kelurahan `text` names. Raises InvalidInput saying
    which candidates an ambiguous name has, or the closest names to an unknown one."""
    match = find_kelurahan(text, kecamatan)
    if match.kode is None:
        message = problem(match, "kelurahan")
        raise InvalidInput(message, {"kelurahan": message})
    return match.kode


def kecamatan_kode(text: str) -> str:
    """The Kemendagri code of the kecamatan `text` names. Raises InvalidInput naming the
    closest kecamatan when it is unknown."""
    match = find_kecamatan(text)
    if match.kode is None:
        message = problem(match, "kecamatan")
        raise InvalidInput(message, {"kecamatan": message})
    return match.kode
