"""Several app servers, one truth: `pantau serve` starts two app processes on one
PostgreSQL database behind nginx. The sekko's browser is served by one process, the
lurah's phone by the other; the lurah's sweep shows on the sekko's open map by itself.
Needs nginx and PostgreSQL from Debian (installed by .ci/run)."""

from __future__ import annotations

import re
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from pantau.admin import serve
from pantau.admin.pgcluster import free_port
from pantau.store import open_database
from tests.browser.conftest import ARTIFACTS, open_as
from tests.browser.test_sweep_browser import DISORDERLY, TIDY, _site_colour, wait_for_colour

PLUIT = "31.72.01.1005"


class Scaled:
    def __init__(self, serving: serve.Serving, site_id: int) -> None:
        self.serving, self.site_id = serving, site_id
        self.url = serving.url


@pytest.fixture(scope="module")
def scaled(pg_cluster: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scaled]:
    if serve.nginx_binary() is None:
        import os

        if os.environ.get("CI"):
            pytest.fail("nginx is not installed (.ci/run installs nginx-light)")
        pytest.skip("nginx is not installed (apt-get install nginx-light)")
    url = pg_cluster.copy_of("tpl_sample")
    db = open_database(url)
    row = next(r for r in db.read().records.rows("sites") if r["kelurahan_kode"] == PLUIT)
    db.read().records.update("sites", row["id"], {"status": "tertata", "last_sweep_at": None})
    db.close()
    state = tmp_path_factory.mktemp("serve")
    state.chmod(0o755)  # nginx's workers read nothing here, but its master must
    ports = [free_port(), free_port()]
    serving = serve.start(
        url, 2, "127.0.0.1", free_port(), ports, state, env={"PANTAU_TILES": "none"}
    )
    try:
        yield Scaled(serving, int(row["id"]))
    finally:
        serving.stop()


def _upstream_of(scaled: Scaled, route: str) -> str:
    """The app process nginx sends a browser with this route cookie to."""
    request = urllib.request.Request(
        f"{scaled.url}/_stcore/health", headers={"Cookie": f"pw_route={route}"}
    )
    with urllib.request.urlopen(request, timeout=10) as r:
        assert r.status == 200
    time.sleep(0.05)  # the access log line is written after the response
    log = (scaled.serving.state / "access.log").read_text()
    found = re.findall(rf"upstream=(\S+) route={re.escape(route)} ", log)
    assert found, log[-500:]
    return str(found[-1])


def test_each_browser_stays_on_one_app_process_and_both_are_used(scaled: Scaled) -> None:
    routes = [f"r{i}" for i in range(12)]
    first = {r: _upstream_of(scaled, r) for r in routes}
    again = {r: _upstream_of(scaled, r) for r in routes}
    assert first == again  # sticky: a route always lands on the same process
    used = {u.rsplit(":", 1)[-1] for u in first.values()}
    assert used == {str(p) for p in scaled.serving.app_ports}  # and both serve


def _on(browser: Any, scaled: Scaled, port: int, **options: Any) -> Any:
    """A browser context whose route cookie leads to the app process on `port`."""
    route = next(
        r for r in (f"p{i}" for i in range(100)) if _upstream_of(scaled, r).endswith(f":{port}")
    )
    context = browser.new_context(**options)
    host = scaled.url.split("//", 1)[1].split(":")[0]
    context.add_cookies([{"name": "pw_route", "value": route, "domain": host, "path": "/"}])
    return context.new_page()


def test_a_sweep_saved_through_one_process_shows_on_a_map_served_by_the_other(
    scaled: Scaled, browser: Any
) -> None:
    one, two = scaled.serving.app_ports
    sekko = _on(browser, scaled, one, viewport={"width": 1440, "height": 900})
    phone = _on(
        browser, scaled, two, viewport={"width": 390, "height": 844}, has_touch=True,
        is_mobile=True,
    )  # fmt: skip
    try:
        open_as(sekko, f"{scaled.url}/?kel={PLUIT}", "sekko")
        assert _site_colour(sekko, scaled.site_id) == TIDY
        expect(sekko.get_by_text("Diperbarui")).to_be_visible(timeout=30_000)

        open_as(phone, f"{scaled.url}/sisir", "lurah.pluit")
        form = phone.locator('[data-testid="stForm"]').first
        form.get_by_text("Semrawut", exact=True).tap()
        form.get_by_label("Catatan (wajib bila semrawut)").fill("PKL kembali ke trotoar")
        form.get_by_role("button", name="Simpan penyisiran").tap()
        expect(phone.get_by_text("Penyisiran tersimpan.").first).to_be_visible(timeout=30_000)
        seen, took = wait_for_colour(sekko, scaled.site_id, DISORDERLY)
        print(f"change shown through the other process after {took:.1f} s")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        sekko.screenshot(path=str(ARTIFACTS / "serve_map_after_sweep.png"))
        assert seen == DISORDERLY, f"still {seen} after {took:.1f} s"
        assert took < 12, took
    finally:
        sekko.context.close()
        phone.context.close()
    # each was served by its own process all along, its WebSocket through nginx (a
    # WebSocket's line is written when it closes)
    pattern = re.compile(r'"GET /_stcore/stream[^"]*" 101 \d+ upstream=(\S+)')
    streams: set[str] = set()
    for _ in range(50):
        log = (scaled.serving.state / "access.log").read_text()
        streams = {s.rsplit(":", 1)[-1] for s in pattern.findall(log)}
        if len(streams) == 2:
            break
        time.sleep(0.1)
    assert streams == {str(one), str(two)}, streams


def test_the_deploy_site_file_is_what_serve_runs() -> None:
    """deploy/nginx/pantau.conf is the configuration `pantau serve` writes, for the
    ports its README example uses: the two cannot drift apart."""
    shipped = (Path(serve.ROOT) / "deploy" / "nginx" / "pantau.conf").read_text()
    expected = serve.nginx_site("80", [8601, 8602, 8603, 8604], "/var/log/nginx/pantau.access.log")
    assert shipped == expected
