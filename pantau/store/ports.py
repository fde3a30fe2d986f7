"""The store seam: what domain code may know about the store.

Domain modules (`pantau/*.py`) never hold a database cursor and never import the
store engine. They ask for a `Session` and talk to one repository per record type:

    with db.write() as s:              # one unit of work: all or nothing
        rid = s.records.insert("reports", row)
        s.events.append(events)
    centres = db.read().reports.pocket_centres()   # a read, outside a transaction

This module holds the plain values that cross the seam (Event, ReportFilter, table
names ...) and one `typing.Protocol` per repository. The DuckDB engine in
`pantau/store/` implements them (checked by mypy in `pantau/store/session.py`); a second
engine (PostgreSQL) would be another Session class with the same repositories.
"""

from __future__ import annotations

__all__ = ["Event", "Session", "Store"]

from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

import pandas as pd

from pantau.city.areas import Kecamatan, Kelurahan
from pantau.kernel.events import Event

# Tables that hold records written by the domain modules.
RECORD_TABLES = (
    "sites",
    "sweeps",
    "directives",
    "pockets",
    "reports",
    "community_groups",
    "tasks",
    "task_groups",
    "users",
    "photos",
    "photo_links",
    "warnings",
    "warning_watches",
    "usulan",
)
# Tables whose rows have a point and the columns the spatial join writes.
LOCATED_TABLES = ("sites", "reports", "pockets")
# Every table a backup must carry, in a safe load order.
ALL_TABLES = (
    "schema_migrations",
    "meta",
    "kecamatan",
    "kelurahan",
    "boundaries",
    *RECORD_TABLES,
    "events",
)

# record_type in the event log -> table holding that record
EVENT_TABLES = {
    "site": "sites",
    "report": "reports",
    "pocket": "pockets",
    "task": "tasks",
    "group": "community_groups",
    "sweep": "sweeps",
    "warning": "warnings",
    "usulan": "usulan",
}


# (statuses, cutoff): late when the status is one of them and recorded before the cutoff.
LateRules = Sequence[tuple[Sequence[str], datetime]]


@dataclass(frozen=True)
class ReportFilter:
    """Which reports: observed in [since, until), in the area (a kelurahan, or a
    kecamatan or kota code prefix), with a status, owner level and source among those
    given (all when empty), only the late ones when `late` holds the lateness rules,
    only `ids` when given."""

    since: datetime | None = None
    until: datetime | None = None
    kecamatan: str | None = None
    kelurahan: str | None = None
    statuses: Sequence[str] = ()
    owner_levels: Sequence[str] = ()
    sources: Sequence[str] = ()
    late: LateRules | None = None
    ids: Sequence[int] | None = None


@dataclass(frozen=True)
class BoundaryRow:
    kelurahan_kode: str
    geom_wkb: bytes


@dataclass(frozen=True)
class BoundaryInfo:
    source: str
    approximate: bool
    imported_at: datetime | None
    count: int


# Repositories, one per record type (or read model), bound to one session.


class RecordStore(Protocol):
    """Generic reads and writes of the record tables, names checked against the schema."""

    def columns(self, table: str) -> list[str]:
        """Column names of `table` in schema order. Raises ValueError for an unknown table.

        Cached per table: every database is migrated to the same (latest) schema
        before use, so the columns of a table are the same in all of them.
        """

    def insert(self, table: str, row: Mapping[str, Any]) -> int | None:
        """Insert one row; return its `id` when the table has one."""

    def insert_frame(self, table: str, frame: pd.DataFrame) -> int:
        """Append every row of `frame` (columns named as in the table); return the count."""

    def read(
        self,
        table: str,
        names: Sequence[str] | None = None,
        order_by: str = "",
    ) -> pd.DataFrame:
        """All rows of `table` (the given columns, or all) as a DataFrame."""

    def count(self, table: str) -> int: ...

    def reserve_ids(self, table: str, n: int) -> list[int]:
        """Take `n` ids from the table's sequence, for bulk inserts with explicit ids."""

    def update(self, table: str, row_id: int, values: Mapping[str, Any]) -> None:
        """Set `values` on the row of `table` with this id (no version check: callers that
        edit user-visible records use the versioned writes of their own module)."""

    def rows(self, table: str) -> list[dict[str, Any]]:
        """Every row of `table` as a dict of Python values (dates, bytes …), by id."""

    def get(self, table: str, row_id: int) -> dict[str, Any] | None:
        """The row of `table` with this id as a dict, or None."""

    def update_versioned(
        self,
        table: str,
        row_id: int,
        expected_version: int,
        values: Mapping[str, Any],
    ) -> bool:
        """Set `values` and bump `version` only if the row still has `expected_version`.

        Returns False when the row was changed (or removed) meanwhile.
        """


