"""The store on PostgreSQL: the same repositories, the same migrations, the same
versioned writes as on DuckDB, for several app processes sharing one database.

The repositories of `pantau/store/*.py` are written once against a small cursor
interface (`execute(sql, params)`, `fetchone`, `fetchall`, `df`, `register`); on DuckDB
that is DuckDB's own cursor, here it is `PgCursor`, which renders each query for
PostgreSQL (`pantau/store/dialect.py`) and returns the same Python values and the same
DataFrame column types as DuckDB does.

Transactions: a write session runs at REPEATABLE READ, PostgreSQL's snapshot
isolation, which is what DuckDB gives: two sessions that change the same row cannot
both commit; the second gets `Conflict` (the page says who changed it first), never a
silent overwrite. Read sessions use autocommit connections (each query sees what is
committed when it runs, as on DuckDB).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import numpy as np
import pandas as pd
import psycopg
from psycopg import errors as pg_errors
from psycopg.types.numeric import FloatLoader
from psycopg_pool import ConnectionPool

from pantau.kernel.clock import now_utc
from pantau.kernel.errors import Conflict, DuplicateKey, SchemaTooNew, register_store_failures
from pantau.store.dialect import postgres_query, postgres_statement
from pantau.store.ports import Store
from pantau.store.session import SqlSession

SCHEMES = ("postgresql://", "postgres://")
_MIGRATION_LOCK = 731_072  # pg_advisory_lock keys: one migrating process at a time,
_SETUP_LOCK = 731_073  # and one process making the database ready
_NAME = re.compile(r"^[a-z_][a-z0-9_]*$")

# PostgreSQL type OIDs, for DataFrames typed as DuckDB types them.
_INTS = {20: "Int64", 21: "Int32", 23: "Int32"}
_FLOATS = {700, 701, 1700}
_TIMES = {1082, 1114, 1184}
_BOOL = 16
_BYTEA = 17


def is_postgres_url(target: str) -> bool:
    return target.startswith(SCHEMES)


def masked(url: str) -> str:
    """The URL with its password replaced by ***, for messages and cache keys."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    netloc = f"{parts.username}:***@{host}" if parts.username else f"***@{host}"
    return urlunsplit(parts._replace(netloc=netloc))


def _value(v: Any) -> Any:
    """A parameter as psycopg adapts it (DuckDB also takes numpy and pandas values)."""
    if v is None or isinstance(v, (str, bytes, bool, int, float, datetime, date)):
        return v
    if isinstance(v, pd.Timestamp):
        return None if pd.isna(v) else v.to_pydatetime()
    if isinstance(v, np.generic):
        return v.item()
    if isinstance(v, (list, tuple, np.ndarray)):
        return [_value(x) for x in v]
    if isinstance(v, (bytearray, memoryview)):
        return bytes(v)
    if v is pd.NaT or v is pd.NA:
        return None
    return v


def _params(params: Sequence[Any] | None) -> list[Any] | None:
    return None if params is None else [_value(v) for v in params]


def _column(values: list[Any], oid: int) -> Any:
    if oid in _INTS:
        if any(v is None for v in values):
            return pd.array(values, dtype=_INTS[oid])  # type: ignore[call-overload]
        return np.array(values, dtype="int64" if oid == 20 else "int32")
    if oid in _FLOATS:
        return np.array([np.nan if v is None else float(v) for v in values], dtype="float64")
    if oid in _TIMES:
        return pd.to_datetime(pd.Series(values, dtype=object)).astype("datetime64[us]")
    if oid == _BOOL and all(v is not None for v in values):
        return np.array(values, dtype=bool)
    if oid == _BYTEA:  # DuckDB gives a missing BLOB as <NA>
        return pd.Series([pd.NA if v is None else v for v in values], dtype=object)
    return pd.Series(values, dtype=object) if not values else pd.Series(values)


def _sql_type(series: pd.Series) -> str:
    kind = series.dtype.kind
    if kind in "iu":
        return "BIGINT"
    if kind == "f":
        return "DOUBLE PRECISION"
    if kind == "b":
        return "BOOLEAN"
    if kind == "M":
        return "TIMESTAMP"
    sample = next((v for v in series if v is not None and not pd.isna(v)), None)
    if isinstance(sample, (bool, np.bool_)):
        return "BOOLEAN"
    if isinstance(sample, (int, np.integer)):
        return "BIGINT"
    if isinstance(sample, (float, np.floating)):
        return "DOUBLE PRECISION"
    if isinstance(sample, datetime):
        return "TIMESTAMP"
    if isinstance(sample, date):
        return "DATE"
    if isinstance(sample, (bytes, bytearray)):
        return "BYTEA"
    return "TEXT"


