"""Recognise the 31 kelurahan in someone else's boundary file, by code or by name.

`match_boundaries` (re-exported by `pantau.geo.boundaries`) turns the features of
a file into exactly 31 kelurahan polygons. A file comes with its own column
names, so the columns are found by their values, not by their names:

* a Kemendagri code column holds ``31.72.KK.LLLL`` (or the same ten digits
  without dots, ``3172KKLLLL``);
* a BPS code column holds ``3175KKKLLL`` (in BPS numbering 3172 is Jakarta
  Timur, so the two systems are never compared digit by digit: a value counts
  as Kemendagri only if it is one of the 31 Kemendagri codes once dotted);
* a name column holds kelurahan names, a kecamatan column kecamatan names
  (compared after `normalise_name`).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

import geopandas as gpd
import pandas as pd
import shapely
from pyproj import CRS
from shapely.geometry.base import BaseGeometry

from pantau.city.areas import kecamatan_list, kelurahan_by_kode, kelurahan_list
from pantau.city.seam import current
from pantau.kernel.errors import InvalidInput

MatchMethod = Literal["kode_kemendagri", "kode_bps", "nama"]
Outcome = Literal["matched", "other_kota", "ambiguous", "unknown"]

# Administrative prefixes written before a name ("Kelurahan Pluit", "Kel. Pluit").
_PREFIX = re.compile(r"^(?:kelurahan\b\.?|kel\.|kel\b|desa\b|ds\.)\s*")

# Spelling variants, applied in order to the compact (lower-case, letters and
# digits only) form of a name. Each row: pattern, replacement, an example.
_VARIANTS: tuple[tuple[str, str, str], ...] = (
    (r"^t[jg](?=pri[ou]k)", "tanjung", "Tj. Priok, Tg. Priok"),
    (r"^tan(?:dj|j)ong", "tanjung", "Tandjong Priok"),
    (r"^pad(?=barat$|timur$)", "pademangan", "Pad. Barat"),
    (r"^sei(?=bambu$)", "sungai", "Sei Bambu"),
    (r"^kebun(?=bawang$)", "kebon", "Kebun Bawang"),
    (r"oe", "u", "Soekapoera (old spelling)"),
    (r"dj", "j", "Sunter Djaja (old spelling)"),
    (r"tj", "c", "Tjilintjing (old spelling)"),
    (r"priuk", "priok", "Tanjung Priuk"),
    (r"^papango$", "papanggo", "Papango"),
    (r"^penjagalan$", "pejagalan", "Penjagalan"),
    (r"^sunterjaja$", "sunterjaya", "Sunter Jaja"),
    (r"^pegangsaan(?:ii|2)$", "pegangsaandua", "Pegangsaan II, Pegangsaan 2"),
)
_COMPILED = tuple((re.compile(p), r) for p, r, _ in _VARIANTS)

_DOTTED = re.compile(r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$")
_TEN_DIGITS = re.compile(r"^\d{10}$")


def normalise_name(s: str) -> str:
    """A kelurahan or kecamatan name reduced to a comparable key.

    Case-folds, drops accents, strips a leading "Kelurahan" / "Kel." / "Desa",
    removes spaces and punctuation and folds known spelling variants
    (`_VARIANTS`), so "Kel. Rawabadak Utara" and "Rawa Badak Utara" give the same
    key. Never raises; an empty string gives "".
    """
    text = unicodedata.normalize("NFKD", s)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold().strip()
    text = _PREFIX.sub("", text)
    text = re.sub(r"[^a-z0-9]", "", text)
    for pattern, replacement in _COMPILED:
        text = pattern.sub(replacement, text)
    return text


def cell_text(value: object) -> str | None:
    """A table cell as stripped text; None for empty, NaN or missing cells.

    Whole floats lose their ".0" (a code read as 3175010004.0 gives
    "3175010004").
    """
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if value.is_integer():
            return str(int(value))
    text = str(value).strip()
    return text or None


def kemendagri_code(text: str) -> str | None:
    """The dotted Kemendagri code written in `text`, or None if not code-shaped."""
    t = text.replace(" ", "")
    if _DOTTED.match(t):
        return t
    if _TEN_DIGITS.match(t):
        return f"{t[:2]}.{t[2:4]}.{t[4:6]}.{t[6:]}"
    return None


def bps_code(text: str) -> str | None:
    """The ten-digit BPS code written in `text` (a trailing "*" allowed), or None."""
    t = text.replace(" ", "").rstrip("*")
    return t if _TEN_DIGITS.match(t) else None


# Lookups are cached per wilayah: each cached function takes the code of the wilayah in
# force (`kota`, unused but for the cache key), since its kelurahan are what they index.
@cache
def _bps_index_in(kota: str) -> dict[str, str]:
    return {k.kode_bps: k.kode for k in kelurahan_list()}


def _bps_index() -> dict[str, str]:
    return _bps_index_in(current().kode)


@cache
def _name_index_in(kota: str) -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for k in kelurahan_list():
        index.setdefault(normalise_name(k.nama), []).append(k.kode)
    return {name: tuple(kodes) for name, kodes in index.items()}


def _name_index() -> dict[str, tuple[str, ...]]:
    return _name_index_in(current().kode)


@cache
def _stem_index_in(kota: str) -> dict[str, tuple[str, ...]]:
    """Name stems shared by several kelurahan ("Pademangan", "Rawa Badak") → their kodes."""
    index: dict[str, list[str]] = {}
    for k in kelurahan_list():
        words = k.nama.split()
        if len(words) > 1:
            index.setdefault(normalise_name(" ".join(words[:-1])), []).append(k.kode)
    return {stem: tuple(kodes) for stem, kodes in index.items() if len(kodes) > 1}


def _stem_index() -> dict[str, tuple[str, ...]]:
    return _stem_index_in(current().kode)


@cache
def _kecamatan_index_in(kota: str) -> dict[str, str]:
    return {normalise_name(k.nama): k.kode for k in kecamatan_list()}


def _kecamatan_index() -> dict[str, str]:
    return _kecamatan_index_in(current().kode)


@dataclass(frozen=True)
class Columns:
    """Which column of a file plays which role (None: the file has none)."""

    kemendagri: str | None = None
    bps: str | None = None
    name: str | None = None
    kecamatan: str | None = None


@dataclass(frozen=True)
class _Scores:
    code_like: float  # share of values shaped like a code
    kemendagri: int  # values that are one of the 31 Kemendagri codes
    dotted: int  # values written with dots
    bps: int  # values that are one of the 31 BPS codes
    names: int  # values that are a kelurahan name
    distinct_names: int
    kecamatan: int  # values that are a kecamatan name


def _score(values: Iterable[object]) -> _Scores:
    texts = [t for t in (cell_text(v) for v in values) if t is not None]
    kem = [kemendagri_code(t) for t in texts]
    coded = sum(c is not None or bps_code(t) is not None for c, t in zip(kem, texts, strict=True))
    names = [normalise_name(t) for t in texts]
    matched_names = [n for n in names if n in _name_index()]
    return _Scores(
        code_like=coded / len(texts) if texts else 0.0,
        kemendagri=sum(c in kelurahan_by_kode() for c in kem),
        dotted=sum(bool(_DOTTED.match(t.replace(" ", ""))) for t in texts),
        bps=sum(bps_code(t) in _bps_index() for t in texts),
        names=len(matched_names),
        distinct_names=len(set(matched_names)),
        kecamatan=sum(n in _kecamatan_index() for n in names),
    )


def detect_columns(table: pd.DataFrame) -> Columns:
    """Find the code, name and kecamatan columns of `table` by their values.

    A column whose values are mostly code-shaped is a code column: Kemendagri
    if more of its values are Kemendagri codes (dotted, or ten digits that are
    one once dotted) than BPS codes, preferring dotted columns on a tie; BPS
    otherwise. Among the other columns, the one matching most distinct
    kelurahan names is the name column, unless it matches kecamatan names at
    least as often (then it is the kecamatan column). Never raises.
    """
    scores = {
        str(col): _score(table[col].tolist())
        for col in table.columns
        if str(table[col].dtype) != "geometry"
    }
    codes = {c: s for c, s in scores.items() if s.code_like >= 0.5}
    kem = [c for c, s in codes.items() if s.kemendagri > max(s.bps, 0)]
    kem_col = max(kem, key=lambda c: (codes[c].kemendagri, codes[c].dotted), default=None)
    bps = [c for c, s in codes.items() if c != kem_col and s.bps > 0]
    bps_col = max(bps, key=lambda c: codes[c].bps, default=None)
    texts = {c: s for c, s in scores.items() if c not in codes}
    names = [c for c, s in texts.items() if s.names > s.kecamatan]
    name_col = max(names, key=lambda c: (texts[c].distinct_names, texts[c].names), default=None)
    kecs = [c for c, s in texts.items() if c != name_col and s.kecamatan > 0]
    kec_col = max(kecs, key=lambda c: texts[c].kecamatan, default=None)
    return Columns(kem_col, bps_col, name_col, kec_col)


@dataclass(frozen=True)
class FeatureMatch:
    """How one feature was recognised.

    `kode` is set only when `outcome` is "matched"; `detail` is an Indonesian
    phrase describing why the feature was not matched (or a conflict that was
    resolved), "" when there is nothing to say; `kota_code` is True when an
    unmatched feature still carries a Jakarta Utara code (31.72 / 3175).
    """

    outcome: Outcome
    kode: str | None = None
    method: MatchMethod | None = None
    detail: str = ""
    kota_code: bool = False


def describe(row: Mapping[str, str | None], columns: Columns) -> str:
    """A short Indonesian label of a feature's code and name values, for messages."""
    parts = [
        f"{label} {row[col]}"
        for label, col in (
            ("kode", columns.kemendagri),
            ("kode BPS", columns.bps),
            ("nama", columns.name),
        )
        if col is not None and row.get(col)
    ]
    return ", ".join(parts) if parts else "tanpa kode dan nama"