class ReportStore(Protocol):
    """Genangan reports and pockets, the chronic ranking."""

    def pocket_centres(self) -> list[tuple[int, float, float]]: ...

    def report_frame(
        self,
        which: ReportFilter = ReportFilter(),
        *,
        limit: int | None = None,
        offset: int = 0,
    ) -> pd.DataFrame:
        """The reports `which` selects (every column, personal data included: callers mask
        it) with kelurahan and kecamatan names, newest first; `limit` rows from `offset`
        (all when None)."""

    def report_counts(
        self,
        which: ReportFilter = ReportFilter(),
        *,
        late_rules: LateRules = (),
        flagged: Sequence[int] = (),
    ) -> tuple[int, int, int]:
        """(reports, late ones, flagged ones) among those `report_frame` returns for
        `which`; late by `late_rules`, flagged when the id is in `flagged`."""

    def report_record(self, report_id: int) -> dict[str, Any] | None: ...

    def reports_near(
        self,
        west: float,
        south: float,
        east: float,
        north: float,
        since: datetime,
        until: datetime,
    ) -> list[dict[str, Any]]:
        """Reports in a lon/lat box observed in [since, until), not duplicates or rejected."""

    def known_tickets(self) -> dict[str, int]:
        """Complaint-system ticket numbers already stored, lower-cased -> report id."""

    def report_keys(self, since: datetime) -> pd.DataFrame:
        """id, observed_at, lon, lat of reports since `since` (duplicate checks on import)."""

    def pocket_stats(
        self,
        since: datetime,
        until: datetime,
        kecamatan: str | None = None,
        kelurahan: str | None = None,
    ) -> pd.DataFrame:
        """Per pocket over [since, until) under the area filter (a kelurahan, or a kecamatan
        or kota code prefix): flood days (distinct days in the city's time), reports, max
        and typical depth, typical hours until receded, the most common cause, open reports,
        last flood; most flood days first. The map, the pocket ranking and the meeting all
        read this one query."""

    def pocket_causes(
        self, pocket_id: int, since: datetime, until: datetime
    ) -> list[tuple[str, int]]: ...

    def open_reports(self) -> pd.DataFrame:
        """Every open genangan report (status group "open"), however old, with
        its kelurahan and kecamatan names, oldest first (personal data included: callers mask)."""


class EventStore(Protocol):
    """The append-only event log (no update, no delete)."""

    def append(self, events: Sequence[Event]) -> None:
        """Append events (call inside the transaction that makes the change)."""

    def for_record(self, record_type: str, record_id: int) -> pd.DataFrame:
        """The history of one record, oldest first."""

    def last_change(self, record_type: str, record_id: int) -> tuple[datetime, str | None] | None:
        """When a record was last changed and by whom (display name; None = the system)."""

    def history(self, record_type: str, record_id: int) -> list[dict[str, Any]]:
        """One record's events, newest first, with the acting user's display name."""


class UserStore(Protocol):
    """User accounts and sign-in bookkeeping."""

    def by_username(self, username: str) -> dict[str, Any] | None: ...

    def record_failure(
        self, user_id: int, failures: int, locked_until: datetime | None
    ) -> None: ...

    def record_success(self, user_id: int, at: datetime) -> None: ...

    def set_password(self, user_id: int, password_hash: str, *, must_change: bool) -> None:
        """Store a new hash; clears the demo flag, the failure count and any lock."""

    def listing(self) -> list[dict[str, Any]]:
        """Every account for the admin list (no password hashes), by username."""

    def active_admins(self) -> list[int]: ...

    def with_default_password(self) -> list[str]:
        """Usernames of active accounts that still use a published demo password."""

    def count_active(self) -> int: ...

    def any_password_hash(self) -> str | None:
        """One stored hash (of the lowest id): its bcrypt cost is the one in use."""


