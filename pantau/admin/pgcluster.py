"""A throw-away PostgreSQL cluster in a temporary folder, on a free local port: for the
tests of the PostgreSQL store, the load bench and trying the scale-out on one machine.

Uses the server programs of Debian's `postgresql` package (`initdb`, `pg_ctl` under
/usr/lib/postgresql/<version>/bin). PostgreSQL refuses to run as root: when started by
root, the cluster runs as the `postgres` system user the package creates.
Not for production data: fsync is off.
"""

from __future__ import annotations

import contextlib
import glob
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

_NAME = re.compile(r"^[a-z_][a-z0-9_]*$")


def server_bin() -> Path | None:
    """The folder of the newest PostgreSQL server programs installed, or None."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: (
            int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0
        ),
    )
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Cluster:
    """A running throw-away cluster; `url(name)` is the URL of one of its databases."""

    folder: Path
    port: int
    bin: Path
    run_as: str | None

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://pantau@127.0.0.1:{self.port}/{database}"

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        cmd = list(args)
        if self.run_as:
            cmd = ["runuser", "-u", self.run_as, "--", *cmd]
        return subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=120)

    def _sql(self, statement: str) -> None:
        """One statement through psql (only the store speaks to PostgreSQL in Python)."""
        subprocess.run(
            [
                str(self.bin / "psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1",
                "-p", str(self.port), "-U", "pantau", "-d", "postgres", "-c", statement,
            ],
            check=True, capture_output=True, text=True, timeout=120,
        )  # fmt: skip

    def create_database(self, name: str, template: str | None = None) -> str:
        """Create database `name` (a copy of `template` when given); return its URL."""
        if not _NAME.match(name) or (template and not _NAME.match(template)):
            raise ValueError(f"bad database name {name!r}")
        self._sql(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        return self.url(name)

    def drop_database(self, name: str) -> None:
        if not _NAME.match(name):
            raise ValueError(f"bad database name {name!r}")
        self._sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self._run(
                str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "fast", "stop"
            )
        shutil.rmtree(self.folder, ignore_errors=True)


def start_cluster(max_connections: int = 200) -> Cluster:
    """initdb + pg_ctl start in a new temporary folder. Raises RuntimeError with the
    reason when PostgreSQL's server programs are missing or the server does not start."""
    bindir = server_bin()
    if bindir is None:
        raise RuntimeError("PostgreSQL server programs not found (apt-get install postgresql)")
    run_as = "postgres" if os.geteuid() == 0 else None
    folder = Path(tempfile.mkdtemp(prefix="pantau-pg-"))
    folder.chmod(0o755)
    if run_as:
        shutil.chown(folder, user=run_as, group=None)
    port = free_port()
    cluster = Cluster(folder=folder, port=port, bin=bindir, run_as=run_as)
    data = folder / "data"
    try:
        cluster._run(
            str(bindir / "initdb"),
            "-D",
            str(data),
            "-U",
            "pantau",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        options = (
            f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
            f" -c synchronous_commit=off -c full_page_writes=off"
            f" -c max_connections={max_connections}"
        )
        cluster._run(
            str(bindir / "pg_ctl"),
            "-D",
            str(data),
            "-o",
            options,
            "-l",
            str(folder / "server.log"),
            "-w",
            "-t",
            "60",
            "start",
        )
    except (subprocess.CalledProcessError, OSError) as exc:
        detail = getattr(exc, "stderr", "") or str(exc)
        log = folder / "server.log"
        if log.is_file():
            detail += "\n" + log.read_text(errors="replace")[-2000:]
        shutil.rmtree(folder, ignore_errors=True)
        raise RuntimeError(f"PostgreSQL did not start: {detail.strip()}") from exc
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return cluster
        time.sleep(0.1)
    cluster.stop()
    raise RuntimeError("PostgreSQL started but does not accept connections")
