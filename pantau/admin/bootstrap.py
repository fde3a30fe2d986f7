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
from pantau.store import Database, meta, open_database, tables
from pantau.store import areas as area_store

WILAYAH_KEY = "wilayah"  # meta key: the Kemendagri code of the wilayah served


@dataclass(frozen=True)
class InitResult:
    created_areas: bool
    created_boundaries: bool
    sample: SampleSummary | None


def open_store(path: str | Path) -> Database:
    """The database at `path` (created and migrated when new); see `initialise`.

    Raises DatabaseBusy when another process holds it."""
    return open_database(path)


def data_version(db: Database) -> int:
    """A number that moves on with every write: what caches and open screens key on."""
    return meta.data_version(db.cursor())


def initialise(
    db: Database,
    now: datetime,
    *,
    sample: bool,
    tolerance_m: float = 250.0,
    password_rounds: int = 12,
    wilayah: str = DEFAULT_CITY,
) -> InitResult:
    """Make `db` ready: the wilayah it serves (`wilayah` for a new database; an
    existing one keeps its own), areas and default boundaries if absent; sample data
    if asked and the database holds no records yet. Safe to call on every start."""
    cur = db.cursor()
    activate(db, wilayah)
    created_areas = tables.count(cur, "kelurahan") == 0
    created_boundaries = area_store.boundary_info(cur).count == 0
    if created_areas or created_boundaries:
        with db.transaction() as tx:
            area_store.seed(tx, areas.kecamatan_list(), areas.kelurahan_list())
            if created_boundaries:
                store_boundaries(
                    tx, boundaries.load_default_boundaries(), boundaries.DEFAULT_SOURCE, False, now
                )
            meta.bump_data_version(tx)
    summary = None
    if sample and is_empty(db):
        summary = load_sample(db, now, placer(current_boundaries(db), tolerance_m), password_rounds)
    return InitResult(created_areas, created_boundaries, summary)


def activate(db: Database, wilayah: str = DEFAULT_CITY) -> City:
    """Put the wilayah `db` serves in force (`pantau.city.seam.use`) and return it.

    A new database is given `wilayah` (a code or a name; InvalidInput if unknown) and
    keeps it; a database made before wilayah were stored served Jakarta Utara."""
    cur = db.cursor()
    stored = meta.get(cur, WILAYAH_KEY)
    if stored is None:
        fresh = tables.count(cur, "kelurahan") == 0
        stored = city(wilayah).kode if fresh else DEFAULT_CITY
        meta.put(cur, WILAYAH_KEY, stored)
    return use(stored)


def stored_wilayah(db: Database) -> City | None:
    """The wilayah stored in `db`, None for a database that has none yet."""
    stored = meta.get(db.cursor(), WILAYAH_KEY)
    return city(stored) if stored else None


def is_empty(db: Database) -> bool:
    """True when the database holds no users, sites, reports or groups."""
    cur = db.cursor()
    return all(tables.count(cur, t) == 0 for t in ("users", "sites", "reports", "community_groups"))


def has_sample_data(db: Database) -> bool:
    return meta.get(db.cursor(), "sample_data") == "1"
