"""Map figures at 1 000, 10 000 and 100 000 genangan reports, side by side with a
naive folium map (one object per point) and folium's FastMarkerCluster: server time
to build Pantau's map, bytes of each map, seconds from opening each map (from disk,
the same way) to its points drawn, and Pantau's map in the app from pressing "Masuk"
(cold and warm). Prints a table; not a timed test.

    uv run python bench/bench_map.py [--sizes 1000,10000,100000] [--no-browser]
        [--naive-max 10000]   # the naive map at 100 000 takes minutes to draw
        [--wilayah 31]        # any kota, or 31: the province (267 kelurahan)
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.appserver import CHROMIUM, CHROMIUM_ARGS, folium_frame, running_app, sign_in  # noqa: E402
from bench.enlarge import enlarge_reports  # noqa: E402
from bench.sidebyside import draw_seconds, fast_cluster_html, local, naive_html  # noqa: E402
from pantau.admin.bootstrap import initialise  # noqa: E402
from pantau.city import areas
from pantau.kernel.clock import now_utc  # noqa: E402
from pantau.map.data import MapData, build_map_data  # noqa: E402
from pantau.map.filters import MapFilters  # noqa: E402
from pantau.store import open_database, tables  # noqa: E402
from pantau.ui.mapbuilder import build_map, map_html  # noqa: E402


def server_side(db_path: Path) -> tuple[float, float, str, MapData]:
    """(data seconds, folium+html seconds, the map's HTML, its data)."""
    db = open_database(db_path)
    data_times, html_times = [], []
    html = ""
    data = None
    for _ in range(3):
        start = time.perf_counter()
        data = build_map_data(db, MapFilters(), now_utc(), "id")
        mid = time.perf_counter()
        html = map_html(build_map(data, "id", "none", "Lokasi belum tertata"))
        data_times.append(mid - start)
        html_times.append(time.perf_counter() - mid)
    db.close()
    assert data is not None
    return statistics.median(data_times), statistics.median(html_times), html, data


def browser_side(db_path: Path, log: Path, kelurahan: int) -> tuple[float, float]:
    """Seconds from navigation to the map drawn: first (cold) and second visit."""
    from playwright.sync_api import sync_playwright

    times = []
    with running_app(db_path, log) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for _ in range(2):
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(url)
            page.on("pageerror", lambda e: print(f"page error: {e}", file=sys.stderr))
            page.get_by_label("Nama pengguna").wait_for(timeout=120_000)
            start = time.perf_counter()  # from pressing "Masuk" to the map drawn
            sign_in(page, "sekko", "demo-sekko")
            frame = folium_frame(page)
            frame.wait_for_function(
                "document.querySelectorAll('.pw-site-marker').length > 0"
                f" && document.querySelectorAll('.pw-boundary').length === {kelurahan}",
                timeout=120_000,
                polling=50,
            )
            times.append(time.perf_counter() - start)
            page.close()
        browser.close()
    return times[0], times[1]


def side_by_side(
    db_path: Path, html: str, data: MapData, naive: bool, folder: Path, use_browser: bool
) -> dict[str, tuple[int, float]]:
    """kind -> (payload bytes, seconds to draw from disk; NaN without a browser)."""
    db = open_database(db_path)
    pages = {"pantau": html, "fast": fast_cluster_html(db, data)}
    if naive:
        pages["naive"] = naive_html(db, data)
    db.close()
    n = sum(int(r[3]) for r in data.reports)
    out = {k: (len(v.encode()), float("nan")) for k, v in pages.items()}
    if not use_browser:
        return out
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM), args=[*CHROMIUM_ARGS, "--allow-file-access-from-files"]
        )
        for kind, page in pages.items():
            runs = [draw_seconds(browser, local(page), kind, n, folder) for _ in range(2)]
            out[kind] = (out[kind][0], statistics.median(runs))
        browser.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--naive-max", type=int, default=10_000)
    parser.add_argument("--wilayah", default="31.72", help="a kota code or name, or 31")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    use_browser = CHROMIUM.exists() and not args.no_browser
    print(
        f"{'reports':>8} {'data s':>7} {'html s':>7} {'points':>7} {'merged':>6} | "
        f"{'MB pantau':>9} {'naive':>7} {'fast':>7} | {'draw s pantau':>13} {'naive':>7} "
        f"{'fast':>6} | {'app cold s':>10} {'warm s':>6} | {'x lighter':>9}",
        flush=True,
    )
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base.duckdb"
        db = open_database(base)
        initialise(db, now_utc(), sample=True, password_rounds=4, wilayah=args.wilayah)
        sites = tables.count(db.cursor(), "sites")
        kelurahan = len(areas.kelurahan_list())
        db.close()
        print(f"wilayah {areas.kota_name()}: {kelurahan} kelurahan, {sites} sites", flush=True)
        for n in sizes:
            path = Path(tmp) / f"bench_{n}.duckdb"
            shutil.copyfile(base, path)
            db = open_database(path)
            enlarge_reports(db, n)
            db.close()
            data_s, html_s, html, data = server_side(path)
            sbs = side_by_side(path, html, data, n <= args.naive_max, Path(tmp), use_browser)
            cold = warm = float("nan")
            if use_browser:
                log = Path(tmp) / f"log_{n}.txt"
                try:
                    cold, warm = browser_side(path, log, kelurahan)
                except Exception as exc:
                    print(f"browser run failed: {exc}", file=sys.stderr)
                    print(log.read_text(errors="replace")[-3000:], file=sys.stderr)
            nan = (float("nan"), float("nan"))
            mb = {k: sbs.get(k, nan)[0] / 1e6 for k in ("pantau", "naive", "fast")}
            draw = {k: sbs.get(k, nan)[1] for k in ("pantau", "naive", "fast")}
            print(
                f"{n:>8} {data_s:7.3f} {html_s:7.3f} {len(data.reports):>7} "
                f"{'yes' if data.reports_aggregated else 'no':>6} | {mb['pantau']:9.3f} "
                f"{mb['naive']:7.2f} {mb['fast']:7.3f} | {draw['pantau']:13.2f} "
                f"{draw['naive']:7.2f} {draw['fast']:6.2f} | {cold:10.2f} {warm:6.2f} | "
                f"{mb['naive'] / mb['pantau']:9.1f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
