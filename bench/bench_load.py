"""Many people opening the map at once (the weekly meeting): 1, 5, 10 and 20 signed-in
sessions switch to the map together, at N genangan reports. For each level, the
server's CPU seconds per map load (from /proc, the whole Streamlit process) and the
p50/p95 seconds from the click to the map drawn. Every session signs in first and
stands on another page; the map's caches are warm (one visit before), which is the
steady state of a meeting: the same data version, filters and language for all.
Prints a table; not a timed test. Linux only (reads /proc).

    uv run python bench/bench_load.py [--reports 100000] [--sessions 1,5,10,20]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.appserver import CHROMIUM, CHROMIUM_ARGS, serving  # noqa: E402
from bench.enlarge import enlarge_reports  # noqa: E402
from pantau.admin.bootstrap import initialise  # noqa: E402
from pantau.kernel.clock import now_utc  # noqa: E402
from pantau.store import open_database  # noqa: E402

IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
DRAWN = "document.querySelectorAll('.pw-site-marker').length > 0"


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of process `pid` so far (all its threads)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def _map_drawn(page: Any) -> None:
    await page.wait_for_selector('iframe[title="streamlit_folium.st_folium"]', timeout=180_000)
    while True:
        for frame in page.frames:
            if "st_folium" in frame.url:
                try:
                    if await frame.evaluate(DRAWN):
                        return
                except Exception:  # a frame being replaced
                    pass
        await asyncio.sleep(0.05)


async def _ready(browser: Any, url: str) -> Any:
    """A signed-in session standing on the Wilayah page."""
    context = await browser.new_context(viewport={"width": 1440, "height": 900})
    page = await context.new_page()
    await page.goto(url)
    await page.get_by_label("Nama pengguna").fill("sekko")
    await page.get_by_label("Kata sandi").fill("demo-sekko")
    await page.get_by_role("button", name="Masuk").click()
    await _map_drawn(page)
    await page.get_by_test_id("stSidebarNav").get_by_text("Wilayah", exact=True).click()
    await page.wait_for_selector(IDLE, timeout=180_000)
    await page.wait_for_selector('iframe[title="streamlit_folium.st_folium"]', state="detached")
    return page


async def _open_map(page: Any) -> float:
    start = time.perf_counter()
    await page.get_by_test_id("stSidebarNav").get_by_text("Peta", exact=True).click()
    await _map_drawn(page)
    return time.perf_counter() - start


async def level(url: str, pid: int, sessions: int) -> tuple[float, float, float]:
    """(server CPU s per map load, p50 s, p95 s) for `sessions` opening the map at once."""
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        pages = [await _ready(browser, url) for _ in range(sessions)]
        await asyncio.sleep(1)
        before = cpu_seconds(pid)
        times = await asyncio.gather(*(_open_map(p) for p in pages))
        await asyncio.sleep(0.5)  # the last messages leave the server
        used = cpu_seconds(pid) - before
        await browser.close()
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return used / sessions, statistics.median(ordered), p95


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--sessions", default="1,5,10,20")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "load.duckdb"
        db = open_database(path)
        initialise(db, now_utc(), sample=True, password_rounds=4)
        enlarge_reports(db, args.reports)
        db.close()
        shutil.copyfile(path, Path(tmp) / "pristine.duckdb")
        print(f"{args.reports} reports; server CPU per map load and seconds to the map drawn")
        print(f"{'sessions':>8} {'CPU s/load':>10} {'loads/s/CPU':>11} {'p50 s':>6} {'p95 s':>6}")
        with serving(path, Path(tmp) / "server.log") as (url, process):
            asyncio.run(level(url, process.pid, 1))  # warm the caches (not counted)
            for n in [int(s) for s in args.sessions.split(",")]:
                cpu, p50, p95 = asyncio.run(level(url, process.pid, n))
                print(f"{n:>8} {cpu:10.3f} {1 / cpu if cpu else float('inf'):11.1f} "
                      f"{p50:6.2f} {p95:6.2f}", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
