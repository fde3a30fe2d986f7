"""`pantau`: the administrator's command line.

Exit codes: 0 done, 1 bad input or a refused operation (the message says what
to fix), 2 wrong usage. Writes need the database file to themselves: while the
app is running it holds the file, and commands say so.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from pantau import backup as backups
from pantau import boundaries, integrity
from pantau.bootstrap import initialise
from pantau.config import load_settings
from pantau.db import Database, open_database
from pantau.db.connection import now_utc
from pantau.errors import PantauError
from pantau.locations import current_boundaries, import_boundaries


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="pantau", description="Pantau Wilayah — perintah untuk administrator."
    )
    p.add_argument("--db", help="berkas DuckDB (bawaan: PANTAU_DB atau data/pantau.duckdb)")
    sub = p.add_subparsers(dest="command", required=True)

    init = sub.add_parser("init", help="buat/migrasikan basis data")
    init.add_argument("--sample", action="store_true", help="isi dengan data contoh")

    b = sub.add_parser("boundaries", help="batas wilayah kelurahan")
    bsub = b.add_subparsers(dest="action", required=True)
    bi = bsub.add_parser("import", help="impor batas resmi (GeoJSON, GeoPackage, Shapefile .zip)")
    bi.add_argument("file", type=Path)
    be = bsub.add_parser("export", help="ekspor batas yang berlaku sebagai GeoJSON")
    be.add_argument("file", type=Path)

    sub.add_parser("check", help="periksa keutuhan data")
    bk = sub.add_parser("backup", help="buat cadangan ke folder")
    bk.add_argument("dir", type=Path)
    rs = sub.add_parser("restore", help="pulihkan dari folder cadangan")
    rs.add_argument("dir", type=Path)
    return p


def _open(args: argparse.Namespace) -> Database:
    settings = load_settings()
    return open_database(Path(args.db) if args.db else settings.db_path)


def _progress(fraction: float, message: str) -> None:
    print(f"  [{fraction * 100:3.0f}%] {message}", file=sys.stderr)


def run(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    settings = load_settings()
    now = now_utc()
    if args.command == "restore":
        target = Path(args.db) if args.db else settings.db_path
        counts = backups.restore(args.dir, target)
        print(f"Dipulihkan ke {target}: " + ", ".join(f"{t} {n}" for t, n in counts.items()))
        return 0
    db = _open(args)
    try:
        if args.command == "init":
            result = initialise(db, now, sample=args.sample, tolerance_m=settings.gap_tolerance_m)
            print(f"Basis data siap: {db.path}")
            if result.sample:
                s = result.sample
                print(
                    f"Data contoh: {s.sites} lokasi penataan, {s.reports} laporan genangan "
                    f"di {s.pockets} titik, {s.groups} kelompok, {s.tasks} tugas, "
                    f"{s.users} akun demo."
                )
            return 0
        if args.command == "boundaries" and args.action == "import":
            initialise(db, now, sample=False)
            res = import_boundaries(db, args.file, now, None, settings.gap_tolerance_m, _progress)
            print(res.report)
            placed = ", ".join(f"{k} {v}" for k, v in sorted(res.rejoin.by_placement.items()))
            print(
                f"Titik digabung ulang: {res.rejoin.checked} ({placed}); "
                f"{res.rejoin.moved} berubah kelurahan/penempatan."
            )
            return 0
        if args.command == "boundaries" and args.action == "export":
            gdf = current_boundaries(db)
            args.file.write_text(boundaries.boundaries_to_geojson(gdf), encoding="utf-8")
            print(f"{len(gdf)} kelurahan ditulis ke {args.file}")
            return 0
        if args.command == "check":
            report = integrity.check(db)
            print(report.text())
            return 0 if report.ok else 1
        if args.command == "backup":
            counts = backups.backup(db, args.dir, now)
            print(f"Cadangan ditulis ke {args.dir}: {sum(counts.values())} baris.")
            return 0
    finally:
        db.close()
    return 2


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return run(argv)
    except PantauError as exc:
        print(f"Galat: {exc}", file=sys.stderr)
        for field, message in getattr(exc, "fields", {}).items():
            print(f"  - {field}: {message}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
