from __future__ import annotations

import pytest

from pantau.kernel.errors import SchemaTooNew
from pantau.store import Database, open_database
from pantau.store.connection import applied_versions, latest_version, migrate, migrations
from pantau.store.tables import ALL_TABLES, columns


def test_migrations_are_numbered_from_one_without_gaps() -> None:
    versions = [m.version for m in migrations()]
    assert versions == list(range(1, len(versions) + 1))


def test_new_database_records_every_migration(db: Database) -> None:
    assert applied_versions(db) == [m.version for m in migrations()]


def test_migrating_twice_is_a_no_op(db: Database) -> None:
    before = db.cursor().execute("SELECT * FROM schema_migrations").fetchall()
    assert migrate(db) == []
    assert db.cursor().execute("SELECT * FROM schema_migrations").fetchall() == before


def test_every_table_of_the_product_exists(db: Database) -> None:
    for table in ALL_TABLES:
        assert columns(db.cursor(), table), table


def test_database_from_a_newer_version_is_refused(tmp_path) -> None:
    path = tmp_path / "newer.duckdb"
    first = open_database(path)
    first.cursor().execute(
        "INSERT INTO schema_migrations VALUES (?, 'from_the_future', now())",
        [latest_version() + 1],
    )
    first.close()
    with pytest.raises(SchemaTooNew, match="lebih baru"):
        open_database(path)


def test_reopening_a_file_keeps_its_data(tmp_path) -> None:
    path = tmp_path / "p.duckdb"
    first = open_database(path)
    first.cursor().execute("INSERT INTO meta VALUES ('x', 'y')")
    first.close()
    again = open_database(path)
    assert again.cursor().execute("SELECT value FROM meta WHERE key='x'").fetchone() == ("y",)
    again.close()


def test_unknown_table_or_column_is_refused_before_sql(db: Database) -> None:
    from pantau.store import tables

    with pytest.raises(ValueError, match="unknown table"):
        tables.count(db.cursor(), "sites; DROP TABLE users")
    with pytest.raises(ValueError, match="unknown column"):
        tables.insert(db.cursor(), "meta", {"key": "a", "value); DROP TABLE meta; --": "b"})
