"""The store on PostgreSQL, beyond what every store test checks on both engines
(`both_engines`): the SQL rendering, several processes on one database, copies
between engines, and the CLI beside a running app."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from pantau.admin.cli import main
from pantau.admin.pgcluster import free_port
from pantau.admin.transfer import table_digest
from pantau.kernel.errors import DatabaseUnreachable
from pantau.store import open_database
from pantau.store.dialect import postgres_query, postgres_statement
from pantau.store.ports import ALL_TABLES
from tests.conftest import ROOT


def test_queries_are_rendered_for_postgresql_outside_string_literals() -> None:
    sql = (
        "SELECT median(depth_cm), count(*) FILTER (WHERE list_contains(?::VARCHAR[], status))"
        " FROM reports WHERE note LIKE '%?%' AND id = ? AND name = 'list_contains(a, b)'"
    )
    assert postgres_query(sql) == (
        "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY depth_cm),"
        " count(*) FILTER (WHERE (status = ANY(%s::VARCHAR[])))"
        " FROM reports WHERE note LIKE '%%?%%' AND id = %s AND name = 'list_contains(a, b)'"
    )


def test_the_schema_is_rendered_with_postgresql_types() -> None:
    ddl = "CREATE TABLE t (a DOUBLE, b BLOB, c DOUBLE PRECISION) -- 10% ?"
    assert postgres_statement(ddl) == (
        "CREATE TABLE t (a DOUBLE PRECISION, b BYTEA, c DOUBLE PRECISION) -- 10% ?"
    )


def test_nested_calls_are_rendered_inside_out() -> None:
    sql = "SELECT median(date_diff('minute', a, b) / 60.0) FROM r"
    assert postgres_query(sql) == (
        "SELECT percentile_cont(0.5) WITHIN GROUP"
        " (ORDER BY (EXTRACT(EPOCH FROM (b) - (a)) / 60) / 60.0) FROM r"
    )


def test_an_unreachable_server_is_a_sentence_without_the_password() -> None:
    url = f"postgresql://pantau:geheim@127.0.0.1:{free_port()}/pantau"
    with pytest.raises(DatabaseUnreachable) as caught:
        open_database(url)
    text = caught.value.message("id") + caught.value.message("en")
    assert "tidak dapat dihubungi" in text and "cannot be reached" in text
    assert "pantau:***@127.0.0.1" in text and "geheim" not in text


def _env(url: str) -> dict[str, str]:
    return {**os.environ, "PANTAU_DB": url, "PYTHONPATH": str(ROOT)}


def _name_events(db: Any, site_id: int) -> list[dict[str, Any]]:
    frame = db.read().events.for_record("site", site_id)
    rows = frame.sort_values("id").to_dict("records")
    return [r for r in rows if r["field"] == "name"]


def test_twenty_writers_in_two_processes_lose_no_update(pg_cluster: Any) -> None:
    """20 people save the same site at once, 10 through each of two app processes.
    Each save either lands or gets the conflict message (and is tried again with the
    version read anew): all 20 land, one after another, none overwrites another."""
    url = pg_cluster.copy_of("tpl_sample")
    db = open_database(url)
    site = db.read().records.rows("sites")[0]
    site_id, v0 = int(site["id"]), int(site["version"])
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.db.pg_writer", url, str(site_id), "10", tag],
            cwd=ROOT,
            env=_env(url),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag in ("A", "B")
    ]
    results = []
    for p in procs:
        out, err = p.communicate(timeout=180)
        assert p.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))
    assert sum(r["landed"] for r in results) == 20
    after = db.read().records.get("sites", site_id)
    assert after is not None and int(after["version"]) == v0 + 20
    changes = _name_events(db, site_id)
    assert len(changes) == 20
    assert {c["new_value"] for c in changes} == {f"{t}-{i}" for t in "AB" for i in range(10)}
    chain = [site["name"], *(c["new_value"] for c in changes)]
    assert [c["old_value"] for c in changes] == chain[:-1]  # each save built on the last
    assert after["name"] == chain[-1]
    db.close()


def test_a_save_in_one_process_is_seen_by_another_at_once(pg_cluster: Any) -> None:
    """What another app process draws is keyed by the data version it reads from the
    database: a save through one process changes it for every other at once."""
    url = pg_cluster.copy_of("tpl_sample")
    db = open_database(url)
    seen = db.read().meta.data_version()
    site_id = int(db.read().records.rows("sites")[0]["id"])
    done = subprocess.run(
        [sys.executable, "-m", "tests.db.pg_writer", url, str(site_id), "1", "C"],
        cwd=ROOT, env=_env(url), capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    # the very next read sees it: nothing in this process had to expire first
    assert db.read().meta.data_version() != seen
    after = db.read().records.get("sites", site_id)
    assert after is not None and after["name"] == "C-0"
    db.close()


def _digests(target: str | Path) -> dict[str, tuple[int, str]]:
    db = open_database(target)
    try:
        s = db.read()
        return {
            t: (c.rows, c.digest)
            for t in ALL_TABLES
            if t != "schema_migrations"
            for c in [table_digest(s, t)]
        }
    finally:
        db.close()


def test_migrate_store_copies_duckdb_to_postgresql_and_back_exactly(
    pg_cluster: Any, sample_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "source.duckdb"
    source.write_bytes(sample_file.read_bytes())
    first = open_database(source)
    with first.write() as s:  # photo evidence: bytes must arrive bit for bit
        blob = bytes(range(256)) * 64
        s.records.insert("photos", {
            "sha256": "ab" * 32, "mime": "image/jpeg", "width": 4, "height": 3,
            "data": blob, "thumb": blob[:100], "uploaded_by": 1,
            "created_at": datetime(2026, 11, 24, 3),
        })  # fmt: skip
        s.records.insert("photo_links", {
            "record_type": "site", "record_id": 1, "sha256": "ab" * 32, "role": "bukti",
            "created_at": datetime(2026, 11, 24, 3),
        })  # fmt: skip
    first.close()
    url = pg_cluster.cluster.create_database("migrated")
    assert main(["migrate-store", str(source), url]) == 0
    printed = capsys.readouterr().out
    assert "events" in printed and "diperiksa ulang" in printed
    back = tmp_path / "back.duckdb"
    assert main(["migrate-store", url, str(back)]) == 0
    original = _digests(source)
    assert original["events"][0] > 1000 and original["sites"][0] == 46
    assert original["photos"][0] == 1 and original["photo_links"][0] == 1
    assert _digests(url) == original
    assert _digests(back) == original
    for target in (url, back):  # ids go on where the original stopped
        db = open_database(target)
        top = int(db.read().records.read("sites")["id"].max())
        assert db.read().records.reserve_ids("sites", 1) == [top + 1]
        db.close()


def test_migrate_store_refuses_a_target_that_holds_data(
    pg_cluster: Any, sample_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = pg_cluster.copy_of("tpl_sample")
    before = _digests(url)
    assert main(["migrate-store", str(sample_file), url]) == 1
    assert "sudah berisi data" in capsys.readouterr().err
    assert _digests(url) == before  # nothing was written


def test_the_cli_works_while_the_app_holds_the_database(pg_cluster: Any) -> None:
    """On DuckDB a running app holds the file; on PostgreSQL the administrator's
    commands run beside it."""
    url = pg_cluster.copy_of("tpl_sample")
    app = open_database(url)
    with app.write() as s:  # the app is mid-work, with an open session
        s.meta.put("app", "running")
        for args in (["check"], ["users", "list"]):
            done = subprocess.run(
                [sys.executable, "-m", "pantau.admin.cli", *args],
                cwd=ROOT, env=_env(url), capture_output=True, text=True, timeout=120,
                check=False,
            )  # fmt: skip
            assert done.returncode == 0, done.stderr
            if args == ["users", "list"]:
                assert "sekko" in done.stdout
    app.close()


def test_app_servers_starting_at_once_on_an_empty_database_fill_it_once(
    pg_cluster: Any, sample_file: Path
) -> None:
    """Three app servers start together on a new database (systemd starts them at
    once): each makes it ready on its first start; the sample data is loaded once."""
    url = pg_cluster.cluster.create_database("together")
    code = (
        "import sys; from datetime import datetime; from pantau.store import open_database;"
        " from pantau.admin.bootstrap import initialise;"
        " db = open_database(sys.argv[1]);"
        " initialise(db, datetime(2026, 11, 24, 3), sample=True, password_rounds=4); db.close()"
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code, url],
            cwd=ROOT,
            env=_env(url),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
    once = _digests(sample_file)
    got = _digests(url)
    for table in ("kelurahan", "sites", "reports", "users", "community_groups", "tasks"):
        assert got[table][0] == once[table][0], table
    assert got["events"][0] == once["events"][0]


def test_a_backup_restores_into_an_empty_postgresql_database(
    pg_cluster: Any, sample_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`pantau --db postgresql://… restore DIR`: verified as a file, copied and verified
    per table; a database that holds data is refused and left as it was."""
    source = tmp_path / "live.duckdb"
    source.write_bytes(sample_file.read_bytes())
    assert main(["--db", str(source), "backup", str(tmp_path / "bk")]) == 0
    url = pg_cluster.cluster.create_database("restored").replace("pantau@", "pantau:pw@")
    assert main(["--db", url, "restore", str(tmp_path / "bk")]) == 0
    out = capsys.readouterr().out
    assert "pantau:***@" in out and ":pw@" not in out
    assert _digests(url) == _digests(source)
    assert main(["--db", url, "restore", str(tmp_path / "bk")]) == 1
    assert "sudah berisi data" in capsys.readouterr().err
    assert _digests(url) == _digests(source)
