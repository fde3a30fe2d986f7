"""Shared fixtures: real DuckDB databases, in memory or in a temporary file."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from pantau.admin.bootstrap import initialise
from pantau.store import Database, open_database

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


@pytest.fixture
def db() -> Iterator[Database]:
    """A migrated, empty in-memory database."""
    database = open_database(":memory:")
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
def sample_copy(sample_file: Path, tmp_path: Path) -> Iterator[Database]:
    """A private, writable copy of the sample database."""
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
