from __future__ import annotations

import threading

import pytest

from pantau.kernel.errors import Conflict, DatabaseBusy
from pantau.store import Database, open_database
from pantau.store.ports import Event

pytestmark = pytest.mark.both_engines


def test_transaction_rolls_back_on_error(db: Database) -> None:
    with pytest.raises(RuntimeError), db.transaction() as cur:
        cur.execute("INSERT INTO meta VALUES ('a', 'b')")
        raise RuntimeError("boom")
    assert db.cursor().execute("SELECT count(*) FROM meta").fetchone() == (0,)


def test_concurrent_updates_of_one_row_give_a_conflict(tmp_path) -> None:
    db = open_database(tmp_path / "c.duckdb")
    db.cursor().execute("INSERT INTO meta VALUES ('k', '0')")
    first_wrote, second_done = threading.Event(), threading.Event()
    outcomes: dict[str, str] = {}

    def first() -> None:
        with db.transaction() as cur:
            cur.execute("UPDATE meta SET value = '1' WHERE key = 'k'")
            first_wrote.set()
            second_done.wait(timeout=10)
        outcomes["first"] = "ok"

    def second() -> None:
        first_wrote.wait(timeout=10)
        try:
            with db.transaction() as cur:
                cur.execute("UPDATE meta SET value = '2' WHERE key = 'k'")
            outcomes["second"] = "ok"
        except Conflict as exc:
            outcomes["second"] = str(exc)
        finally:
            second_done.set()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=20)
    assert outcomes["first"] == "ok"
    assert "diubah oleh pengguna lain" in outcomes["second"]
    assert db.cursor().execute("SELECT value FROM meta WHERE key='k'").fetchone() == ("1",)
    db.close()


def test_second_process_gets_a_clear_busy_message(tmp_path) -> None:
    import subprocess
    import sys

    path = tmp_path / "held.duckdb"
    open_database(path).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb,sys,time; c=duckdb.connect(sys.argv[1]); print('held', flush=True);"
            " time.sleep(30)",
            str(path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(DatabaseBusy, match="sedang dipakai"):
            open_database(path)
    finally:
        holder.kill()
        holder.wait()


def test_a_save_that_commits_late_still_changes_the_data_version(db: Database) -> None:
    """Two saves: the one that took the lower event id commits second. Caches keyed
    by the newest event id missed it for up to a minute."""
    from datetime import datetime

    when = datetime(2026, 11, 24, 3)
    with db.write() as first:
        first.events.append([Event(when, None, "site", 1, "edit", "name", "a", "b")])
        with db.write() as second:
            second.events.append([Event(when, None, "site", 2, "edit", "name", "a", "b")])
        seen = db.read().meta.data_version()
    assert db.read().meta.data_version() != seen


def test_a_write_session_commits_at_the_end_of_the_block(db: Database) -> None:
    with db.write() as s:
        s.meta.put("k", "v")
        assert db.read().meta.get("k") is None  # not visible outside before COMMIT
    assert db.read().meta.get("k") == "v"


def test_a_write_session_rolls_back_on_error(db: Database) -> None:
    with pytest.raises(RuntimeError), db.write() as s:
        s.meta.put("k", "v")
        raise RuntimeError("boom")
    assert db.read().meta.get("k") is None


def test_two_write_sessions_on_one_row_give_a_conflict(tmp_path) -> None:
    db = open_database(tmp_path / "w.duckdb")
    db.read().meta.put("k", "0")
    first_wrote, second_done = threading.Event(), threading.Event()
    outcomes: dict[str, str] = {}

    def first() -> None:
        with db.write() as s:
            s.meta.put("k", "1")
            first_wrote.set()
            second_done.wait(timeout=10)
        outcomes["first"] = "ok"

    def second() -> None:
        first_wrote.wait(timeout=10)
        try:
            with db.write() as s:
                s.meta.put("k", "2")
            outcomes["second"] = "ok"
        except Conflict as exc:
            outcomes["second"] = str(exc)
        finally:
            second_done.set()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=20)
    assert outcomes["first"] == "ok"
    assert "diubah oleh pengguna lain" in outcomes["second"]
    assert db.read().meta.get("k") == "1"
    db.close()


def test_a_broken_uniqueness_rule_is_a_duplicate_key_and_rolls_back(db: Database) -> None:
    from pantau.kernel.errors import DuplicateKey, store_failure

    with db.write() as s:
        s.records.insert("meta", {"key": "k", "value": "1"})
    with pytest.raises(DuplicateKey) as caught, db.write() as s:
        s.meta.put("other", "x")
        s.records.insert("meta", {"key": "k", "value": "2"})
    assert caught.value.__cause__ is not None  # the engine's own constraint error
    assert db.read().meta.get("k") == "1"
    assert db.read().meta.get("other") is None
    # escaping to a page, it is the store failure it was before
    assert store_failure(caught.value) == "storage"