class CommunityStore(Protocol):
    """Community groups and their tasks."""

    def groups(self, kelurahan: str | None = None) -> pd.DataFrame:
        """Community groups (personal contact included: callers mask it), by kelurahan, name."""

    def tasks(
        self,
        since: datetime | None = None,
        until: datetime | None = None,
        kelurahan: str | None = None,
        kecamatan: str | None = None,
        pocket_id: int | None = None,
        site_id: int | None = None,
    ) -> pd.DataFrame:
        """Tasks planned in [since, until) (any, when None) with kelurahan name and the names
        of their groups, soonest first."""

    def link_groups(self, task_id: int, group_ids: Sequence[int]) -> None: ...

    def group_areas(self, group_ids: Sequence[int]) -> dict[int, str]:
        """Group id -> its kelurahan code, for the given ids that exist."""

    def planned_pockets(self, since: datetime, until: datetime) -> set[int]:
        """Pockets with a task planned or under way in [since, until)."""

    def involvement(self, since: datetime) -> pd.DataFrame:
        """Per kelurahan since `since`: tasks done, participants, groups active (in a task
        done), groups registered."""

    def place_of(self, table: str, record_id: int) -> dict[str, Any] | None:
        """lon, lat, kelurahan and kecamatan of a pocket or a site."""

    def task_points(
        self,
        since: datetime,
        until: datetime,
        kecamatan: str | None = None,
        kelurahan: str | None = None,
    ) -> pd.DataFrame:
        """Tasks at a pocket or a site, planned in [since, until) or still open from before,
        with the point of their pocket or site."""


class PhotoStore(Protocol):
    """Photos and their links to records."""

    def store(
        self,
        sha256: str,
        mime: str,
        width: int,
        height: int,
        data: bytes,
        thumb: bytes,
        user_id: int | None,
        at: datetime,
    ) -> bool:
        """Insert the photo unless the same content is already stored; True if new."""

    def link(
        self,
        record_type: str,
        record_id: int,
        sha256: str,
        role: str,
        at: datetime,
    ) -> None: ...

    def for_record(self, record_type: str, record_id: int) -> list[dict[str, Any]]:
        """The photos linked to a record (and, for a site, to its sweeps), oldest first."""

    def image(self, sha256: str, *, thumb: bool) -> bytes | None: ...


class MetaStore(Protocol):
    """Key/value facts about the database: data version, sample flag."""

    def get(self, key: str, default: str | None = None) -> str | None: ...

    def put(self, key: str, value: str) -> None: ...

    def has_sample_data(self) -> bool:
        """Whether the database holds the sample data (pages, the meeting PDF and the
        usulan sheets then say so)."""

    def data_version(self) -> int:
        """A number that every write changes: caches of derived data are keyed by it.

        Every record write appends events, so the number of events grows with each
        one; bulk loads (sample data, boundaries) also bump a counter. Reading the
        event log instead of updating a shared row keeps concurrent edits of
        different records from conflicting with each other. The count, not the
        newest id: a save that took its ids first but commits after a later one adds
        no new highest id, and was once missed by every cache for up to a minute.
        """

    def bump_data_version(self) -> int: ...


class AreaStore(Protocol):
    """Kecamatan, kelurahan and the boundary polygons in force."""

    def seed(
        self,
        kecamatan: Sequence[Kecamatan],
        kelurahan: Sequence[Kelurahan],
    ) -> None:
        """Write the reference areas; rows already present are left as they are."""

    def kelurahan_frame(self) -> pd.DataFrame:
        """Kelurahan with their kecamatan name, by code."""

    def replace_boundaries(
        self,
        rows: Sequence[BoundaryRow],
        source: str,
        approximate: bool,
        at: datetime,
    ) -> None:
        """Replace every boundary polygon with `rows` (call inside a transaction)."""

    def boundaries_frame(self) -> pd.DataFrame:
        """kelurahan_kode, nama, kecamatan_kode, geom_wkb (bytes), source, approximate."""

    def boundary_info(self) -> BoundaryInfo: ...


