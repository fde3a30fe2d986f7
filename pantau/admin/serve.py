"""`pantau serve --replicas N`: N app servers (`streamlit run app.py`) on one machine
behind nginx, all on one PostgreSQL database.

Why several: Streamlit runs one person's page at a time per process for the Python
parts that hold the interpreter; N processes use N cores. What makes them one app:

* one truth: every process reads the same database; caches are keyed by the data
  version read from it (`pantau.admin.bootstrap.data_version`), never by memory;
* sticky sessions: a Streamlit session lives in one process (its WebSocket, its
  uploads and downloads). nginx gives each browser a random route cookie on its first
  request and sends every request carrying it to the same process (`hash … consistent`);
  with a process gone, its browsers move to another one and sign in again;
* WebSocket upgrade configured (`/_stcore/stream`), long read timeout.

The nginx configuration is rendered by `nginx_conf` (the file under deploy/ is the
same text for a fixed set of ports, checked by a test). Across machines, see README
"Scaling out".
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_UPSTREAMS = "    server 127.0.0.1:{port} max_fails=1 fail_timeout=5s;"

NGINX_HTTP = """\
# Pantau Wilayah behind nginx: {replicas} app server(s), sticky sessions by cookie.
map $http_upgrade $pw_connection {{
    default upgrade;
    ''      close;
}}
# A browser's route: the cookie it was given, else a new random one (set below).
map $cookie_pw_route $pw_route {{
    ""      $request_id;
    default $cookie_pw_route;
}}
map $cookie_pw_route $pw_set_route {{
    ""      "pw_route=$request_id; Path=/; HttpOnly; SameSite=Lax";
    default "";
}}
log_format pantau '$remote_addr [$time_local] "$request" $status $body_bytes_sent '
                  'upstream=$upstream_addr route=$pw_route rt=$request_time';

upstream pantau_app {{
    hash $pw_route consistent;
{upstreams}
}}

