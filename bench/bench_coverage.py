"""Coverage figures: building the clean DKI kelurahan coverage, and joining 100 000 points
into its 267 kelurahan (geopandas sjoin), beside the same join into the raw shipped
polygons. Prints a table; not a timed test.

    uv run python bench/bench_coverage.py [--points 100000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import geopandas as gpd
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pantau.geo.coverage import (  # noqa: E402
    build,
    build_coverage,
    load_coverage,
    load_source,
)


def median_seconds(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def random_points(kelurahan: gpd.GeoDataFrame, n: int) -> gpd.GeoDataFrame:
    """`n` points, uniform over the bounding box of the five mainland kota (seeded)."""
    mainland = kelurahan[kelurahan["kode_kota"] != "31.01"]
    minx, miny, maxx, maxy = mainland.total_bounds
    rng = np.random.default_rng(100_000)
    xy = rng.uniform((minx, miny), (maxx, maxy), size=(n, 2))
    return gpd.GeoDataFrame(
        {"id": np.arange(n)}, geometry=gpd.points_from_xy(xy[:, 0], xy[:, 1]), crs="EPSG:4326"
    )


def join(points: gpd.GeoDataFrame, polygons: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    return gpd.sjoin(points, polygons[["kode_kemendagri", "geometry"]], predicate="within")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--points", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    source = load_source()
    coverage = load_coverage()
    print(f"{'step':<60} {'seconds':>8}")
    print(
        f"{'load shipped kelurahan.geojson (267 polygons)':<60} "
        f"{median_seconds(load_source, args.repeat):8.3f}"
    )
    print(
        f"{'build coverage (clean, move strays, round, check)':<60} "
        f"{median_seconds(lambda: build_coverage(source), args.repeat):8.3f}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        seconds = median_seconds(
            lambda: build(coverage_path=out / "c.geojson", report_path=out / "r.csv"), args.repeat
        )
    print(
        f"{'python -m pantau.geo.coverage build (load, build, report, write)':<60} {seconds:8.3f}"
    )

    points = random_points(coverage, args.points)
    for label, polygons in (("coverage", coverage), ("raw shipped polygons", source)):
        polygons.sindex  # noqa: B018 — build the index outside the timing, as the app caches it
        seconds = median_seconds(lambda p=polygons: join(points, p), args.repeat)
        joined = join(points, polygons)
        per_point = joined.groupby("id").size()
        print(
            f"{f'sjoin {args.points:,} points into {label}':<60} {seconds:8.3f}"
            f"   in one: {int((per_point == 1).sum()):,}  in two+: {int((per_point > 1).sum()):,}"
            f"  in none: {args.points - len(per_point):,}"
        )


if __name__ == "__main__":
    main()
