"""One app process's writers, for tests/db/test_postgres.py: `python -m tests.db.pg_writer
URL SITE_ID THREADS TAG` starts THREADS threads that each rename site SITE_ID once,
through the same versioned save the pages use, retrying on a conflict with the version
read again (as a person does after the conflict message), and prints one JSON line:
{"landed": n, "conflicts": n}."""

from __future__ import annotations

import json
import sys
import threading
from datetime import datetime

from pantau.access.permissions import SYSTEM
from pantau.access.records import apply_change
from pantau.kernel.errors import Conflict
from pantau.store import open_database

WHEN = datetime(2026, 11, 24, 3)


def main(url: str, site_id: int, threads: int, tag: str) -> None:
    db = open_database(url, migrate_schema=False)
    start = threading.Barrier(threads)
    counts = {"landed": 0, "conflicts": 0}
    lock = threading.Lock()

    def writer(i: int) -> None:
        start.wait()
        for _ in range(200):
            seen = db.read().records.get("sites", site_id)
            assert seen is not None
            try:
                apply_change(
                    db, SYSTEM, "site", "sites", site_id, int(seen["version"]),
                    {"name": f"{tag}-{i}"}, WHEN, check=lambda _row: None,
                )  # fmt: skip
            except Conflict:
                with lock:
                    counts["conflicts"] += 1
                continue
            with lock:
                counts["landed"] += 1
            return

    pool = [threading.Thread(target=writer, args=(i,)) for i in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    db.close()
    print(json.dumps(counts), flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
