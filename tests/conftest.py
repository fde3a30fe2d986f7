"""Shared fixtures: real DuckDB databases, in memory or in a temporary file."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from pantau.admin.bootstrap import initialise
from pantau.store import Database, open_database

pytestmark = pytest.mark.both_engines

ROOT = Path(__file__).resolve().parent.parent
SHARED_BOUNDARIES = ROOT.parent / "shared" / "boundaries" / "kelurahan_jakarta_utara.geojson"
# A fixed clock for deterministic sample data: 24 Nov 2026, 10:00 WIB.
NOW = datetime(2026, 11, 24, 3, 0, 0)


def pytest_configure(config: pytest.Config) -> None:
    """Freeze the app's clock (pantau.kernel.clock) at NOW for the whole run, for the app
    servers the browser tests start too: no test may depend on today's date."""
    os.environ["PANTAU_NOW"] = NOW.isoformat()


@pytest.fixture(autouse=True)
def jakarta_utara() -> Iterator[None]:
    """Every test starts and ends with the default wilayah in force: a test that opens a
    database of another kota must not leave it for the next test."""
    from pantau.city.seam import DEFAULT_CITY, use

    use(DEFAULT_CITY)
    yield
    use(DEFAULT_CITY)


ENGINES = ("duckdb", "postgres")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A test marked `both_engines` (or in a module so marked) that takes a database
    fixture runs twice: on DuckDB and on PostgreSQL (a throw-away cluster)."""
    if metafunc.definition.get_closest_marker("both_engines") is None:
        return
    if {"db", "area_db", "sample_copy"} & set(metafunc.fixturenames):
        metafunc.parametrize("engine", ENGINES, indirect=True)


@pytest.fixture
def engine(request: pytest.FixtureRequest) -> str:
    return str(getattr(request, "param", "duckdb"))


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgTemplates]:
    """A throw-away PostgreSQL cluster for the whole run. Without PostgreSQL's server
    programs the PostgreSQL tests skip with the reason, except in CI, where they fail."""
    from pantau.admin.pgcluster import start_cluster

    try:
        cluster = start_cluster()
    except RuntimeError as exc:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"no PostgreSQL here ({exc})")
    templates = PgTemplates(cluster)
    yield templates
    cluster.stop()


class PgTemplates:
    """Databases of the cluster built once (empty and migrated; the sample) and copied
    per test with CREATE DATABASE … TEMPLATE (a file copy: fast)."""

    def __init__(self, cluster: Any) -> None:
        self.cluster = cluster
        self._built: set[str] = set()
        self._n = 0

    def copy_of(self, template: str) -> str:
        if template not in self._built:
            url = self.cluster.create_database(template)
            database = build_sample(url) if template == "tpl_sample" else open_database(url)
            database.close()
            self._built.add(template)
        self._n += 1
        return self.cluster.create_database(f"t{self._n}", template=template)

    def drop(self, url: str) -> None:
        """Drop a test's database (a few MB each: hundreds would fill the disk)."""
        self.cluster.drop_database(url.rsplit("/", 1)[-1])


def _database(engine: str, request: pytest.FixtureRequest, template: str) -> Any:
    if engine == "postgres":
        templates: PgTemplates = request.getfixturevalue("pg_cluster")
        url = templates.copy_of(template)
        request.addfinalizer(lambda: templates.drop(url))  # after the fixture closed it
        return open_database(url)
    return None


@pytest.fixture
def db(engine: str, request: pytest.FixtureRequest) -> Iterator[Database]:
    """A migrated, empty database: in memory (DuckDB), or a new PostgreSQL database
    when the test runs on both engines."""
    database = _database(engine, request, "tpl_empty") or open_database(":memory:")
    yield database
    database.close()


@pytest.fixture
def area_db(db: Database) -> Database:
    """An in-memory database with areas and default boundaries, no records."""
    initialise(db, NOW, sample=False)
    return db


def build_sample(path: Path | str) -> Database:
    database = open_database(path)
    initialise(database, NOW, sample=True, password_rounds=4)
    return database


@pytest.fixture(scope="session")
def sample_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database file with the sample data, built once per run (do not modify:
    copy it with `sample_copy`)."""
    path = tmp_path_factory.mktemp("sample") / "pantau.duckdb"
    build_sample(path).close()
    return path


@pytest.fixture
def sample_copy(
    sample_file: Path, tmp_path: Path, engine: str, request: pytest.FixtureRequest
) -> Iterator[Database]:
    """A private, writable copy of the sample database."""
    if engine == "postgres":
        database = _database(engine, request, "tpl_sample")
        yield database
        database.close()
        return
    target = tmp_path / "pantau.duckdb"
    target.write_bytes(sample_file.read_bytes())
    database = open_database(target)
    yield database
    database.close()


@pytest.fixture
def real_boundaries() -> Path:
    if not SHARED_BOUNDARIES.is_file():
        pytest.skip("../shared/boundaries/ is not present next to the project")
    return SHARED_BOUNDARIES