class LocationStore(Protocol):
    """Points of located records, and writing the spatial join back."""

    def points(self, table: str) -> pd.DataFrame:
        """id, lon, lat, kelurahan_kode, kecamatan_kode, placement of every row of `table`."""

    def with_placement(self, table: str, placement: str) -> pd.DataFrame:
        """id, version, lon, lat, kelurahan_kode of the rows of `table` with this placement."""

    def labels(self, table: str, ids: list[int]) -> dict[int, str]:
        """id -> how a person names the record ("Lokasi CTH-PEN-05 Pasar …", "Laporan #12 …"),
        for these ids only."""

    def write_placements(self, table: str, frame: pd.DataFrame) -> int:
        """Set kelurahan_kode, kecamatan_kode, placement from `frame` (keyed by id).

        One set-based UPDATE, so re-joining 100 000 reports is one statement.
        """


class MapStore(Protocol):
    """Reads behind the map under its filters."""

    def sites(
        self,
        kecamatan: str | None,
        kelurahan: str | None,
        statuses: tuple[str, ...],
        categories: tuple[str, ...],
        owner_levels: tuple[str, ...],
    ) -> pd.DataFrame:
        """Sites (not retired) under the filters, with kelurahan name and last change."""

    def reports(
        self,
        kecamatan: str | None,
        kelurahan: str | None,
        since: datetime,
        until: datetime,
    ) -> pd.DataFrame:
        """Reports observed in [since, until) under the area filter: only the columns the
        map needs (no personal data)."""

    def pockets(
        self,
        kecamatan: str | None,
        kelurahan: str | None,
        since: datetime,
        until: datetime,
    ) -> pd.DataFrame:
        """Pockets with their reports in [since, until) (see `reports.pocket_stats`)."""

    def open_report_count(self, kecamatan: str | None, kelurahan: str | None) -> int:
        """Reports still open (any date) under the area filter."""

    def owner_level_changes(self, record_type: str, record_id: int | None = None) -> pd.DataFrame:
        """Every hand-over (owner_level change) of one record type, or of one record, in order."""

    def site_record(self, site_id: int) -> dict[str, Any] | None:
        """One site with its kelurahan and kecamatan names, or None."""

    def pocket_reports(self, pocket_id: int, since: datetime, until: datetime) -> pd.DataFrame:
        """Reports of one pocket in [since, until), newest first, without personal data."""

    def photo_count(self, record_type: str, record_id: int) -> int: ...


class MeetingStore(Protocol):
    """Reads behind the meeting brief, as of a date."""

    def history_until(self, record_type: str, until: datetime) -> dict[int, list[dict[str, Any]]]:
        """Every event of one record type up to `until` (inclusive), grouped by record, in
        order: what `events.replay` needs to rebuild records as of that moment."""

    def changes_between(
        self, record_type: str, field: str, since: datetime, until: datetime
    ) -> pd.DataFrame:
        """Changes of one field in (since, until], oldest first, with who made them."""

    def count_between(
        self, table: str, column: str, since: datetime, until: datetime
    ) -> pd.DataFrame:
        """Rows of `table` whose `column` falls in (since, until], per kecamatan."""

    def tasks_done_between(self, since: datetime, until: datetime) -> pd.DataFrame:
        """Tasks that became `selesai` in (since, until], with their area and participants."""

    def names(self) -> tuple[dict[str, str], dict[str, str]]:
        """Kecamatan and kelurahan names by code."""

    def record_labels(self, record_type: str, ids: list[int]) -> dict[int, dict[str, Any]]:
        """What names a site or a report for people, by id: a site's code and name, a
        report's depth and address; each with its kelurahan's name."""


