"""Several app processes on one PostgreSQL (`pantau serve`), under load: signed-in
people browsing (map, report list, kelurahan table, in turn, without pause) through
nginx, against 1, 2 and 4 app processes on this machine. Each person is a Streamlit
WebSocket session (`bench/wsclient.py`: the real protocol, the real sign-in form, no
browser drawing), with its own nginx route cookie, so sessions spread over the
processes as browsers do. For each: page loads per second, p50/p95 seconds from the
click to the server's last message, and the CPU seconds each process used.

Needs Debian's postgresql (a throw-away cluster) and nginx-light. Prints a table;
not a timed test.

    uv run python bench/bench_scale.py [--reports 20000] [--processes 1,2,4]
                                       [--people 8,32] [--seconds 20]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_load import cpu_seconds  # noqa: E402
from bench.enlarge import enlarge_reports  # noqa: E402
from bench.wsclient import Session  # noqa: E402
from pantau.admin import serve  # noqa: E402
from pantau.admin.bootstrap import initialise  # noqa: E402
from pantau.admin.pgcluster import free_port, start_cluster  # noqa: E402
from pantau.kernel.clock import now_utc  # noqa: E402
from pantau.store import open_database  # noqa: E402

BROWSING = ("Peta", "Laporan genangan", "Wilayah")


async def _person(url: str, until: float, times: dict[str, list[float]]) -> None:
    s = Session(url)
    await s.connect(cookie=f"pw_route={uuid.uuid4().hex}")
    await s.sign_in("sekko", "demo-sekko")
    while time.perf_counter() < until:
        for page in BROWSING:
            took = await s.run(page=page)
            if time.perf_counter() < until:
                times[page].append(took)
    await s.close()


async def _saving(db_url: str, until: float, per_second: float) -> None:
    """Someone saving `per_second` times a second: each save moves the data version on,
    so every process's caches keyed by it are rebuilt on its next run (a rain night)."""
    db = open_database(db_url, migrate_schema=False)

    def save() -> None:
        with db.write() as s:
            s.meta.bump_data_version()

    try:
        while time.perf_counter() < until:
            await asyncio.to_thread(save)
            await asyncio.sleep(1 / per_second)
    finally:
        db.close()


async def level(
    url: str, people: int, seconds: float, db_url: str = "", saves: float = 0.0
) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {page: [] for page in BROWSING}
    until = time.perf_counter() + seconds
    writers = [_saving(db_url, until, saves)] if saves > 0 else []
    await asyncio.gather(*(_person(url, until, times) for _ in range(people)), *writers)
    return times


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=20_000)
    parser.add_argument("--processes", default="1,2,4")
    parser.add_argument("--people", default="8,32")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument(
        "--saves", default="0", help="saves per second during the load, e.g. 0,1 (a rain night)"
    )
    args = parser.parse_args()
    cluster = start_cluster()
    try:
        url = cluster.create_database("scale")
        db = open_database(url)
        initialise(db, now_utc(), sample=True, password_rounds=4)
        enlarge_reports(db, args.reports)
        db.close()
        print(
            f"PostgreSQL, {args.reports} reports; people browsing map → report list → "
            f"kelurahan table without pause for {args.seconds:.0f} s through nginx; "
            "seconds from the request to the server's last message; server CPU seconds"
        )
        print(
            f"{'processes':>9} {'people':>6} {'saves/s':>7} {'pages/s':>8} "
            f"{'map p50':>8} {'p95':>6} "
            f"{'list p50':>9} {'p95':>6} {'all p95':>8} {'CPU s':>6}  per process"
        )
        for n in [int(x) for x in args.processes.split(",")]:
            with tempfile.TemporaryDirectory(prefix="pantau-scale-") as tmp:
                state = Path(tmp)
                state.chmod(0o755)
                ports = [free_port() for _ in range(n)]
                serving = serve.start(
                    url, n, "127.0.0.1", free_port(), ports, state, env={"PANTAU_TILES": "none"}
                )
                try:
                    for port in ports:  # warm each process's caches, straight to its port
                        asyncio.run(level(f"http://127.0.0.1:{port}", 1, 1.0))
                    for people, saves in [
                        (int(x), float(w))
                        for w in args.saves.split(",")
                        for x in args.people.split(",")
                    ]:
                        cpu0 = [cpu_seconds(p.pid) for p in serving.apps]
                        times = asyncio.run(level(serving.url, people, args.seconds, url, saves))
                        per = [
                            cpu_seconds(p.pid) - c for p, c in zip(serving.apps, cpu0, strict=True)
                        ]
                        every = [t for ts in times.values() for t in ts]
                        maps, lists = times["Peta"], times["Laporan genangan"]
                        shares = " ".join(f"{c:.1f}" for c in per)
                        print(
                            f"{n:>9} {people:>6} {saves:7.1f} {len(every) / args.seconds:8.1f} "
                            f"{statistics.median(maps):8.3f} {_p95(maps):6.3f} "
                            f"{statistics.median(lists):9.3f} {_p95(lists):6.3f} "
                            f"{_p95(every):8.3f} {sum(per):6.1f}  {shares}",
                            flush=True,
                        )
                finally:
                    serving.stop()
    finally:
        cluster.stop()


if __name__ == "__main__":
    main()
