"""Genangan figures at scale: recording one report (pocket assignment included),
the chronic ranking, the report list, importing a file. Prints a table; not a
timed test.

    uv run python bench/bench_reports.py [--reports 100000] [--import-rows 10000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.enlarge import enlarge_reports  # noqa: E402
from pantau.access.permissions import SYSTEM  # noqa: E402
from pantau.admin.bootstrap import initialise  # noqa: E402
from pantau.city.areas import kelurahan_list  # noqa: E402
from pantau.files.importing import read_table  # noqa: E402
from pantau.floods.importer import import_reports, suggest_mapping  # noqa: E402
from pantau.floods.listing import ReportQuery, chronic_ranking, report_rows  # noqa: E402
from pantau.floods.pocket_index import PocketIndex  # noqa: E402
from pantau.floods.reports import create_report  # noqa: E402
from pantau.floods.sla import ServiceLevel  # noqa: E402
from pantau.kernel.clock import now_utc  # noqa: E402
from pantau.store import open_database, tables  # noqa: E402
from pantau.store import reports as report_store  # noqa: E402


def timed(label: str, fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    print(f"{label:<56} {time.perf_counter() - start:8.3f} s", flush=True)
    return result


def import_file(n: int, seed: int = 11) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    centres = [(k.inside_lon, k.inside_lat) for k in kelurahan_list()]
    pick = rng.integers(0, len(centres), n)
    return pd.DataFrame(
        {
            "waktu": [
                f"2025-{1 + i % 12:02d}-{1 + i % 28:02d} {i % 24:02d}:{(7 * i) % 60:02d}"
                for i in range(n)
            ],
            "bujur": [f"{centres[p][0] + rng.uniform(-0.004, 0.004):.6f}" for p in pick],
            "lintang": [f"{centres[p][1] + rng.uniform(-0.004, 0.004):.6f}" for p in pick],
            "kedalaman": rng.integers(10, 150, n).astype(str),
            "penyebab": rng.choice(["rob", "hujan lebat", "saluran tersumbat"], n),
            "sumber": "ppsu",
        }
    )


def clerk_file(n: int, seed: int = 12) -> bytes:
    """A CSV as a kelurahan clerk makes it: semicolons, Tanggal (03/11/2026) and Jam
    (16.30) apart, Indonesian headings, the kelurahan by name; half the rows without
    coordinates (placed at the kelurahan, so each needs its own address)."""
    rng = np.random.default_rng(seed)
    kels = list(kelurahan_list())
    pick = rng.integers(0, len(kels), n)
    months = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus"]
    lines = ["No;Tanggal;Jam;Kelurahan;Alamat;Lintang;Bujur;Tinggi (cm);Penyebab;Sumber;"
             "Pelapor;No. HP;Keterangan"]  # fmt: skip
    for i in range(n):
        k = kels[pick[i]]
        day = (f"{1 + i % 28:02d}/{1 + i % 8:02d}/2026" if i % 3
               else f"{1 + i % 28} {months[i % 8]} 2026")  # fmt: skip
        hour = f"{i % 24:02d}.{(7 * i) % 60:02d}"
        point = ("", "") if i % 2 else (
            f"{k.inside_lat + rng.uniform(-0.004, 0.004):.6f}",
            f"{k.inside_lon + rng.uniform(-0.004, 0.004):.6f}",
        )  # fmt: skip
        lines.append(
            f"{i + 1};{day};{hour};Kel. {k.nama};Jl. Contoh No. {i};{point[0]};{point[1]};"
            f"{rng.integers(10, 150)};Hujan deras;Warga;Pak {i};0812-{i:04d};-"
        )
    return ("\n".join(lines) + "\n").encode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--import-rows", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(Path(tmp) / "bench.duckdb")
        now = now_utc()
        timed("sample database", initialise, db, now, sample=True)
        timed(f"enlarge to {args.reports} reports", enlarge_reports, db, args.reports)
        print(
            f"  -> {tables.count(db.cursor(), 'reports')} reports, "
            f"{tables.count(db.cursor(), 'pockets')} pockets"
        )
        centres = timed("load pocket centres", report_store.pocket_centres, db.cursor())
        index = timed("build pocket index", PocketIndex, 50.0, centres)
        timed(
            "10 000 lookups in the index",
            lambda: [index.nearest(106.8, -6.12) for _ in range(10_000)],
        )
        values = {
            "depth_cm": 40,
            "cause": "rob",
            "source": "ppsu",
            "observed_at": now - timedelta(hours=1),
        }
        timed(
            "record one report (join + pocket + events)",
            create_report,
            db,
            SYSTEM,
            now,
            values,
            lon=106.8012,
            lat=-6.1230,
        )
        ranking = timed("chronic ranking, city, 12 months", chronic_ranking, db, now)
        print(f"  -> {len(ranking)} pockets, {int(ranking['chronic'].sum())} chronic")
        timed("chronic ranking, one kelurahan", chronic_ranking, db, now, None, "31.72.01.1005")
        q = ReportQuery(since=now - timedelta(days=30))
        rows = timed(
            "report list, last 30 days, SLA flags", report_rows, db, SYSTEM, q, now, ServiceLevel()
        )
        print(f"  -> {len(rows)} rows")
        frame = import_file(args.import_rows)
        result = timed(
            f"import {args.import_rows} rows (check, join, pockets, write)",
            import_reports,
            db,
            SYSTEM,
            frame,
            suggest_mapping(list(frame.columns)),
            now,
        )
        print(f"  -> {result.added} added, {len(result.problems)} problems")
        if result.problems:  # random rows may share a spot and an hour: drop those, retry
            keep = frame.drop(index=sorted({r - 2 for r, _, _ in result.problems}))
            keep = keep.reset_index(drop=True)
            result = timed(
                f"import {len(keep)} rows (the duplicates removed)",
                import_reports,
                db,
                SYSTEM,
                keep,
                suggest_mapping(list(keep.columns)),
                now,
            )
            print(
                f"  -> {result.added} added, {result.new_pockets} new pockets, "
                f"{len(result.problems)} problems"
            )
        timed("chronic ranking after the import", chronic_ranking, db, now)
        content = clerk_file(args.import_rows)
        clerk = timed(f"read a clerk's CSV of {args.import_rows} rows", read_table, "k.csv",
                      content)  # fmt: skip
        mapping = suggest_mapping(list(clerk.columns))
        for attempt in ("", " (the duplicates removed)"):
            result = timed(
                f"import it: Tanggal + Jam, names, half without points{attempt}",
                import_reports, db, SYSTEM, clerk, mapping, now,
            )  # fmt: skip
            print(f"  -> {result.added} added, {len(result.problems)} problems")
            if not result.problems:
                break
            drop = sorted({r - 2 for r, _, _ in result.problems})
            clerk = clerk.drop(index=drop).reset_index(drop=True)
        db.close()


if __name__ == "__main__":
    main()
