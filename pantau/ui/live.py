"""Screens that stay current without a touch.

One thread per server process and database watches the data version (every write
bumps it) and publishes it as a tiny static file, `static/live/<db>.json`. A page that
wants to stay current (the map, the lists, the meeting) carries a script that fetches
that file every few seconds and, once the version differs from the one the page was
drawn from, clicks the page's hidden refresh button: an ordinary rerun of the page.

Nothing runs on the server per session while nobody saves (a fragment with
`run_every` would run Python for every open screen every few seconds, and a click
arriving during such a run could be lost). The page says when it was drawn.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import os
import threading
from pathlib import Path

import streamlit as st

from pantau.admin.bootstrap import data_version
from pantau.admin.config import is_server_url
from pantau.city.timefmt import format_clock
from pantau.kernel.clock import now_utc
from pantau.map.assets import STATIC_DIR
from pantau.store.ports import Store
from pantau.ui.context import database, lang, settings, tr

# How often an open screen looks (a change shows within ~this + a run): PANTAU_LIVE_SECONDS.
# Every open screen reruns once per look while saves arrive: on a rain night with many
# screens open this is most of the servers' work (README, "Sizing the province").
PUBLISH_SECONDS = 1.0  # how often the server reads the data version
LIVE_DIR = STATIC_DIR / "live"
URL_PREFIX = "/app/static/live"
REFRESH_KEY = "pw_live_refresh"

_SCRIPT = """
<script>
(function() {
  const doc = window.parent.document || document, win = doc.defaultView || window;
  if (win.__pwLive) clearInterval(win.__pwLive);
  const shown = %(shown)d, url = %(url)s;
  win.__pwLive = setInterval(function() {
    const button = doc.querySelector('.st-key-%(key)s button');
    if (!button) { clearInterval(win.__pwLive); win.__pwLive = null; return; }
    fetch(url + '?t=' + Date.now(), {cache: 'no-store'})
      .then(function(r) { return r.ok ? r.json() : null; })
      .then(function(d) {
        if (!d || d.version === shown || !win.__pwLive) return;
        clearInterval(win.__pwLive); win.__pwLive = null;
        button.click();
      })
      .catch(function() {});
  }, %(every)d);
})();
</script>
"""


def _name(db_path: str) -> str:
    key = db_path if is_server_url(db_path) else str(Path(db_path).resolve())
    return hashlib.sha1(key.encode()).hexdigest()[:16] + ".json"


def _present(db_path: str) -> bool:
    """The database is still there (a test's file may be deleted; a server stays)."""
    return is_server_url(db_path) or Path(db_path).exists()


def _write(target: Path, version: int) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps({"version": version}), encoding="utf-8")
    os.replace(tmp, target)  # readers see the old file or the new, never half of one


_STOP = threading.Event()
_THREADS: list[threading.Thread] = []


@atexit.register
def _stop_publishers() -> None:
    """End the publishers before the interpreter goes: a thread cut off inside the
    database at exit aborts the process."""
    _STOP.set()
    for thread in _THREADS:
        thread.join(timeout=5)


def _publish(db: Store, db_path: str, target: Path) -> None:
    last: int | None = None
    while not _STOP.is_set() and _present(db_path):
        try:
            version = data_version(db)
        except Exception:  # the database was closed (a test's server went away)
            return
        if version != last:
            _write(target, version)
            last = version
        _STOP.wait(PUBLISH_SECONDS)


@st.cache_resource(show_spinner=False)
def _publisher(db_path: str) -> str:
    """Start publishing the data version of `db_path` (once per process); its URL."""
    name = _name(db_path)
    db = database()
    _write(LIVE_DIR / name, data_version(db))
    thread = threading.Thread(
        target=_publish, args=(db, db_path, LIVE_DIR / name), name="pantau-live", daemon=True
    )
    _THREADS.append(thread)
    thread.start()
    return f"{URL_PREFIX}/{name}"


def watch(shown_version: int, busy: bool = False) -> None:
    """Keep this page current: rerun it once the data version differs from
    `shown_version` (the version it was drawn from); say when it was drawn. While
    the user is `busy` (unsaved edits on the page) the page waits for them."""
    url = _publisher(str(settings().db_path))
    with st.container(key="pw-live"):  # the meeting's slides pin it to the bottom bar
        st.caption(
            ":material/autorenew: " + tr("live_updated", at=format_clock(now_utc(), lang())),
            help=tr("live_help"),
        )
    if busy:
        return
    with st.container(key="pw-live-trigger"):  # hidden (ui/page.CSS); clicked by the script
        st.button("⟳", key=REFRESH_KEY)
        script = _SCRIPT % {
            "shown": shown_version,
            "url": json.dumps(url),
            "key": REFRESH_KEY,
            "every": round(settings().live_seconds * 1000),
        }
        st.html(script, unsafe_allow_javascript=True)
