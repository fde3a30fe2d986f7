"""Every page of the app at N genangan reports: seconds from pressing "Masuk" on the
page's own address to the page ready, in Chromium, and the server's memory.

"Ready" is Streamlit's `[data-testid="stApp"][data-test-script-state="notRunning"]`
with the page's main content present (a table, a form, the queue); for the map, the
folium frame with its boundaries drawn. Each visit is a new browser context, so it
signs in afresh (a session lives in the tab). Prints a table; not a timed test.

    uv run python bench/bench_pages.py [--sizes 10000,100000] [--repeats 3]
        [--pages /,/genangan,...]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.appserver import CHROMIUM, CHROMIUM_ARGS, folium_frame, running_app, sign_in  # noqa: E402
from bench.enlarge import enlarge_reports  # noqa: E402
from pantau.admin.bootstrap import initialise  # noqa: E402
from pantau.kernel.clock import now_utc  # noqa: E402
from pantau.store import open_database  # noqa: E402

ACCOUNTS = {
    "sekko": "demo-sekko",
    "lurah.pluit": "demo-lurah",
    "admin": "demo-admin",
    "sda": "demo-sda",
}
MAP = "map"  # the home page: wait for the folium frame instead of a selector


@dataclass(frozen=True)
class Visit:
    path: str
    user: str
    ready: str  # CSS selector of the page's main content, or MAP

    @property
    def name(self) -> str:
        return self.path if self.user == "sekko" else f"{self.path} ({self.user})"


VISITS = (
    Visit("/", "sekko", MAP),
    Visit("/wilayah", "sekko", '[data-testid="stDataFrame"]'),
    Visit("/lokasi", "sekko", '[data-testid="stDataFrame"]'),
    Visit("/tugas", "sekko", '[data-testid="stMetric"], [data-testid="stAlert"]'),
    Visit("/tugas", "lurah.pluit", '[data-testid="stMetric"], [data-testid="stAlert"]'),
    # The water office waits on every new report city-wide: the longest queue.
    Visit("/tugas", "sda", '[data-testid="stMetric"], [data-testid="stAlert"]'),
    Visit("/sisir", "sekko", '[data-testid="stCaptionContainer"]'),
    Visit("/genangan", "sekko", '[data-testid="stDataFrame"]'),
    Visit("/genangan", "sda", '[data-testid="stDataFrame"]'),
    Visit("/lapor", "sekko", '[data-testid="stForm"]'),
    Visit("/titik", "sekko", '[data-testid="stDataFrame"]'),
    Visit("/rapat", "sekko", '[data-testid="stDownloadButton"]'),
    Visit("/warga", "sekko", '[role="tablist"]'),
    Visit("/akun", "sekko", '[data-testid="stForm"]'),
    # The sekko (pimpinan) has no administration page: it is measured as the admin.
    Visit("/admin", "admin", '[data-testid="stDataFrame"]'),
)

READY_JS = """
(selector) => {
  const app = document.querySelector('[data-testid="stApp"]');
  return !!app && app.getAttribute('data-test-script-state') === 'notRunning'
    && !!document.querySelector('h1') && !!document.querySelector(selector)
    && !document.querySelector('[data-testid="stSpinner"]');
}
"""
MAP_JS = """
() => !!document.querySelector('.leaflet-container')
  && document.querySelectorAll('.leaflet-overlay-pane path, .leaflet-marker-icon').length > 0
"""


def server_pid() -> int | None:
    """The `streamlit run` process this script started (a child of this process)."""
    me = os.getpid()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == me and b"streamlit" in cmdline:
            return int(entry.name)
    return None


def memory_mb(pid: int | None, field: str = "VmRSS") -> float:
    """A /proc/<pid>/status memory field (VmRSS now, VmHWM the peak) in MB."""
    if pid is None:
        return float("nan")
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def visit(browser: Any, url: str, v: Visit) -> float:
    """Seconds from pressing "Masuk" on `v.path` to the page ready."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.on("pageerror", lambda e: print(f"page error on {v.path}: {e}", file=sys.stderr))
    try:
        page.goto(url + v.path)
        page.get_by_label("Nama pengguna").wait_for(timeout=120_000)
        start = time.perf_counter()
        sign_in(page, v.user, ACCOUNTS[v.user])
        if v.ready == MAP:
            frame = folium_frame(page)
            frame.wait_for_function(MAP_JS, timeout=120_000, polling=50)
            page.wait_for_function(READY_JS, arg="iframe", timeout=120_000, polling=50)
        else:
            page.wait_for_function(READY_JS, arg=v.ready, timeout=120_000, polling=50)
        return time.perf_counter() - start
    finally:
        context.close()


def measure(db_path: Path, log: Path, visits: list[Visit], repeats: int) -> list[tuple[Any, ...]]:
    """(page, median s, max s, server RSS MB after its visits) per visit, then the peak."""
    from playwright.sync_api import sync_playwright

    rows: list[tuple[Any, ...]] = []
    with running_app(db_path, log) as url, sync_playwright() as pw:
        pid = server_pid()
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        visit(browser, url, Visit("/akun", "sekko", '[data-testid="stForm"]'))  # imports
        for v in visits:
            times = []
            for _ in range(repeats):
                try:
                    times.append(visit(browser, url, v))
                except Exception as exc:  # a page that never gets ready: say so, go on
                    print(f"{v.name}: {type(exc).__name__}: {exc}", file=sys.stderr)
                    times.append(float("nan"))
            rows.append((v.name, statistics.median(times), max(times), memory_mb(pid)))
        rows.append(("(peak)", float("nan"), float("nan"), memory_mb(pid, "VmHWM")))
        browser.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--pages", default="", help="comma-separated paths (default: all)")
    parser.add_argument("--wilayah", default="31.72", help="a kota code or name, or 31")
    args = parser.parse_args()
    if not CHROMIUM.exists():
        sys.exit(f"{CHROMIUM} is not installed (apt-get install chromium)")
    wanted = {p for p in args.pages.split(",") if p}
    visits = [v for v in VISITS if not wanted or v.path in wanted]
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base.duckdb"
        db = open_database(base)
        initialise(db, now_utc(), sample=True, password_rounds=4, wilayah=args.wilayah)
        db.close()
        for n in (int(s) for s in args.sizes.split(",")):
            path = Path(tmp) / f"bench_{n}.duckdb"
            shutil.copyfile(base, path)
            db = open_database(path)
            enlarge_reports(db, n)
            db.close()
            log = Path(tmp) / f"log_{n}.txt"
            try:
                rows = measure(path, log, visits, args.repeats)
            except Exception as exc:
                print(f"run failed at {n}: {exc}", file=sys.stderr)
                print(log.read_text(errors="replace")[-3000:], file=sys.stderr)
                continue
            print(f"\n{n} reports, {args.repeats} visits per page (sign-in to page ready)")
            print(f"{'page':<22} {'median s':>9} {'max s':>7} {'server RSS MB':>14}")
            for name, median, worst, rss in rows:
                print(f"{name:<22} {median:9.2f} {worst:7.2f} {rss:14.0f}", flush=True)


if __name__ == "__main__":
    main()
