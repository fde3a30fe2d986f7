from __future__ import annotations

import pytest

from pantau.kernel.errors import SchemaTooNew
from pantau.store import Database, open_database
from pantau.store.connection import applied_versions, latest_version, migrate, migrations
from pantau.store.ports import ALL_TABLES

pytestmark = pytest.mark.both_engines


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
        assert db.read().records.columns(table), table


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

    with pytest.raises(ValueError, match="unknown table"):
        db.read().records.count("sites; DROP TABLE users")
    with pytest.raises(ValueError, match="unknown column"):
        db.read().records.insert("meta", {"key": "a", "value); DROP TABLE meta; --": "b"})


def test_0005_adds_warnings_their_watches_and_links_tasks_to_them(db: Database) -> None:
    records = db.read().records
    assert "warning_id" in records.columns("tasks")
    assert {"kind", "level", "starts_at", "ends_at", "kelurahan_kodes", "version"} <= set(
        records.columns("warnings")
    )
    cur = db.cursor()
    cur.execute("INSERT INTO warning_watches VALUES (1, 2, 3, now())")
    with pytest.raises(Exception, match=r"(?i)constraint|duplicate"):
        cur.execute("INSERT INTO warning_watches VALUES (1, 2, 4, now())")
