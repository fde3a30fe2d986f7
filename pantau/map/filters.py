"""The map and list filters, and their round trip through the URL query string
(so a link reproduces the view)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta

from pantau.access.permissions import Actor
from pantau.city import areas
from pantau.city.seam import current
from pantau.kernel import vocab

MEASURES = ("none", "open_sites", "reports", "overdue")
# The URL parameters that carry a filter (`pilih`, a selection, is not one).
QUERY_KEYS = ("kota", "kec", "kel", "status", "kategori", "level", "dari", "sampai", "arsir")


@dataclass(frozen=True)
class MapFilters:
    kota: str | None = None  # Kemendagri code 31.KK, in a province-wide database only
    kecamatan: str | None = None  # Kemendagri code 31.72.KK
    kelurahan: str | None = None  # Kemendagri code 31.72.KK.LLLL
    statuses: tuple[str, ...] = ()  # site statuses; empty = all
    categories: tuple[str, ...] = ()
    owner_levels: tuple[str, ...] = ()
    date_from: date | None = None  # genangan reports observed on/after (WIB day)
    date_to: date | None = None  # ... on/before (WIB day)
    measure: str = "open_sites"  # boundary shading

    @property
    def area(self) -> str | None:
        """The narrowest area above a kelurahan chosen: the kecamatan, else the kota (a
        code prefix: every kecamatan code of a kota starts with the kota's code)."""
        return self.kecamatan or self.kota

    def period(self, today: date) -> tuple[date, date]:
        """The report period: the chosen dates, or the last 12 months up to today."""
        return (self.date_from or today - timedelta(days=365), self.date_to or today)

    def with_defaults(self, today: date) -> MapFilters:
        """Fill the date range with the last 12 months when unset."""
        return replace(
            self,
            date_from=self.date_from or today - timedelta(days=365),
            date_to=self.date_to or today,
        )


def _codes(raw: str | None, allowed: list[str]) -> tuple[str, ...]:
    if not raw:
        return ()
    return tuple(c for c in raw.split(",") if c in allowed)


def _day(raw: str | None) -> date | None:
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


def from_query(params: Mapping[str, str]) -> MapFilters:
    """Filters from URL parameters; unknown or malformed values are ignored (a shared
    link never breaks the page)."""
    kec = params.get("kec")
    kel = params.get("kel")
    kot = params.get("kota")
    kota = kot if kot in kota_codes() else None
    kelurahan = kel if kel in areas.kelurahan_by_kode() else None
    kecamatan = kec if kec in {k.kode for k in areas.kecamatan_list()} else None
    if kecamatan and kota and not kecamatan.startswith(kota + "."):
        kecamatan = None
    above = kecamatan or kota
    if kelurahan and above and not kelurahan.startswith(above + "."):
        kelurahan = None
    measure = params.get("arsir", "open_sites")
    return MapFilters(
        kota=kota,
        kecamatan=kecamatan,
        kelurahan=kelurahan,
        statuses=_codes(params.get("status"), vocab.codes("site_status")),
        categories=_codes(params.get("kategori"), vocab.codes("site_category")),
        owner_levels=_codes(params.get("level"), vocab.codes("owner_level")),
        date_from=_day(params.get("dari")),
        date_to=_day(params.get("sampai")),
        measure=measure if measure in MEASURES else "open_sites",
    )


def kota_codes() -> list[str]:
    """The kota one may choose: those of a province-wide wilayah (none for one kota)."""
    here = current()
    return [k.kode for k in here.kota] if here.level == "provinsi" else []


def filter_params(params: Mapping[str, str]) -> dict[str, str]:
    """The filter parameters among `params` (empty: the URL names no filter)."""
    return {k: params[k] for k in QUERY_KEYS if k in params}


def opening(params: Mapping[str, str], actor: Actor | None = None) -> MapFilters:
    """The filters a map opens with: a URL that names any filter is followed exactly
    (a shared link reproduces its view); otherwise a camat or lurah starts on their
    own area and everyone else on the whole city."""
    if filter_params(params) or actor is None:
        return from_query(params)
    if actor.role == "lurah" and actor.kelurahan_kode:
        return from_query({"kec": actor.kelurahan_kode[:8], "kel": actor.kelurahan_kode})
    if actor.role == "camat" and actor.kecamatan_kode:
        return from_query({"kec": actor.kecamatan_kode})
    if actor.kota_kode:  # a pimpinan of one kota in a province-wide database
        return from_query({"kota": actor.kota_kode})
    return MapFilters()


def clean(f: MapFilters) -> MapFilters:
    """`f` with every value that is not a known code dropped, as a URL would be read:
    whatever a widget hands back, only codes reach the queries."""
    return replace(
        from_query(to_query(replace(f, date_from=None, date_to=None))),
        date_from=f.date_from,
        date_to=f.date_to,
    )


def to_query(f: MapFilters) -> dict[str, str]:
    """URL parameters for `f` (only what differs from the defaults)."""
    out: dict[str, str] = {}
    if f.kota:
        out["kota"] = f.kota
    if f.kecamatan:
        out["kec"] = f.kecamatan
    if f.kelurahan:
        out["kel"] = f.kelurahan
    if f.statuses:
        out["status"] = ",".join(f.statuses)
    if f.categories:
        out["kategori"] = ",".join(f.categories)
    if f.owner_levels:
        out["level"] = ",".join(f.owner_levels)
    if f.date_from:
        out["dari"] = f.date_from.isoformat()
    if f.date_to:
        out["sampai"] = f.date_to.isoformat()
    if f.measure != "open_sites":
        out["arsir"] = f.measure
    return out
