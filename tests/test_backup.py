from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest

from pantau.admin.backup import backup, restore
from pantau.kernel.errors import InvalidInput
from pantau.store import Database, open_database
from pantau.store.ports import ALL_TABLES

pytestmark = pytest.mark.both_engines


def _dump(db: Database) -> dict[str, pd.DataFrame]:
    s = db.read()
    out = {}
    for table in ALL_TABLES:
        cols = s.records.columns(table)
        out[table] = s.records.read(table, order_by=",".join(cols[:2]))
    return out


def test_backup_then_restore_round_trips_exactly(sample_copy: Database, tmp_path: Path) -> None:
    before = _dump(sample_copy)
    counts = backup(sample_copy, tmp_path / "bk", datetime(2026, 11, 24, 3))
    assert counts["sites"] == 46
    target = tmp_path / "restored.duckdb"
    restore(tmp_path / "bk", target)
    restored = open_database(target)
    after = _dump(restored)
    for table, frame in before.items():
        pd.testing.assert_frame_equal(frame, after[table], check_dtype=False, obj=table)
    # sequences continue after the restored ids
    new_id = restored.read().records.insert("meta", {"key": "k", "value": "v"})
    assert new_id is None
    nxt = restored.read().records.reserve_ids("sites", 1)[0]
    assert nxt == int(before["sites"]["id"].max()) + 1
    restored.close()


def test_restore_keeps_the_previous_file(sample_copy: Database, tmp_path: Path) -> None:
    backup(sample_copy, tmp_path / "bk", datetime(2026, 11, 24, 3))
    target = tmp_path / "live.duckdb"
    open_database(target).close()
    restore(tmp_path / "bk", target)
    assert (tmp_path / "live.duckdb.before-restore").is_file()


def test_backup_refuses_a_folder_with_files(sample_copy: Database, tmp_path: Path) -> None:
    (tmp_path / "bk").mkdir()
    (tmp_path / "bk" / "x.txt").write_text("x")
    with pytest.raises(InvalidInput, match="sudah berisi"):
        backup(sample_copy, tmp_path / "bk", datetime(2026, 11, 24))


def test_restore_refuses_a_folder_that_is_not_a_backup(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="bukan cadangan"):
        restore(tmp_path, tmp_path / "x.duckdb")


def _parquet(folder: Path, table: str) -> Path:
    return next(p for p in folder.iterdir() if p.name.startswith(table) and p.suffix == ".parquet")


def test_restore_refuses_a_backup_with_edited_rows(sample_copy: Database, tmp_path: Path) -> None:
    """Same row counts, one name changed: once restored with rc 0."""
    backup(sample_copy, tmp_path / "bk", datetime(2026, 11, 24, 3))
    sites = _parquet(tmp_path / "bk", "sites")
    frame = pd.read_parquet(sites)
    frame.loc[0, "name"] = "Diubah diam-diam"
    frame.to_parquet(sites, index=False)
    target = tmp_path / "live.duckdb"
    with pytest.raises(InvalidInput, match="rusak atau sudah diubah"):
        restore(tmp_path / "bk", target)
    assert not target.exists()
    assert not (tmp_path / "live.duckdb.restoring").exists()


def test_a_truncated_file_is_a_sentence_and_leaves_nothing(
    sample_copy: Database, tmp_path: Path
) -> None:
    """A truncated parquet once gave a raw traceback and left a `.restoring` file (here
    without checksums, as a backup from before they were written)."""
    import json

    backup(sample_copy, tmp_path / "bk", datetime(2026, 11, 24, 3))
    manifest = tmp_path / "bk" / "pantau-backup.json"
    data = json.loads(manifest.read_text())
    data.pop("sha256")
    manifest.write_text(json.dumps(data))
    sites = _parquet(tmp_path / "bk", "sites")
    sites.write_bytes(sites.read_bytes()[:200])
    target = tmp_path / "live.duckdb"
    with pytest.raises(InvalidInput, match="tidak dapat dibaca"):
        restore(tmp_path / "bk", target)
    assert not (tmp_path / "live.duckdb.restoring").exists()