class SiteStore(Protocol):
    """Sites: directives, hand-overs, sweeps."""

    def site_area(self, site_id: int) -> tuple[str, str] | None: ...

    def directives_of_site(self, site_id: int) -> list[dict[str, Any]]: ...

    def open_directives(self) -> pd.DataFrame:
        """Unanswered directives with their site's code, name and area."""

    def site_handovers(self, since: datetime) -> pd.DataFrame:
        """Owner-level hand-overs of sites since `since`, newest first."""

    def site_handover_chain(self, site_id: int) -> list[dict[str, Any]]:
        """Every hand-over of one site (level and unit), oldest first, with who and why."""

    def tidied_at(self) -> dict[int, datetime]:
        """When each site last became `tertata` (from the log)."""

    def sweeps_of_site(self, site_id: int) -> list[dict[str, Any]]: ...


class SummaryStore(Protocol):
    """Per-kelurahan counts."""

    def kelurahan_counts(self, since: datetime) -> pd.DataFrame:
        """One row per kelurahan: sites (all, not tidied, tidied), reports observed since
        `since` (all, still open), pockets. Retired sites are not counted."""


class IntegrityStore(Protocol):
    """Consistency checks of `pantau check`."""

    def run_orphan_checks(self) -> list[tuple[str, int]]: ...

    def unjoined_points(self) -> pd.DataFrame:
        """Located records with no kelurahan (placement 'outside' or never joined)."""

    def records_without_create_event(self) -> list[tuple[str, int]]: ...

    def events_of_type(self, record_type: str) -> dict[int, list[dict[str, str | None]]]:
        """Events of one record type as plain Python values, grouped by record id, in order."""


class BackupStore(Protocol):
    """Export and import of the whole database."""

    def export_database(self, directory: Path) -> None: ...

    def import_database(self, directory: Path) -> None: ...

    def schema_version(self) -> int:
        """The newest migration applied to this database."""

    def sequence_positions(self) -> dict[str, int]:
        """The last number each id sequence handed out (0: none yet), by sequence name."""

    def advance_sequences(self, positions: dict[str, int]) -> None:
        """Make each named sequence hand out numbers above `positions[name]` (a copy of
        a database continues where the original stopped). Never moves one back."""


class SiagaStore(Protocol):
    def warnings_overlapping(self, since: datetime, until: datetime) -> pd.DataFrame:
        """Warnings whose window overlaps [since, until), cancelled ones included, newest
        start first."""

    def cause_reports(
        self, causes: Sequence[str], since: datetime, until: datetime
    ) -> pd.DataFrame:
        """Per pocket: reports in [since, until) with one of `causes` (closed reports
        left out), with the pocket's kelurahan."""

    def watches(self, warning_id: int, kelurahan: str | None = None) -> pd.DataFrame:
        """The watch tasks of a warning (read from the tasks themselves, so a task planned
        twice would show twice): task status, participants, the pocket's point and name,
        and the names and ids of the groups on watch."""

    def watched_pockets(self, warning_id: int) -> set[int]: ...

    def add_watch(self, warning_id: int, pocket_id: int, task_id: int, at: datetime) -> None: ...

    def pocket_places(self, pocket_ids: Sequence[int]) -> pd.DataFrame:
        """id, name, lon, lat and kelurahan of the given pockets."""

    def reports_in(
        self,
        kelurahan: Sequence[str],
        since: datetime,
        until: datetime,
    ) -> pd.DataFrame:
        """Reports observed in [since, until) in the given kelurahan (closed ones left out)."""

    def group_rows(self, group_ids: Sequence[int]) -> dict[int, Any]:
        """Group id -> (kelurahan code, active) for the given ids that exist."""