def _cell(v: Any) -> Any:
    if v is None or v is pd.NaT or v is pd.NA:
        return None
    if isinstance(v, float) and np.isnan(v):
        return None
    return _value(v)


class PgCursor:
    """The part of a DuckDB cursor the repositories use, over one psycopg connection."""

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._conn = conn
        self._cur: psycopg.ClientCursor[Any] = psycopg.ClientCursor(conn)

    @property
    def description(self) -> list[tuple[str, int]] | None:
        desc = self._cur.description
        return None if desc is None else [(d.name, d.type_code) for d in desc]

    def execute(self, query: str, parameters: Any = None) -> PgCursor:
        if parameters is None:
            self._cur.execute(postgres_statement(query))
        else:
            self._cur.execute(postgres_query(query), _params(parameters))
        return self

    def executemany(self, query: str, parameters: Any = None) -> PgCursor:
        self._cur.executemany(postgres_query(query), [_params(p) or [] for p in parameters or []])
        return self

    def fetchone(self) -> tuple[Any, ...] | None:
        return self._cur.fetchone() if self._cur.description else None

    def fetchall(self) -> list[tuple[Any, ...]]:
        return list(self._cur.fetchall()) if self._cur.description else []

    def df(self) -> pd.DataFrame:
        desc = self._cur.description or []
        rows = self._cur.fetchall()
        columns = {i: _column([r[i] for r in rows], d.type_code) for i, d in enumerate(desc)}
        frame = pd.DataFrame(columns, index=pd.RangeIndex(len(rows)))
        frame.columns = [d.name for d in desc]
        return frame

    def register(self, name: str, frame: pd.DataFrame) -> None:
        """The frame as a temporary table `name` (DuckDB reads a registered frame by name)."""
        if not _NAME.match(name):
            raise ValueError(f"bad temporary table name {name!r}")
        names = [str(c) for c in frame.columns]
        for n in names:
            if not _NAME.match(n):
                raise ValueError(f"bad column name {n!r}")
        types = {n: _sql_type(frame[n]) for n in names}
        empty = [n for n in names if types[n] == "TEXT" and frame[n].isna().all()]
        if empty:  # no value to tell the type: take the schema's column of that name
            self._cur.execute(
                "SELECT column_name, min(data_type) FROM information_schema.columns"
                " WHERE table_schema = current_schema() AND column_name = ANY(%s)"
                " GROUP BY column_name",
                [empty],
            )
            types.update({str(r[0]): str(r[1]) for r in self._cur.fetchall()})
        columns = ", ".join(f"{n} {types[n]}" for n in names)
        self._cur.execute(f"CREATE TEMP TABLE {name} ({columns})")
        with self._cur.copy(f"COPY {name} ({', '.join(names)}) FROM STDIN") as copy:
            for row in frame.itertuples(index=False, name=None):
                copy.write_row([_cell(v) for v in row])

    def unregister(self, name: str) -> None:
        if not _NAME.match(name):
            raise ValueError(f"bad temporary table name {name!r}")
        self._cur.execute(f"DROP TABLE IF EXISTS {name}")

    def close(self) -> None:
        self._cur.close()


def _configure(conn: psycopg.Connection[Any]) -> None:
    conn.adapters.register_loader("numeric", FloatLoader)  # sums and averages as floats
    conn.execute("SET TIME ZONE 'UTC'")  # every TIMESTAMP holds UTC, as on DuckDB
    conn.commit()


def _configure_writer(conn: psycopg.Connection[Any]) -> None:
    _configure(conn)
    conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ


class PostgresDatabase:
    """One PostgreSQL database (a `pantau.store.Store`) shared by every app process."""

    def __init__(self, url: str, *, readers: int = 2, writers: int = 8) -> None:
        self.url = url
        self._readers: list[psycopg.Connection[Any]] = []
        self._reader_lock = threading.Lock()
        self._n_readers = readers
        self._pool = ConnectionPool(
            url,
            min_size=1,
            max_size=writers,
            configure=_configure_writer,
            open=True,
        )

    @property
    def path(self) -> str:
        return masked(self.url)

    def _reader(self) -> psycopg.Connection[Any]:
        with self._reader_lock:
            self._readers = [c for c in self._readers if not c.closed and not c.broken]
            if len(self._readers) < self._n_readers:
                conn = psycopg.connect(self.url, autocommit=True)
                _configure(conn)
                self._readers.append(conn)
                return conn
            return self._readers[threading.get_ident() % len(self._readers)]

    def cursor(self) -> PgCursor:
        return PgCursor(self._reader())

    @contextmanager
    def transaction(self) -> Iterator[PgCursor]:
        """A cursor inside one REPEATABLE READ transaction; Conflict when another
        transaction changed the same rows first."""
        try:
            with self._pool.connection() as conn, conn.transaction():
                yield PgCursor(conn)
        except (pg_errors.SerializationFailure, pg_errors.DeadlockDetected) as exc:
            raise Conflict("err_write_conflict") from exc

    def read(self) -> SqlSession:
        return SqlSession(self.cursor(), "postgres")

    @contextmanager
    def write(self) -> Iterator[SqlSession]:
        try:
            with self.transaction() as cur:
                yield SqlSession(cur, "postgres")
        except pg_errors.UniqueViolation as exc:
            raise DuplicateKey(str(exc)) from exc

    @contextmanager
    def setup_lock(self) -> Iterator[None]:
        """See `exclusive` (the lock of making the database ready)."""
        with self.exclusive(_SETUP_LOCK):
            yield

    @contextmanager
    def exclusive(self, key: int) -> Iterator[None]:
        """A session-level advisory lock on its own connection, held for the block: the
        transactions inside start after it is granted, so they see what the process
        that held it before committed. (A lock taken inside a REPEATABLE READ
        transaction would not do: its snapshot is taken before the lock is granted.)"""
        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f"SELECT pg_advisory_lock({int(key)})")
            try:
                yield
            finally:
                conn.execute(f"SELECT pg_advisory_unlock({int(key)})")

    def close(self) -> None:
        self._pool.close()
        with self._reader_lock:
            for conn in self._readers:
                conn.close()
            self._readers = []


def _failure_kind(exc: BaseException) -> str | None:
    """How PostgreSQL failed (see `pantau.kernel.errors.store_failure`)."""
    if isinstance(exc, DuplicateKey) and exc.__cause__ is not None:
        exc = exc.__cause__
    if not isinstance(exc, psycopg.Error):
        return None
    if isinstance(exc, pg_errors.DiskFull):
        return "disk_full"
    if isinstance(exc, psycopg.ProgrammingError):
        return "bug"
    return "storage"


register_store_failures(_failure_kind)


def _conforms(db: PostgresDatabase) -> Store:
    """Never called: mypy checks here that PostgresDatabase is a `pantau.store.Store`."""
    return db


def migrate_postgres(db: PostgresDatabase) -> list[int]:
    """Apply the numbered migrations not yet applied, each rendered for PostgreSQL, in
    one transaction, one process at a time (two app processes starting at once migrate
    once: the second finds the work done)."""
    from pantau.store.connection import migrations

    known = migrations()
    newest = known[-1].version
    applied: list[int] = []
    with db.exclusive(_MIGRATION_LOCK), db.transaction() as cur:
        cur.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)"
        )
        done = {int(r[0]) for r in cur.execute("SELECT version FROM schema_migrations").fetchall()}
        if done and max(done) > newest:
            raise SchemaTooNew("err_schema_too_new", schema=max(done), newest=newest)
        for mig in known:
            if mig.version in done:
                continue
            cur.execute(mig.sql)
            cur.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                [mig.version, mig.name, now_utc()],
            )
            applied.append(mig.version)
    return applied


def open_postgres(url: str, *, migrate_schema: bool = True) -> PostgresDatabase:
    """Connect to the PostgreSQL database at `url` and bring its schema up to date.

    Raises DatabaseUnreachable (a clear message naming the masked URL) when no server
    answers or the credentials are refused."""
    from pantau.kernel.errors import DatabaseUnreachable

    try:  # a quick first contact: a wrong URL is told in seconds, not after a pool timeout
        psycopg.connect(url, connect_timeout=10).close()
    except psycopg.OperationalError as exc:
        raise DatabaseUnreachable(
            "err_database_unreachable", target=masked(url), reason=_first_line(exc)
        ) from exc
    db = PostgresDatabase(url)
    if migrate_schema:
        migrate_postgres(db)
    return db


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return masked(text[0]) if text else type(exc).__name__
