"""Weekly-meeting figures: the brief (page data), the PDF, with the sample data and
with 100 000 reports; and sign-in to the meeting page drawn in Chromium. Prints a
table; not a timed test.

    uv run python bench/bench_meeting.py [--reports 100000] [--no-browser]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.appserver import CHROMIUM, CHROMIUM_ARGS, running_app, sign_in  # noqa: E402
from bench.enlarge import enlarge_reports  # noqa: E402
from pantau.admin.bootstrap import initialise  # noqa: E402
from pantau.city.timefmt import wib_today  # noqa: E402
from pantau.kernel.clock import now_utc  # noqa: E402
from pantau.meeting import brief as brief_files
from pantau.meeting.review import build_brief  # noqa: E402
from pantau.store import open_database  # noqa: E402


def timed(label: str, fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    print(f"{label:<52} {time.perf_counter() - start:8.3f} s", flush=True)
    return result


def figures(db_path: Path, label: str) -> None:
    db = open_database(db_path)
    now = now_utc()
    today = wib_today(now)
    brief = timed(
        f"[{label}] brief (all page numbers)",
        build_brief,
        db,
        today,
        today - timedelta(days=7),
        now,
    )
    timed(f"[{label}] PDF brief", brief_files.pdf, db, brief)
    timed(f"[{label}] XLSX workbook", brief_files.workbook, brief)
    db.close()


def browser(db_path: Path, log: Path) -> None:
    from playwright.sync_api import sync_playwright

    with running_app(db_path, log) as url, sync_playwright() as pw:
        chrome = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for attempt in ("cold", "warm"):
            page = chrome.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(f"{url}/rapat")
            page.get_by_label("Nama pengguna").wait_for(timeout=120_000)
            start = time.perf_counter()
            sign_in(page, "sekko", "demo-sekko")
            page.get_by_text("Angka utama").wait_for(timeout=120_000)
            page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]')
            print(
                f"{'sign-in to meeting page drawn (' + attempt + ')':<52} "
                f"{time.perf_counter() - start:8.3f} s",
                flush=True,
            )
            page.close()
        chrome.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "sample.duckdb"
        db = open_database(sample)
        initialise(db, now_utc(), sample=True)
        db.close()
        figures(sample, "sample")
        if not args.no_browser and CHROMIUM.exists():
            browser(sample, Path(tmp) / "app.log")
        big = Path(tmp) / "big.duckdb"
        shutil.copy(sample, big)
        db = open_database(big)
        enlarge_reports(db, args.reports)
        db.close()
        figures(big, f"{args.reports} reports")


if __name__ == "__main__":
    main()