def _label(kode: str) -> str:
    return kelurahan_by_kode()[kode].nama


def _by_name(name: str | None, kecamatan: str | None) -> tuple[str | None, tuple[str, ...]]:
    """(the one kode this name means, or None; the candidates when ambiguous)."""
    key = normalise_name(name or "")
    candidates = _name_index().get(key, ())
    if not candidates:
        return None, _stem_index().get(key, ())
    if len(candidates) > 1 and kecamatan:
        kec = _kecamatan_index().get(normalise_name(kecamatan))
        narrowed = tuple(k for k in candidates if kelurahan_by_kode()[k].kecamatan_kode == kec)
        candidates = narrowed or candidates
    return (candidates[0], ()) if len(candidates) == 1 else (None, candidates)


def match_feature(row: Mapping[str, str | None], columns: Columns) -> FeatureMatch:
    """Recognise one feature from its cell texts (column → text).

    Order: Kemendagri code; then BPS code (only a certain one, or an uncertain
    one the name agrees with); then the normalised name (narrowed by the
    kecamatan name if needed). A Kemendagri code outside the city in force, or a BPS
    code outside its kota with no Kemendagri match, means another kota. A certain BPS
    code contradicting the Kemendagri code, or a name that fits several
    kelurahan, is ambiguous. Never raises.
    """

    def get(col: str | None) -> str | None:
        return row.get(col) if col is not None else None

    kem_text, bps_text = get(columns.kemendagri), get(columns.bps)
    kem = kemendagri_code(kem_text) if kem_text else None
    bps = bps_code(bps_text) if bps_text else None
    name_kode, name_candidates = _by_name(get(columns.name), get(columns.kecamatan))

    here = current()
    if kem is not None and not kem.startswith(here.kode_prefix):
        return FeatureMatch("other_kota", detail=f"kode Kemendagri {kem}")
    kem_kode = kem if kem in kelurahan_by_kode() else None
    bps_kode = _bps_index().get(bps) if bps else None
    bps_certain = bps_kode is not None and kelurahan_by_kode()[bps_kode].bps_certain

    if kem_kode is not None:
        if bps_certain and bps_kode != kem_kode:
            return FeatureMatch(
                "ambiguous",
                detail=f"kode Kemendagri menunjuk {_label(kem_kode)}, "
                f"kode BPS menunjuk {_label(bps_kode or '')}",
            )
        detail = ""
        if name_kode is not None and name_kode != kem_kode:
            detail = f"nama menunjuk {_label(name_kode)}, kode Kemendagri dipakai"
        return FeatureMatch("matched", kem_kode, "kode_kemendagri", detail)
    if bps_kode is not None and (bps_certain or name_kode == bps_kode):
        detail = ""
        if name_kode is not None and name_kode != bps_kode:
            detail = f"nama menunjuk {_label(name_kode)}, kode BPS dipakai"
        return FeatureMatch("matched", bps_kode, "kode_bps", detail)
    if bps is not None and bps_kode is None and not bps.startswith(here.bps_prefixes):
        return FeatureMatch("other_kota", detail=f"kode BPS {bps}")
    if name_candidates:
        names = ", ".join(sorted(_label(k) for k in name_candidates))
        return FeatureMatch("ambiguous", detail=f"nama cocok dengan beberapa kelurahan: {names}")
    if name_kode is not None:
        return FeatureMatch("matched", name_kode, "nama")
    kota_code = (kem or "").startswith(here.kode_prefix) or (bps or "").startswith(
        here.bps_prefixes
    )
    if bps_kode is not None:
        return FeatureMatch(
            "unknown",
            detail=f"kode BPS {bps} untuk {_label(bps_kode)} belum pasti dan tidak ada nama "
            "yang mendukungnya",
            kota_code=True,
        )
    return FeatureMatch("unknown", detail="kode dan nama tidak dikenali", kota_code=kota_code)


