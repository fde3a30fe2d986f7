"""Opening the DuckDB file, migrations and transactions."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import duckdb

from pantau.kernel.clock import now_utc
from pantau.kernel.errors import (
    Conflict,
    DatabaseBusy,
    DuplicateKey,
    SchemaTooNew,
    register_store_failures,
)
from pantau.store.ports import Store
from pantau.store.session import SqlSession

_MIGRATION_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def migrations() -> list[Migration]:
    """The numbered SQL migrations shipped with this version, in order."""
    found: list[Migration] = []
    for entry in resources.files("pantau.store.migrations").iterdir():
        m = _MIGRATION_NAME.match(entry.name)
        if m:
            found.append(Migration(int(m.group(1)), m.group(2), entry.read_text("utf-8")))
    found.sort(key=lambda mig: mig.version)
    return found


def latest_version() -> int:
    return migrations()[-1].version


@dataclass
class Database:
    """One open DuckDB database (a `pantau.store.Store`): `read()` for a session without
    a transaction, `write()` for one inside a transaction.

    `cursor()` and `transaction()` hand out raw DuckDB cursors: only the store itself
    (migrations, backup) and its tests use them (`tests/test_architecture.py`).
    """

    con: duckdb.DuckDBPyConnection
    path: str
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def cursor(self) -> duckdb.DuckDBPyConnection:
        with self._lock:
            return self.con.cursor()

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor inside BEGIN … COMMIT; rolled back on any exception.

        Raises Conflict when DuckDB reports a write-write conflict with another
        transaction (two people saving the same record at once).
        """
        cur = self.cursor()
        cur.execute("BEGIN TRANSACTION")
        try:
            yield cur
            cur.execute("COMMIT")
        except duckdb.TransactionException as exc:
            _rollback(cur)
            if "conflict" in str(exc).lower():
                raise Conflict("err_write_conflict") from exc
            raise
        except BaseException:
            _rollback(cur)
            raise
        finally:
            cur.close()

    def read(self) -> SqlSession:
        """A session over a fresh cursor, outside any transaction (each query sees the
        data committed when it runs)."""
        return SqlSession(self.cursor())

    @contextmanager
    def write(self) -> Iterator[SqlSession]:
        """A session inside one transaction: committed when the block ends, rolled back
        on any exception. Raises Conflict on a write-write conflict (see `transaction`),
        DuplicateKey when a write breaks a uniqueness rule."""
        try:
            with self.transaction() as cur:
                yield SqlSession(cur)
        except duckdb.ConstraintException as exc:
            raise DuplicateKey(str(exc)) from exc
        except duckdb.TransactionException as exc:
            if "constraint" not in str(exc).lower():
                raise
            # a key two concurrent transactions both wrote, refused at COMMIT
            raise DuplicateKey(str(exc)) from exc

    @contextmanager
    def setup_lock(self) -> Iterator[None]:
        """One process holds a DuckDB file: a lock between this process's threads."""
        with _SETUP:
            yield

    def close(self) -> None:
        self.con.close()


_SETUP = threading.Lock()


def _conforms(db: Database) -> Store:
    """Never called: mypy checks here that Database is a `pantau.store.Store`."""
    return db


def _rollback(cur: duckdb.DuckDBPyConnection) -> None:
    with suppress(duckdb.Error):  # already rolled back by DuckDB after a failed COMMIT
        cur.execute("ROLLBACK")


def _failure_kind(exc: BaseException) -> str | None:
    """How DuckDB failed (see `pantau.kernel.errors.store_failure`)."""
    if isinstance(exc, DuplicateKey) and exc.__cause__ is not None:
        exc = exc.__cause__  # an escaped DuplicateKey fails as its DuckDB error did
    if not isinstance(exc, duckdb.Error):
        return None
    if "space" in str(exc).lower():
        return "disk_full"
    if isinstance(exc, duckdb.ProgrammingError):
        return "bug"
    return "storage"


register_store_failures(_failure_kind)


def open_database(path: str | Path, *, migrate_schema: bool = True) -> Database:
    """Open (creating if needed) the DuckDB file at `path`, or ":memory:", or the
    PostgreSQL database at a `postgresql://` URL (`pantau/store/postgres.py`).

    Raises DatabaseBusy when another process holds the file, SchemaTooNew when
    the file was written by a newer version of Pantau, DatabaseUnreachable when no
    PostgreSQL server answers at the URL.
    """
    target = str(path)
    if target.startswith(("postgresql://", "postgres://")):
        from pantau.store.postgres import open_postgres

        return open_postgres(target, migrate_schema=migrate_schema)  # type: ignore[return-value]
    if target != ":memory:":
        Path(target).parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(target)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise DatabaseBusy("err_database_busy", target=target) from exc
        raise
    con.execute("SET TimeZone = 'UTC'")
    db = Database(con=con, path=target)
    if migrate_schema:
        migrate(db)
    return db


def applied_versions(db: Database) -> list[int]:
    cur = db.cursor()
    cur.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)"
    )
    return [int(r[0]) for r in cur.execute("SELECT version FROM schema_migrations").fetchall()]


def migrate(db: Database) -> list[int]:
    """Apply every migration not yet recorded; return the versions applied now.

    Migrating an up-to-date database does nothing. Raises SchemaTooNew when the
    database records a version this code does not know.
    """
    done = set(applied_versions(db))
    known = migrations()
    newest = known[-1].version
    if done and max(done) > newest:
        raise SchemaTooNew("err_schema_too_new", schema=max(done), newest=newest)
    applied: list[int] = []
    for mig in known:
        if mig.version in done:
            continue
        with db.transaction() as cur:
            cur.execute(mig.sql)
            cur.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                [mig.version, mig.name, now_utc()],
            )
        applied.append(mig.version)
    return applied
