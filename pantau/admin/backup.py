"""`pantau backup DIR` and `pantau restore DIR`: a consistent copy that round-trips
exactly (tables, rows, sequence positions), with a manifest to verify it."""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from datetime import datetime
from pathlib import Path

from pantau.admin.config import is_server_url
from pantau.admin.transfer import copy_store
from pantau.kernel.errors import InvalidInput, SchemaTooNew, store_failure
from pantau.store import latest_version, open_database
from pantau.store.ports import ALL_TABLES, Store

MANIFEST = "pantau-backup.json"


def backup(db: Store, directory: Path, now: datetime) -> dict[str, int]:
    """Write a backup of `db` into `directory` (new or empty); return row counts.

    Raises InvalidInput when `directory` exists and is not empty.
    """
    if directory.exists() and any(directory.iterdir()):
        raise InvalidInput(f"Folder {directory} sudah berisi berkas. Pilih folder baru/kosong.")
    if is_server_url(db.path):
        # PostgreSQL: one consistent snapshot copied (and verified) into a DuckDB file,
        # exported as every backup is, so one format restores anywhere
        with tempfile.TemporaryDirectory(prefix="pantau-backup-") as tmp:
            staging = open_database(Path(tmp) / "snapshot.duckdb")
            try:
                copy_store(db, staging)
                return backup(staging, directory, now)
            finally:
                staging.close()
    directory.mkdir(parents=True, exist_ok=True)
    s = db.read()
    counts = {t: s.records.count(t) for t in ALL_TABLES}
    s.backup.export_database(directory)
    manifest = {
        "format": "pantau-backup/1",
        "schema_version": s.backup.schema_version(),
        "created_at_utc": now.isoformat(sep=" "),
        "counts": counts,
        "sha256": _digests(directory),
    }
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return counts


def _digests(directory: Path) -> dict[str, str]:
    """SHA-256 of every file of the backup (but the manifest), by name."""
    return {
        f.name: hashlib.sha256(f.read_bytes()).hexdigest()
        for f in sorted(directory.iterdir())
        if f.is_file() and f.name != MANIFEST
    }


def _verify_files(directory: Path, expected: dict[str, str]) -> None:
    """Raise InvalidInput naming the files that are missing or changed since the
    backup was written (an edited row, a truncated copy)."""
    found = _digests(directory)
    changed = sorted(name for name, digest in expected.items() if found.get(name) != digest)
    if changed:
        raise InvalidInput(
            f"Cadangan di {directory} rusak atau sudah diubah sejak dibuat: "
            f"{', '.join(changed[:5])}{' …' if len(changed) > 5 else ''}. Tidak ada yang "
            "dipulihkan; pakai cadangan lain."
        )


def restore(directory: Path, target: Path) -> dict[str, int]:
    """Replace the database file `target` with the backup in `directory`.

    The old file is kept next to it as ``<name>.before-restore``. Raises
    InvalidInput for a folder that is not a Pantau backup or does not verify,
    SchemaTooNew for a backup from a newer version, DatabaseBusy when `target`
    is open in another process.
    """
    manifest_path = directory / MANIFEST
    if not manifest_path.is_file():
        raise InvalidInput(f"{directory} bukan cadangan Pantau Wilayah (tidak ada {MANIFEST}).")
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        expected = {str(k): int(v) for k, v in manifest["counts"].items()}
        version = int(manifest["schema_version"])
        digests = {str(k): str(v) for k, v in manifest.get("sha256", {}).items()}
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise InvalidInput(f"{MANIFEST} rusak: {exc}") from exc
    if digests:  # backups from before checksums carry none; their counts are still checked
        _verify_files(directory, digests)
    if version > latest_version():
        raise SchemaTooNew(
            f"Cadangan ini dari versi yang lebih baru (skema {version}); perbarui aplikasi dulu."
        )
    if target.exists():
        # Fails with DatabaseBusy while the app holds the file.
        open_database(target, migrate_schema=False).close()
    staging = target.with_name(target.name + ".restoring")
    staging.unlink(missing_ok=True)
    try:
        db = open_database(staging, migrate_schema=False)
        try:
            db.read().backup.import_database(directory)
            s = db.read()
            got = {t: s.records.count(t) for t in expected}
        finally:
            db.close()
    except Exception as exc:
        if store_failure(exc) is None:  # only the store's own errors mean "unreadable"
            raise
        staging.unlink(missing_ok=True)
        raise InvalidInput(
            f"Cadangan di {directory} tidak dapat dibaca ({type(exc).__name__}). Tidak ada "
            "yang dipulihkan; pakai cadangan lain."
        ) from exc
    if got != expected:
        staging.unlink(missing_ok=True)
        diff = {t: (expected[t], got.get(t)) for t in expected if expected[t] != got.get(t)}
        raise InvalidInput(f"Cadangan tidak lengkap, jumlah baris berbeda: {diff}")
    if target.exists():
        shutil.move(target, target.with_name(target.name + ".before-restore"))
    shutil.move(staging, target)
    open_database(target).close()  # migrate an older backup up to this version
    return got


def restore_into(directory: Path, url: str) -> dict[str, int]:
    """Restore the backup in `directory` into the empty PostgreSQL database at `url`:
    verified and restored into a DuckDB file first (as `restore` does), then copied
    and verified table by table (`pantau.admin.transfer.copy_store`). Raises what
    `restore` raises, and InvalidInput when the database already holds data (nothing
    is written then)."""
    with tempfile.TemporaryDirectory(prefix="pantau-restore-") as tmp:
        staging = Path(tmp) / "restored.duckdb"
        counts = restore(directory, staging)
        source = open_database(staging)
        try:
            target = open_database(url)
            try:
                copy_store(source, target)
            finally:
                target.close()
        finally:
            source.close()
    return counts