def polygonal(geom: BaseGeometry | None) -> tuple[BaseGeometry | None, bool]:
    """The polygonal part of `geom` (2D) and whether it had to be repaired.

    An invalid geometry is repaired with `shapely.make_valid`; lines and points
    are dropped; a one-part MultiPolygon becomes a Polygon. Gives (None, ...)
    when nothing polygonal is left. Never raises.
    """
    if geom is None or geom.is_empty:
        return None, False
    geom = shapely.force_2d(geom)
    repaired = not geom.is_valid
    if repaired:
        geom = shapely.make_valid(geom)
    elif geom.geom_type == "Polygon":
        return geom, False
    polygons = [
        p
        for part in shapely.get_parts(geom)
        for p in shapely.get_parts(part)
        if p.geom_type == "Polygon" and not p.is_empty
    ]
    if not polygons:
        return None, repaired
    if len(polygons) == 1:
        return polygons[0], repaired
    return (geom if geom.geom_type == "MultiPolygon" else shapely.union_all(polygons)), repaired


@dataclass
class BoundaryImport:
    """The result of matching a boundary file to the 31 kelurahan.

    `boundaries` has columns kode, nama, kecamatan_kode, geometry (EPSG:4326),
    31 rows sorted by kode; `matched_by` maps kode → how it was recognised;
    `notes` are Indonesian sentences about what was dropped, repaired or merged.
    """

    boundaries: gpd.GeoDataFrame
    matched_by: dict[str, MatchMethod]
    notes: list[str] = field(default_factory=list)
    feature_count: int = 0
    dropped: int = 0
    repaired: int = 0
    dissolved: int = 0

    def report(self) -> str:
        """A multi-line Indonesian report for the administrator."""
        by = Counter(self.matched_by.values())
        lines = [
            f"Berkas berisi {self.feature_count} fitur.",
            f"{len(self.matched_by)} dari {len(kelurahan_list())} kelurahan cocok: "
            f"{by['kode_kemendagri']} lewat kode Kemendagri, {by['kode_bps']} lewat kode BPS, "
            f"{by['nama']} lewat nama.",
            f"Fitur diabaikan: {self.dropped}.",
            f"Geometri diperbaiki: {self.repaired}.",
            f"Kelurahan yang digabung dari beberapa fitur: {self.dissolved}.",
        ]
        if self.notes:
            lines.append("Catatan:")
            lines.extend(f"- {note}" for note in self.notes)
        return "\n".join(lines)


