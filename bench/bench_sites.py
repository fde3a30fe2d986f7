"""Site-work figures: importing a large site file, the flagged list, "Tugas saya",
and one versioned status change. Prints a table; not a timed test.

    uv run python bench/bench_sites.py [--sites 5000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pantau.access.auth import authenticate  # noqa: E402
from pantau.access.permissions import SYSTEM  # noqa: E402
from pantau.admin.bootstrap import initialise  # noqa: E402
from pantau.city.areas import kelurahan_list  # noqa: E402
from pantau.dashboard.queue import my_queue  # noqa: E402
from pantau.kernel.clock import now_utc  # noqa: E402
from pantau.sites.actions import change_status  # noqa: E402
from pantau.sites.importer import import_sites  # noqa: E402
from pantau.sites.listing import SiteQuery, site_rows, to_xlsx  # noqa: E402
from pantau.store import open_database, tables  # noqa: E402


def timed(label: str, fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    print(f"{label:<52} {time.perf_counter() - start:8.3f} s", flush=True)
    return result


def synthetic_sites(n: int, seed: int = 7) -> pd.DataFrame:
    """`n` site rows, each within ~300 m of a kelurahan's inside point."""
    rng = np.random.default_rng(seed)
    centres = [(k.inside_lon, k.inside_lat) for k in kelurahan_list()]
    picks = rng.integers(0, len(centres), n)
    lon = np.array([centres[i][0] for i in picks]) + rng.uniform(-0.003, 0.003, n)
    lat = np.array([centres[i][1] for i in picks]) + rng.uniform(-0.003, 0.003, n)
    return pd.DataFrame(
        {
            "kode": [f"BENCH-{i:05d}" for i in range(n)],
            "nama": [f"Lokasi uji {i}" for i in range(n)],
            "kategori": rng.choice(["pkl", "parkir_liar", "sampah_liar"], n),
            "bujur": [f"{v:.5f}" for v in lon],
            "lintang": [f"{v:.5f}" for v in lat],
            "tingkat": "kelurahan",
            "unit": "Kelurahan",
            "target": "2026-06-30",
        }
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sites", type=int, default=5000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(Path(tmp) / "bench.duckdb")
        now = now_utc()
        timed("sample database", initialise, db, now, sample=True)
        frame = synthetic_sites(args.sites)
        report = timed(f"import {args.sites} sites (validate, join, write)", import_sites,
                       db, SYSTEM, frame, now)  # fmt: skip
        print(f"  -> {report.added} added, {len(report.problems)} problems")
        rows = timed("site list, all sites flagged", site_rows, db, SiteQuery(), now)
        print(f"  -> {len(rows)} rows, {int(rows['overdue'].sum())} overdue")
        timed("site list, text search", site_rows, db, SiteQuery(text="uji 12"), now)
        timed("XLSX export of the whole list", to_xlsx, rows)
        camat = authenticate(db, "camat.penjaringan", "demo-camat", now)
        queue = timed("Tugas saya for a camat", my_queue, db, camat, now)
        print(f"  -> {len(queue)} items")
        site = next(
            r for r in tables.rows(db.cursor(), "sites") if r["status"] == "belum_ditangani"
        )
        timed("one versioned status change with events", change_status, db, SYSTEM,
              site["id"], site["version"], "dalam_penataan", "bench", now)  # fmt: skip
        db.close()


if __name__ == "__main__":
    main()
