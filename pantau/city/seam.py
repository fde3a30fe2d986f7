"""The city seam: one value that names the wilayah the database serves.

A `City` is either one kota / kabupaten administrasi of DKI Jakarta or the whole province.
It carries everything that depends on *which* wilayah is served: its codes and names (short,
official, and the spellings people type), its kota, kecamatan and kelurahan, its time zone,
the metric CRS to measure in, and where and how far to open a map. With it, no other module
needs to spell a code, a name, a CRS or a coordinate of a particular kota: they ask `city(…)`.

Facts come from two places, both read once:

* Jakarta Utara's kelurahan are exactly those of `pantau.city.areas` (the reference CSV with BPS
  codes, inside points, kelurahan offices and areas), so `city("31.72").kelurahan ==
  areas.kelurahan_list()`.
* Every other kelurahan is built from the real DKI coverage `geo/dki/kelurahan_coverage.geojson`
  (`pantau.geo.coverage`): no BPS code (`kode_bps=""`, `bps_certain=False`), the inside point is
  `shapely.point_on_surface` of its polygon rounded to 6 decimals, the office point is that
  same point (no office is known), the area is measured in EPSG:32748.

The bounding box of every city is that of its kelurahan in the coverage.

`city` accepts a Kemendagri code (``31.71``, ``3171``, ``31``), a short or official name or a
known variant, ignoring case, spacing and punctuation and tolerating "Kota", "Kab.",
"Kabupaten Administrasi", "Kota Administrasi" and "Provinsi" prefixes. Undotted codes are
read as Kemendagri codes, never BPS ones (BPS 3171 is Jakarta Selatan, Kemendagri 31.71 is
Jakarta Pusat). Kepulauan Seribu is a kabupaten administrasi but has `level == "kota"`: to
the app it is one of the six second-level wilayah of the province.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from types import MappingProxyType
from typing import Literal

import geopandas as gpd
import shapely

from pantau.city import areas
from pantau.city.areas import Kecamatan, Kelurahan
from pantau.kernel.errors import InvalidInput

__all__ = [
    "DEFAULT_CITY",
    "MAP_HEIGHT_PX",
    "MAP_WIDTH_PX",
    "MAX_ZOOM",
    "PROVINSI_KODE",
    "TIMEZONE",
    "City",
    "Kota",
    "all_cities",
    "city",
    "fit_zoom",
    "short_name",
]

DEFAULT_CITY = "31.72"
# All of DKI Jakarta is measured in metres in WGS 84 / UTM zone 48S.
METRIC_CRS = "EPSG:32748"
# The clean kelurahan coverage of DKI (built by `pantau.geo.coverage`), read by every city.
COVERAGE_FILE = areas.GEO_DIR / "dki" / "kelurahan_coverage.geojson"
# How far around its box a typed coordinate may still be meant for the city (degrees):
# a point there is placed (and refused, naming the nearest kelurahan, if outside).
PLAUSIBLE_MARGIN_DEG = 0.5
# Kemendagri kota code -> BPS kota code (BPS 3171 is Jakarta Selatan, not Pusat).
BPS_KOTA = {
    "31.01": "3101",
    "31.71": "3173",
    "31.72": "3175",
    "31.73": "3174",
    "31.74": "3171",
    "31.75": "3172",
}
# Names in English: short, official.
ENGLISH_NAMES = {
    "31.01": ("Thousand Islands", "Thousand Islands Administrative Regency"),
    "31.71": ("Central Jakarta", "Central Jakarta Administrative City"),
    "31.72": ("North Jakarta", "North Jakarta Administrative City"),
    "31.73": ("West Jakarta", "West Jakarta Administrative City"),
    "31.74": ("South Jakarta", "South Jakarta Administrative City"),
    "31.75": ("East Jakarta", "East Jakarta Administrative City"),
    "31": ("Jakarta", "Special Region of Jakarta"),
}
PROVINSI_KODE = "31"
PROVINSI_NAMA = "DKI Jakarta"
PROVINSI_NAMA_RESMI = "Provinsi DKI Jakarta"
TIMEZONE = "Asia/Jakarta"

# The map `City.zoom` is computed for (the app's usual map frame), and Leaflet's tile range.
MAP_WIDTH_PX = 1000
MAP_HEIGHT_PX = 650
MAX_ZOOM = 18
TILE_PX = 256

INSIDE_DECIMALS = 6
AREA_DECIMALS = 2
CENTRE_DECIMALS = 6

# Official-name prefixes of a kota / kabupaten in the coverage, stripped for the short name.
_OFFICIAL_PREFIXES = ("Kota Administrasi ", "Kabupaten Administrasi ")

# Spellings people type besides the short and official names, by code.
_EXTRA_VARIANTS: dict[str, tuple[str, ...]] = {
    "31": (
        "DKI",
        "Jakarta",
        "Prov. DKI Jakarta",
        "Provinsi DKI",
        "Daerah Khusus Ibukota Jakarta",
        "Provinsi Daerah Khusus Ibukota Jakarta",
        "Daerah Khusus Jakarta",
    ),
    "31.01": (
        "Kep. Seribu",
        "Kab. Kepulauan Seribu",
        "Kabupaten Kepulauan Seribu",
        "Kab. Adm. Kepulauan Seribu",
        "Pulau Seribu",
        "Thousand Islands",
    ),
    "31.71": ("Jakpus", "Central Jakarta"),
    "31.72": ("Jakut", "North Jakarta"),
    "31.73": ("Jakbar", "West Jakarta"),
    "31.74": ("Jaksel", "South Jakarta"),
    "31.75": ("Jaktim", "East Jakarta"),
}

# Leading words `city` ignores when nothing matched with them.
_PREFIX_WORDS = frozenset({"kota", "kabupaten", "kab", "administrasi", "adm", "provinsi", "prov"})


@dataclass(frozen=True)
class Kota:
    """A kota / kabupaten administrasi of DKI Jakarta: code and short name."""

    kode: str  # Kemendagri, e.g. 31.72
    nama: str  # short, e.g. "Jakarta Utara", "Kepulauan Seribu"


@dataclass(frozen=True)
class City:
    """The wilayah the database serves: one kota / kabupaten, or the whole province.

    Tuples are sorted by code. `bbox` is (min lon, min lat, max lon, max lat) of the
    kelurahan coverage, `centre` its middle as (lat, lon), and `zoom` the largest Leaflet
    zoom at which the bbox fits a `MAP_WIDTH_PX` × `MAP_HEIGHT_PX` map (`fit_zoom`).
    """

    kode: str
    nama: str
    nama_resmi: str
    level: Literal["kota", "provinsi"]
    kota: tuple[Kota, ...]
    kecamatan: tuple[Kecamatan, ...]
    kelurahan: tuple[Kelurahan, ...]
    timezone: str
    metric_crs: str
    bbox: tuple[float, float, float, float]
    centre: tuple[float, float]
    zoom: int
    name_variants: tuple[str, ...]

    def plausible(self, lon: float, lat: float) -> bool:
        """Whether (lon, lat) could be meant for this city: within its box widened by
        PLAUSIBLE_MARGIN_DEG (a swapped or mistyped coordinate is not)."""
        m = PLAUSIBLE_MARGIN_DEG
        x0, y0, x1, y1 = self.bbox
        return x0 - m < lon < x1 + m and y0 - m < lat < y1 + m

    def coordinate_problems(self, lon: float | None, lat: float | None) -> list[tuple[str, str]]:
        """(field, message) for a missing or implausible coordinate typed into a file,
        with an example from this city; empty when both could be meant for it."""
        ex_lon, ex_lat = self.example_point
        problems = []
        if lon is None or not self.plausible(lon, self.centre[0]):
            problems.append(("bujur", f"angka bujur wajib, mis. {ex_lon}"))
        if lat is None or not self.plausible(self.centre[1], lat):
            problems.append(("lintang", f"angka lintang wajib, mis. {ex_lat}"))
        return problems

    @property
    def example_point(self) -> tuple[str, str]:
        """A (lon, lat) pair to show as an example in a form or message: the centre."""
        return f"{self.centre[1]:.2f}", f"{self.centre[0]:.2f}"

    @property
    def nama_en(self) -> str:
        """The name in English ("North Jakarta"), for the English UI."""
        return ENGLISH_NAMES[self.kode][0]

    @property
    def nama_resmi_en(self) -> str:
        """The official name in English ("North Jakarta Administrative City")."""
        return ENGLISH_NAMES[self.kode][1]

    @property
    def kode_prefix(self) -> str:
        """What every kelurahan code of the city starts with ("31.72."; "31." for DKI)."""
        return self.kode + "."

    @property
    def bps_prefixes(self) -> tuple[str, ...]:
        """The BPS codes of its kota ("3175" for Jakarta Utara). BPS numbers the kota of
        DKI differently from Kemendagri, so they are looked up, never derived."""
        return tuple(BPS_KOTA[k.kode] for k in self.kota)

    @property
    def kota_kode_set(self) -> frozenset[str]:
        return frozenset(k.kode for k in self.kota)

    @property
    def kecamatan_kode_set(self) -> frozenset[str]:
        return frozenset(k.kode for k in self.kecamatan)

    @property
    def kelurahan_kode_set(self) -> frozenset[str]:
        return frozenset(k.kode for k in self.kelurahan)

    def kelurahan_by_kode(self) -> dict[str, Kelurahan]:
        """A new dict from Kemendagri code to kelurahan (the caller may change it)."""
        return {k.kode: k for k in self.kelurahan}

    @cached_property
    def by_kode(self) -> Mapping[str, Kelurahan]:
        """Kemendagri code -> kelurahan, built once (read only)."""
        return MappingProxyType({k.kode: k for k in self.kelurahan})

    def contains_kode(self, kode: str) -> bool:
        """Whether this Kemendagri code (the city's own, a kota, kecamatan or kelurahan
        code, dotted) belongs to the city. Unknown codes do not."""
        kode = kode.strip()
        return (
            kode == self.kode
            or kode in self.kota_kode_set
            or kode in self.kecamatan_kode_set
            or kode in self.kelurahan_kode_set
        )


@dataclass(frozen=True)
class _Unit:
    """One kelurahan of the coverage with what a city needs of it."""

    kelurahan: Kelurahan
    kota_kode: str
    kota_resmi: str
    bounds: tuple[float, float, float, float]


def fit_zoom(
    bbox: tuple[float, float, float, float],
    width_px: int = MAP_WIDTH_PX,
    height_px: int = MAP_HEIGHT_PX,
) -> int:
    """The largest whole Leaflet zoom (0…`MAX_ZOOM`) at which `bbox` fits the map.

    Web Mercator: at zoom z the world is 256·2^z px wide; a longitude span takes its share
    of that, a latitude span the share of its Mercator y (ln tan(π/4 + φ/2)) over 2π.
    """
    min_lon, min_lat, max_lon, max_lat = bbox

    def mercator_y(lat: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    x_share = (max_lon - min_lon) / 360
    y_share = (mercator_y(max_lat) - mercator_y(min_lat)) / (2 * math.pi)
    zooms = [float(MAX_ZOOM)]
    if x_share > 0:
        zooms.append(math.log2(width_px / (TILE_PX * x_share)))
    if y_share > 0:
        zooms.append(math.log2(height_px / (TILE_PX * y_share)))
    return max(0, min(MAX_ZOOM, math.floor(min(zooms))))


@cache
def _units() -> tuple[_Unit, ...]:
    """Every kelurahan of DKI, by code: Jakarta Utara's from `pantau.city.areas`, the rest
    built from the coverage. Raises ValueError if an inside point misses its polygon."""
    gdf = gpd.read_file(COVERAGE_FILE).sort_values("kode_kemendagri").reset_index(drop=True)
    geoms = gdf.geometry.to_numpy()
    inside = shapely.point_on_surface(geoms)
    xs = shapely.get_x(inside).round(INSIDE_DECIMALS)
    ys = shapely.get_y(inside).round(INSIDE_DECIMALS)
    missed = ~shapely.contains_xy(geoms, xs, ys)
    if missed.any():
        codes = ", ".join(gdf["kode_kemendagri"][missed])
        raise ValueError(f"rounded inside point outside its kelurahan: {codes}")
    km2 = (gdf.geometry.to_crs(METRIC_CRS).area / 1e6).round(AREA_DECIMALS).to_numpy()
    bounds = shapely.bounds(geoms)
    reference = {k.kode: k for k in areas.reference_facts()}
    units: list[_Unit] = []
    for i, row in enumerate(gdf.itertuples(index=False)):
        kode = str(row.kode_kemendagri)
        kel = reference.get(kode) or Kelurahan(
            kode=kode,
            nama=str(row.nama),
            kecamatan=str(row.kecamatan),
            kecamatan_kode=str(row.kode_kecamatan),
            kode_bps="",
            bps_certain=False,
            inside_lon=float(xs[i]),
            inside_lat=float(ys[i]),
            office_lon=float(xs[i]),
            office_lat=float(ys[i]),
            area_km2=float(km2[i]),
        )
        x0, y0, x1, y1 = (float(v) for v in bounds[i])
        units.append(_Unit(kel, str(row.kode_kota), str(row.kota), (x0, y0, x1, y1)))
    return tuple(units)


def short_name(nama_resmi: str) -> str:
    """ "Kota Administrasi Jakarta Utara" -> "Jakarta Utara"."""
    for prefix in _OFFICIAL_PREFIXES:
        if nama_resmi.startswith(prefix):
            return nama_resmi.removeprefix(prefix)
    return nama_resmi


@cache
def _kota_resmi() -> dict[str, str]:
    """Official name of each kota / kabupaten, by code (in code order)."""
    return {u.kota_kode: u.kota_resmi for u in sorted(_units(), key=lambda u: u.kota_kode)}


def _variants(kode: str, nama: str, nama_resmi: str) -> tuple[str, ...]:
    if kode == PROVINSI_KODE:
        common: tuple[str, ...] = (nama, nama_resmi)
    elif nama_resmi.startswith("Kabupaten"):
        common = (nama, nama_resmi, f"Kab. Adm. {nama}")
    else:
        common = (nama, f"Kota {nama}", nama_resmi, f"Kota Adm. {nama}")
    return tuple(dict.fromkeys((*common, *_EXTRA_VARIANTS.get(kode, ()))))


@cache
def _build(kode: str) -> City:
    """The city with this dotted Kemendagri code (`kode` must be known)."""
    resmi = _kota_resmi()
    if kode == PROVINSI_KODE:
        nama, nama_resmi = PROVINSI_NAMA, PROVINSI_NAMA_RESMI
        level: Literal["kota", "provinsi"] = "provinsi"
        units = _units()
    else:
        nama_resmi = resmi[kode]
        nama, level = short_name(nama_resmi), "kota"
        units = tuple(u for u in _units() if u.kota_kode == kode)
    kelurahan = tuple(sorted((u.kelurahan for u in units), key=lambda k: k.kode))
    kecamatan: dict[str, str] = {}
    for k in kelurahan:
        kecamatan.setdefault(k.kecamatan_kode, k.kecamatan)
    kota_codes = sorted({u.kota_kode for u in units})
    bbox = (
        min(u.bounds[0] for u in units),
        min(u.bounds[1] for u in units),
        max(u.bounds[2] for u in units),
        max(u.bounds[3] for u in units),
    )  # plain floats: `_Unit.bounds` holds no numpy scalars
    return City(
        kode=kode,
        nama=nama,
        nama_resmi=nama_resmi,
        level=level,
        kota=tuple(Kota(c, short_name(resmi[c])) for c in kota_codes),
        kecamatan=tuple(Kecamatan(c, n) for c, n in sorted(kecamatan.items())),
        kelurahan=kelurahan,
        timezone=TIMEZONE,
        metric_crs=METRIC_CRS,
        bbox=bbox,
        centre=(
            round((bbox[1] + bbox[3]) / 2, CENTRE_DECIMALS),
            round((bbox[0] + bbox[2]) / 2, CENTRE_DECIMALS),
        ),
        zoom=fit_zoom(bbox),
        name_variants=_variants(kode, nama, nama_resmi),
    )


def _codes() -> tuple[str, ...]:
    """Every city code: the kota by code, then the province."""
    return (*_kota_resmi(), PROVINSI_KODE)


def _words(text: str) -> list[str]:
    return re.sub(r"[^0-9a-z]+", " ", text.casefold()).split()


def _unprefixed(words: list[str]) -> list[str]:
    i = 0
    while i < len(words) - 1 and words[i] in _PREFIX_WORDS:
        i += 1
    return words[i:]


@cache
def _index() -> dict[str, str]:
    """Spelling (words joined without spaces, with and without prefixes) → city code."""
    index: dict[str, str] = {}
    for kode in _codes():
        c = _build(kode)
        for variant in c.name_variants:
            words = _words(variant)
            index.setdefault("".join(words), kode)
            index.setdefault("".join(_unprefixed(words)), kode)
    return index


def _code_of(key: str) -> str | None:
    compact = re.sub(r"[\s.]+", "", key)
    if compact.isdigit() and len(compact) in (2, 4):
        dotted = compact if len(compact) == 2 else f"{compact[:2]}.{compact[2:]}"
        return dotted if dotted in _codes() else None
    words = _words(key)
    index = _index()
    return index.get("".join(words)) or index.get("".join(_unprefixed(words)))


def _valid_codes() -> str:
    return ", ".join(f"{kode} ({_build(kode).nama})" for kode in _codes())


def _unknown(key: str) -> InvalidInput:
    words = " ".join(_unprefixed(_words(key)))
    if not words:
        message = f"Wilayah belum diisi. Kode yang berlaku: {_valid_codes()}."
        return InvalidInput(message, {"wilayah": message})
    spellings = {" ".join(_words(v)): kode for kode in _codes() for v in _build(kode).name_variants}
    best = difflib.get_close_matches(words, sorted(spellings), n=1, cutoff=0.0)
    closest = _build(spellings[best[0]]) if best else _build(DEFAULT_CITY)
    message = (
        f"Wilayah '{key.strip()}' tidak dikenal. Yang paling mirip: {closest.nama} "
        f"({closest.kode}). Kode yang berlaku: {_valid_codes()}."
    )
    return InvalidInput(message, {"wilayah": message})


def city(key: str) -> City:
    """The city named by `key`: a code, a name or a variant (see the module docstring).

    The same key always gives the same (cached, identical) value. Raises InvalidInput,
    naming the closest known wilayah and the valid codes, when `key` names none.
    """
    kode = _code_of(key)
    if kode is None:
        raise _unknown(key)
    return _build(kode)


def all_cities() -> tuple[City, ...]:
    """The six kota / kabupaten by code (31.01, 31.71 … 31.75), then the province (31)."""
    return tuple(_build(kode) for kode in _codes())


# --- the wilayah in force -------------------------------------------------------------
#
# One process serves one database, and one database serves one wilayah (stored in it when
# it was created, see `pantau.admin.bootstrap`). Opening a database sets it here; every module
# asks `current()` (through `pantau.city.areas`) instead of spelling a kota.

_current: list[City] = []


def use(key: str) -> City:
    """Make the wilayah named by `key` the one in force; return it. Raises InvalidInput
    for an unknown key (see `city`)."""
    chosen = city(key)
    _current[:] = [chosen]
    return chosen


def current() -> City:
    """The wilayah in force: the one last set by `use`, Jakarta Utara until then."""
    return _current[0] if _current else city(DEFAULT_CITY)