class UsulanStore(Protocol):
    def usulan_frame(
        self,
        year: int | None = None,
        kecamatan: str | None = None,
        kelurahan: str | None = None,
        statuses: Sequence[str] = (),
        ids: Sequence[int] | None = None,
    ) -> pd.DataFrame:
        """Usulan of `year` (any when None) in the area (a kelurahan, or a kecamatan or kota
        code prefix), with a status among `statuses` (any when empty), with kelurahan and
        kecamatan names; by kecamatan, kelurahan, then the lurah's order."""

    def usulan_record(self, usulan_id: int) -> dict[str, Any] | None: ...

    def count_with_status(
        self,
        year: int,
        statuses: Sequence[str],
        *,
        kelurahan: str | None = None,
        kecamatan: str | None = None,
    ) -> int:
        """Usulan of `year` with one of `statuses` in a kelurahan or a kecamatan."""

    def count_priorities(self, year: int, kecamatan: str) -> int: ...

    def last_rank(self, year: int, kelurahan: str) -> int: ...

    def last_kecamatan_rank(self, year: int, kecamatan: str) -> int: ...

    def ranked_ids(
        self,
        year: int,
        *,
        kelurahan: str | None = None,
        kecamatan: str | None = None,
        statuses: Sequence[str] = (),
    ) -> list[tuple[int, int]]:
        """(id, version) of a kelurahan's usulan in the lurah's order, or (with `kecamatan`)
        of a kecamatan's usulan with one of `statuses` in the camat's order."""

    def by_source_key(self, key: str) -> int | None: ...

    def sources_of_year(self, year: int) -> tuple[set[int], set[int]]:
        """(pocket ids, site ids) that already have an usulan in `year`."""

    def flood_days_by_year(self, pocket_id: int, until: datetime) -> list[tuple[int, int]]:
        """(year, flood days) of a pocket up to `until`: distinct days in the city's time
        with a report (not duplicate or rejected), oldest year first."""

    def pocket_reports(self, pocket_id: int, since: datetime, until: datetime) -> pd.DataFrame:
        """The pocket's reports in [since, until), not duplicates or rejected (no personal
        data): id, observed_at, lon, lat, depth_cm, cause, status."""

    def report_photos(self, report_ids: Sequence[int], limit: int = 4) -> tuple[int, list[bytes]]:
        """(how many photos the reports have, the thumbnails of the newest `limit`)."""

    def site_record(self, site_id: int) -> dict[str, Any] | None: ...

    def pocket_record(self, pocket_id: int) -> dict[str, Any] | None: ...

    def site_regressions(
        self,
        since: datetime,
        until: datetime,
        kecamatan: str | None = None,
        kelurahan: str | None = None,
    ) -> pd.DataFrame:
        """Per site (not retired) in the area with a sweep in [since, until): sweeps and
        regressions (sweeps that found it disorderly again), last sweep; most regressions
        first."""

    def community_at(
        self,
        kelurahan: str,
        since: datetime,
        pocket_id: int | None = None,
        site_id: int | None = None,
    ) -> tuple[list[str], list[dict[str, Any]]]:
        """(names of the kelurahan's active groups, tasks done since `since` at the pocket
        or site — or anywhere in the kelurahan without either — with their groups)."""


class Session(Protocol):
    """One unit of work: the repositories, all over the same transaction (from
    `Store.write()`) or the same read cursor (from `Store.read()`)."""

    @property
    def records(self) -> RecordStore: ...
    @property
    def reports(self) -> ReportStore: ...
    @property
    def events(self) -> EventStore: ...
    @property
    def users(self) -> UserStore: ...
    @property
    def community(self) -> CommunityStore: ...
    @property
    def photos(self) -> PhotoStore: ...
    @property
    def meta(self) -> MetaStore: ...
    @property
    def areas(self) -> AreaStore: ...
    @property
    def locations(self) -> LocationStore: ...
    @property
    def map(self) -> MapStore: ...
    @property
    def meeting(self) -> MeetingStore: ...
    @property
    def sites(self) -> SiteStore: ...
    @property
    def summary(self) -> SummaryStore: ...
    @property
    def integrity(self) -> IntegrityStore: ...
    @property
    def backup(self) -> BackupStore: ...
    @property
    def siaga(self) -> SiagaStore: ...
    @property
    def usulan(self) -> UsulanStore: ...


class Store(Protocol):
    """An open database: `read()` for a session without a transaction, `write()` for
    one inside a transaction (committed at the end of the block, rolled back on any
    exception; raises Conflict when another transaction changed the same rows)."""

    @property
    def path(self) -> str: ...

    def read(self) -> Session: ...

    def write(self) -> AbstractContextManager[Session]: ...

    def setup_lock(self) -> AbstractContextManager[None]:
        """Held by one process at a time while it makes the database ready (areas,
        sample data): several app servers starting at once on an empty database fill
        it once. A block, not a transaction: what runs inside commits as usual."""

    def close(self) -> None: ...
