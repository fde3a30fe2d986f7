"""Bringing a database to life: schema, reference areas, default boundaries,
and (when asked) the labelled sample data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pantau.city import areas
from pantau.city.seam import DEFAULT_CITY, City, city, use
from pantau.geo import boundaries
from pantau.geo.locations import current_boundaries, placer, store_boundaries
from pantau.sample import SampleSummary, load_sample
from pantau.store import open_database
from pantau.store.ports import Store

WILAYAH_KEY = "wilayah"  # meta key: the Kemendagri code of the wilayah served


@dataclass(frozen=True)
class InitResult:
    created_areas: bool
    created_boundaries: bool
    sample: SampleSummary | None


def open_store(path: str | Path) -> Store:
    """The database at `path` (created and migrated when new); see `initialise`.

    Raises DatabaseBusy when another process holds it."""
    return open_database(path)


def data_version(db: Store) -> int:
    """A number that moves on with every write: what caches and open screens key on."""
    return db.read().meta.data_version()


def initialise(
    db: Store,
    now: datetime,
    *,
    sample: bool,
    tolerance_m: float = 250.0,
    password_rounds: int = 12,
    wilayah: str = DEFAULT_CITY,
) -> InitResult:
    """Make `db` ready: the wilayah it serves (`wilayah` for a new database; an
    existing one keeps its own), areas and default boundaries if absent; sample data
    if asked and the database holds no records yet. Safe to call on every start, and
    by several app servers starting at once (one at a time: `Store.setup_lock`)."""
    with db.setup_lock():
        return _initialise(db, now, sample, tolerance_m, password_rounds, wilayah)


def _initialise(
    db: Store, now: datetime, sample: bool, tolerance_m: float, password_rounds: int, wilayah: str
) -> InitResult:
    s = db.read()
    activate(db, wilayah)
    created_areas = s.records.count("kelurahan") == 0
    created_boundaries = s.areas.boundary_info().count == 0
    if created_areas or created_boundaries:
        with db.write() as tx:
            tx.areas.seed(areas.kecamatan_list(), areas.kelurahan_list())
            if created_boundaries:
                store_boundaries(
                    tx, boundaries.load_default_boundaries(), boundaries.DEFAULT_SOURCE, False, now
                )
            tx.meta.bump_data_version()
    summary = None
    if sample and is_empty(db):
        summary = load_sample(db, now, placer(current_boundaries(db), tolerance_m), password_rounds)
    return InitResult(created_areas, created_boundaries, summary)


def activate(db: Store, wilayah: str = DEFAULT_CITY) -> City:
    """Put the wilayah `db` serves in force (`pantau.city.seam.use`) and return it.

    A new database is given `wilayah` (a code or a name; InvalidInput if unknown) and
    keeps it; a database made before wilayah were stored served Jakarta Utara."""
    s = db.read()
    stored = s.meta.get(WILAYAH_KEY)
    if stored is None:
        fresh = s.records.count("kelurahan") == 0
        stored = city(wilayah).kode if fresh else DEFAULT_CITY
        s.meta.put(WILAYAH_KEY, stored)
    return use(stored)


def stored_wilayah(db: Store) -> City | None:
    """The wilayah stored in `db`, None for a database that has none yet."""
    stored = db.read().meta.get(WILAYAH_KEY)
    return city(stored) if stored else None


def is_empty(db: Store) -> bool:
    """True when the database holds no users, sites, reports or groups."""
    s = db.read()
    return all(s.records.count(t) == 0 for t in ("users", "sites", "reports", "community_groups"))


def has_sample_data(db: Store) -> bool:
    """Whether the database holds the sample data (every page then says so)."""
    return db.read().meta.has_sample_data()
