"""Foundation figures: first start, spatial join, re-join after a boundary import,
integrity check. Prints a table; not a timed test.

    uv run python bench/bench_foundation.py [--sizes 1000,10000,100000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.enlarge import enlarge_reports  # noqa: E402
from pantau.admin.bootstrap import initialise  # noqa: E402
from pantau.admin.integrity import check  # noqa: E402
from pantau.geo import spatial
from pantau.geo.boundaries import load_default_boundaries  # noqa: E402
from pantau.geo.locations import import_boundaries  # noqa: E402
from pantau.kernel.clock import now_utc  # noqa: E402
from pantau.store import open_database  # noqa: E402

REAL = ROOT.parent / "shared" / "boundaries" / "kelurahan_jakarta_utara.geojson"


def timed(label: str, fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    print(f"{label:<58} {time.perf_counter() - start:8.3f} s", flush=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000,100000")
    sizes = [int(s) for s in parser.parse_args().sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.duckdb"
        db = open_database(path)
        timed(
            "first start: init + sample data (bcrypt cost 12)",
            initialise,
            db,
            now_utc(),
            sample=True,
        )
        boundaries = load_default_boundaries()
        rng = np.random.default_rng(1)
        for n in sizes:
            lon = rng.uniform(106.70, 106.98, n)
            lat = rng.uniform(-6.18, -6.08, n)
            timed(f"join_points, {n:>7} random points", spatial.join_points, boundaries, lon, lat)
        for n in sizes:
            enlarge_reports(db, n)
            if REAL.is_file():
                timed(
                    f"boundary import + re-join, {n:>7} reports",
                    import_boundaries,
                    db,
                    REAL,
                    now_utc(),
                )
            timed(f"pantau check, {n:>7} reports", check, db)
        db.close()


if __name__ == "__main__":
    main()
