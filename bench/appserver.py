"""Start the real app (`streamlit run app.py`) on a free port and drive it with
Debian's Chromium: shared by the browser tests and the benchmarks."""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pantau.admin.serve import app_command

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running_app(db: Path, log: Path, env: dict[str, str] | None = None) -> Iterator[str]:
    """Serve the app on `db` (no map tiles: no internet); yield its URL.

    Raises RuntimeError when it does not answer within 60 s (see `log`).
    """
    with serving(db, log, env) as (url, _process):
        yield url


@contextmanager
def serving(
    db: Path, log: Path, env: dict[str, str] | None = None
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`running_app`, also yielding the server process (to read its CPU time)."""
    port = free_port()
    full_env = {**os.environ, "PANTAU_DB": str(db), "PANTAU_TILES": "none", **(env or {})}
    with log.open("wb") as out:
        process = subprocess.Popen(
            app_command(port),
            cwd=ROOT,
            env=full_env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                        if r.status == 200:
                            break
                except OSError:
                    pass
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"streamlit did not start; see {log}")
                time.sleep(0.25)
            yield url, process
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def sign_in(page: Any, username: str, password: str) -> None:
    """Fill in and submit the login form shown on first visit (Playwright page)."""
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()
    page.get_by_role("button", name="Masuk").wait_for(state="detached", timeout=60_000)


def folium_frame(page: Any) -> Any:
    """The map's frame (st_folium's component) of a Playwright page, once it exists."""
    page.wait_for_selector('iframe[title="streamlit_folium.st_folium"]', timeout=120_000)
    while True:
        frame = next((f for f in page.frames if "st_folium" in f.url), None)
        if frame is not None:
            return frame
        page.wait_for_timeout(20)