_METHOD_ORDER: tuple[MatchMethod, ...] = ("kode_kemendagri", "kode_bps", "nama")


def match_boundaries(gdf: gpd.GeoDataFrame) -> BoundaryImport:
    """Match the features of a boundary file to the 31 kelurahan of Jakarta Utara.

    `gdf` is what `pantau.geo.boundaries.read_boundary_file` returns (EPSG:4326).
    Features of another kota (by code), and unrecognised features lying outside
    the area of the recognised ones, are dropped with a note; invalid
    geometries are repaired; several features of one kelurahan are dissolved.

    Raises ValueError if `gdf` is not a GeoDataFrame in EPSG:4326, and
    InvalidInput (nothing returned) if no code or name column is found, a
    kelurahan is missing, a feature is ambiguous, or an unrecognised feature
    lies inside the recognised area; its `fields` hold one entry per problem
    (keyed by kode or "fitur N").
    """
    if not isinstance(gdf, gpd.GeoDataFrame):
        raise ValueError(f"expected a GeoDataFrame, got {type(gdf).__name__}")
    if gdf.crs is None or not CRS(gdf.crs).equals("EPSG:4326", ignore_axis_order=True):
        raise ValueError(f"boundaries must be in EPSG:4326, got {gdf.crs}")
    notes: list[str] = [str(n) for n in gdf.attrs.get("pantau_notes", [])]
    columns = detect_columns(gdf)
    if columns.kemendagri is None and columns.bps is None and columns.name is None:
        names = ", ".join(str(c) for c in gdf.columns if c != gdf.geometry.name) or "(tidak ada)"
        raise InvalidInput(
            "Berkas tidak memiliki kolom kode Kemendagri, kode BPS, atau nama kelurahan "
            f"{current().nama}. Kolom yang ada: {names}.",
            {"kolom": f"Kolom yang ada: {names}"},
        )
    attrs = gdf.drop(columns=gdf.geometry.name)
    rows = [{str(c): cell_text(v) for c, v in r.items()} for r in attrs.to_dict("records")]
    found: dict[str, list[tuple[BaseGeometry, MatchMethod]]] = {}
    unknown: list[tuple[int, str, BaseGeometry, FeatureMatch]] = []
    problems: dict[str, str] = {}
    dropped = repaired = 0
    for i, (geom, row) in enumerate(zip(gdf.geometry.values, rows, strict=True)):
        label = f"Fitur {i + 1} ({describe(row, columns)})"
        clean, was_repaired = polygonal(geom)
        if was_repaired:
            repaired += 1
            notes.append(f"{label}: geometri tidak valid dan telah diperbaiki.")
        if clean is None:
            dropped += 1
            notes.append(f"{label}: tidak berisi poligon, diabaikan.")
            continue
        m = match_feature(row, columns)
        if m.outcome == "matched" and m.kode is not None and m.method is not None:
            found.setdefault(m.kode, []).append((clean, m.method))
            if m.detail:
                notes.append(f"{label}: {m.detail}.")
        elif m.outcome == "other_kota":
            dropped += 1
            notes.append(f"{label}: {m.detail} bukan {current().nama}, diabaikan.")
        elif m.outcome == "ambiguous":
            problems[f"fitur {i + 1}"] = f"{label}: ambigu, {m.detail}."
        else:
            unknown.append((i, label, clean, m))
    city = shapely.union_all([g for parts in found.values() for g, _ in parts]) if found else None
    for i, label, geom, m in unknown:
        if m.kota_code or (city is not None and city.contains(geom.representative_point())):
            problems[f"fitur {i + 1}"] = (
                f"{label}: {m.detail}, padahal berada di {current().nama}; "
                "perbaiki kode atau namanya."
            )
        else:
            dropped += 1
            notes.append(f"{label}: {m.detail} dan berada di luar {current().nama}, diabaikan.")
    for k in kelurahan_list():
        if k.kode not in found:
            problems[k.kode] = f"Kelurahan {k.nama} ({k.kode}) tidak ditemukan dalam berkas."
    problems.update(_parts_over_neighbours(found))
    if problems:
        raise InvalidInput(_problem_message(problems), problems)

    geoms: list[BaseGeometry] = []
    dissolved = 0
    for k in kelurahan_list():
        parts = found[k.kode]
        geom = parts[0][0]
        if len(parts) > 1:
            dissolved += 1
            geom, _ = polygonal(shapely.union_all([g for g, _ in parts]))
            notes.append(
                f"Kelurahan {k.nama} tersusun dari {len(parts)} fitur; digabung menjadi satu."
            )
        geoms.append(geom)
    ks = kelurahan_list()
    boundaries = gpd.GeoDataFrame(
        {
            "kode": [k.kode for k in ks],
            "nama": [k.nama for k in ks],
            "kecamatan_kode": [k.kecamatan_kode for k in ks],
        },
        geometry=geoms,
        crs="EPSG:4326",
    )
    matched_by = {
        kode: min((m for _, m in parts), key=_METHOD_ORDER.index) for kode, parts in found.items()
    }
    return BoundaryImport(
        boundaries=boundaries,
        matched_by=dict(sorted(matched_by.items())),
        notes=notes,
        feature_count=len(gdf),
        dropped=dropped,
        repaired=repaired,
        dissolved=dissolved,
    )