server {{
    listen {listen};
    client_max_body_size 50m;  # photos and imports (the app caps each kind itself)
    access_log {access_log} pantau;

    location / {{
        proxy_pass http://pantau_app;
        proxy_http_version 1.1;
        proxy_set_header Upgrade $http_upgrade;
        proxy_set_header Connection $pw_connection;
        proxy_set_header Host $host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
        proxy_read_timeout 1d;   # an open screen keeps its WebSocket for hours
        proxy_send_timeout 1d;
        proxy_buffering off;
        add_header Set-Cookie $pw_set_route always;
    }}
}}
"""

NGINX_MAIN = """\
worker_processes auto;
pid {state}/nginx.pid;
error_log {state}/nginx-error.log warn;
daemon off;
events {{ worker_connections 4096; }}
http {{
    client_body_temp_path {state}/tmp/body;
    proxy_temp_path {state}/tmp/proxy;
    fastcgi_temp_path {state}/tmp/fastcgi;
    uwsgi_temp_path {state}/tmp/uwsgi;
    scgi_temp_path {state}/tmp/scgi;
{site}}}
"""


def nginx_site(listen: str, ports: Sequence[int], access_log: str) -> str:
    """The `server` part (what goes under /etc/nginx/sites-available/ on a server)."""
    upstreams = "\n".join(_UPSTREAMS.format(port=p) for p in ports)
    return NGINX_HTTP.format(
        replicas=len(ports), upstreams=upstreams, listen=listen, access_log=access_log
    )


def nginx_conf(listen: str, ports: Sequence[int], state: Path) -> str:
    """A whole nginx configuration for `pantau serve`, state files under `state`."""
    site = nginx_site(listen, ports, str(state / "access.log"))
    indented = "".join(f"    {line}\n" if line else "\n" for line in site.splitlines())
    return NGINX_MAIN.format(state=state, site=indented)


def app_command(port: int, address: str = "127.0.0.1") -> list[str]:
    """The command of one app server (also what bench/appserver.py starts)."""
    return [
        sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
        "--server.address", address, "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if Path(p).is_file()), None
    )


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
            return bool(r.status == 200)
    except OSError:
        return False


@dataclass
class Serving:
    """The processes of one `pantau serve`."""

    url: str
    app_ports: list[int]
    state: Path
    apps: list[subprocess.Popen[bytes]] = field(default_factory=list)
    proxy: subprocess.Popen[bytes] | None = None

    def processes(self) -> list[subprocess.Popen[bytes]]:
        return [*self.apps, *([self.proxy] if self.proxy else [])]

    def stop(self) -> None:
        for p in self.processes():
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 15
        for p in self.processes():
            try:
                p.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                p.kill()


def start(
    db: str,
    replicas: int,
    host: str,
    port: int,
    app_ports: Sequence[int],
    state: Path,
    env: dict[str, str] | None = None,
    timeout: float = 120.0,
) -> Serving:
    """Start `replicas` app servers on `app_ports` and nginx on host:port; return once
    each answers. Raises RuntimeError (with the log's end) when one does not."""
    proxy_bin = nginx_binary()
    if proxy_bin is None:
        raise RuntimeError("nginx not found (Debian: apt-get install nginx-light)")
    (state / "tmp").mkdir(parents=True, exist_ok=True)
    full_env = {**os.environ, "PANTAU_DB": db, **(env or {})}
    serving = Serving(url=f"http://{host}:{port}", app_ports=list(app_ports), state=state)
    try:
        for i, app_port in enumerate(app_ports[:replicas]):
            log = (state / f"app-{i + 1}.log").open("wb")
            serving.apps.append(
                subprocess.Popen(
                    app_command(app_port),
                    cwd=ROOT,
                    env=full_env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            )
        conf = state / "nginx.conf"
        conf.write_text(nginx_conf(f"{host}:{port}", serving.app_ports, state), encoding="utf-8")
        deadline = time.monotonic() + timeout
        for i, app_port in enumerate(serving.app_ports):
            while not _healthy(f"http://127.0.0.1:{app_port}"):
                if serving.apps[i].poll() is not None or time.monotonic() > deadline:
                    tail = (state / f"app-{i + 1}.log").read_text(errors="replace")[-2000:]
                    raise RuntimeError(f"app server {i + 1} did not start:\n{tail}")
                time.sleep(0.2)
        serving.proxy = subprocess.Popen(
            [proxy_bin, "-c", str(conf), "-p", str(state)],
            stdout=(state / "nginx.out").open("wb"), stderr=subprocess.STDOUT,
        )  # fmt: skip
        while not _healthy(serving.url):
            if serving.proxy.poll() is not None or time.monotonic() > deadline:
                tail = (
                    (state / "nginx-error.log").read_text(errors="replace")[-2000:]
                    if (state / "nginx-error.log").is_file()
                    else ""
                )
                raise RuntimeError(f"nginx did not start:\n{tail}")
            time.sleep(0.1)
    except BaseException:
        serving.stop()
        raise
    return serving


def run(db: str, replicas: int, host: str, port: int, first_app_port: int) -> int:
    """`pantau serve`: start, print where, and keep running until Ctrl+C or a process
    ends (then stop the rest and say which one ended)."""
    state = Path(tempfile.mkdtemp(prefix="pantau-serve-"))
    state.chmod(0o755)  # nginx workers (not root) keep upload buffers under it
    ports = [first_app_port + i for i in range(replicas)]
    serving = start(db, replicas, host, port, ports, state)
    print(
        f"Pantau Wilayah berjalan di {serving.url} ({replicas} proses aplikasi: port "
        f"{', '.join(map(str, ports))}; log di {state}). Hentikan dengan Ctrl+C.",
        flush=True,
    )
    stopping = False

    def _stop(_signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    try:
        while not stopping:
            ended = [p for p in serving.processes() if p.poll() is not None]
            if ended:
                which = "nginx" if ended[0] is serving.proxy else "aplikasi"
                print(
                    f"Galat: proses {which} berhenti (kode {ended[0].returncode}); "
                    f"semua dihentikan. Lihat log di {state}.",
                    file=sys.stderr,
                )
                return 1
            time.sleep(0.5)
    finally:
        serving.stop()
    return 0