# A second feature of one kelurahan may add an island, not take a neighbour's land:
# more than this share of the part lying in another kelurahan's feature is refused.
_PART_OVERLAP_LIMIT = 0.05


def _parts_over_neighbours(
    found: Mapping[str, list[tuple[BaseGeometry, MatchMethod]]],
) -> dict[str, str]:
    """Problems for kelurahan made of several features where one feature lies over
    another kelurahan: dissolving it would silently move that kelurahan's records
    (and their owners and edit rights). Overlap is measured in metres (EPSG:32748)."""
    multi = {kode: parts for kode, parts in found.items() if len(parts) > 1}
    if not multi:
        return {}
    from pantau.geo.boundaries import METRIC_CRS

    kodes = [kode for kode, parts in found.items() for _ in parts]
    metric = gpd.GeoSeries(
        [g for parts in found.values() for g, _ in parts], crs="EPSG:4326"
    ).to_crs(METRIC_CRS)
    names = kelurahan_by_kode()
    tree = shapely.STRtree(metric.values)
    problems: dict[str, str] = {}
    for i, (kode, geom) in enumerate(zip(kodes, metric.values, strict=True)):
        if kode not in multi or geom.area <= 0:
            continue
        for j in tree.query(geom, predicate="intersects"):
            other = kodes[int(j)]
            if other == kode:
                continue
            share = geom.intersection(metric.values[int(j)]).area / geom.area
            if share > _PART_OVERLAP_LIMIT:
                problems[f"{kode} bagian {i + 1}"] = (
                    f"Salah satu fitur Kelurahan {names[kode].nama} ({share:.0%} luasnya) "
                    f"menutupi Kelurahan {names[other].nama}; perbaiki kode fitur itu. "
                    "Tidak ada yang diimpor, agar tidak ada laporan atau lokasi yang pindah "
                    "kelurahan diam-diam."
                )
                break
    return problems


def _problem_message(problems: Mapping[str, str], shown: int = 3) -> str:
    """One Indonesian message naming the missing kelurahan and the first problem features."""
    missing = [kelurahan_by_kode()[k].nama for k in problems if k in kelurahan_by_kode()]
    features = [v for k, v in problems.items() if k not in kelurahan_by_kode()]
    parts = ["Batas wilayah tidak dapat diimpor."]
    if missing:
        parts.append(f"{len(missing)} kelurahan tidak ditemukan: {', '.join(missing)}.")
    if features:
        parts.append(f"{len(features)} fitur bermasalah:")
        parts.extend(features[:shown])
        if len(features) > shown:
            parts.append(f"Dan {len(features) - shown} fitur lainnya.")
    return " ".join(parts)
