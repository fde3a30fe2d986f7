"""A script in any free-text field stays text: on every page, in the map, its popups
and tooltips, the history and the admin page (issue 4)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from bench.appserver import running_app
from pantau.access.accounts import update_user
from pantau.access.auth import authenticate
from pantau.access.permissions import SYSTEM
from pantau.sites.rules import edit_site
from pantau.store import open_database, tables
from tests.browser.conftest import PageWatch, Server, open_as, wait_for_app
from tests.browser.test_map_browser import SITE_MARKERS, map_frame

XSS = "<img src=x onerror=alert(1)>"
NOW = datetime(2026, 11, 24, 2, 0)

# Every free-text column of the schema (codes and controlled vocabularies excluded).
FREE_TEXT = {
    "sites": ("code", "name", "address", "owner_unit"),
    "pockets": ("name",),
    "reports": ("address", "source_ref", "reporter_name", "reporter_phone", "note"),
    "community_groups": ("name", "rw", "rt", "contact_name", "contact_phone"),
    "tasks": ("title", "result_note"),
    "directives": ("text", "answer"),
}


def _poison(path: Path) -> int:
    """Put the payload in every free-text field; return the site edited through the core."""
    db = open_database(path)
    try:
        cur = db.cursor()
        for table, columns in FREE_TEXT.items():
            for row in tables.rows(cur, table)[:3]:
                tables.update(cur, table, row["id"], {c: f"{XSS} {row['id']}" for c in columns})
        kel = cur.execute("SELECT kode FROM kelurahan WHERE kode = '31.72.01.1005'").fetchone()
        assert kel is not None
        cur.execute("UPDATE kelurahan SET nama = ? WHERE kode = ?", [XSS, kel[0]])
        camat = next(u for u in tables.rows(cur, "users") if u["username"] == "camat.penjaringan")
        update_user(db, SYSTEM, NOW, camat["id"], camat["version"], XSS, "camat", "31.72.01")
        actor = authenticate(db, "camat.penjaringan", "demo-camat", NOW)
        site = next(s for s in tables.rows(cur, "sites") if s["kelurahan_kode"] == kel[0])
        edit_site(
            db, actor, site["id"], site["version"], {"name": XSS, "address": XSS}, NOW, note=XSS
        )
        return int(site["id"])
    finally:
        db.close()


@pytest.fixture(scope="module")
def poisoned(
    sample_file: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Server, int]]:
    db = tmp_path_factory.mktemp("xss") / "pantau.duckdb"
    db.write_bytes(sample_file.read_bytes())
    site_id = _poison(db)
    log = tmp_path_factory.mktemp("xsslog") / "streamlit.log"
    with running_app(db, log) as url:
        yield Server(url, db, sample_file), site_id


def _no_injected_images(pg: Page) -> None:
    for frame in pg.frames:
        assert frame.locator('img[src="x"]').count() == 0, frame.url


def test_payload_is_inert_everywhere(poisoned: tuple[Server, int], page: PageWatch) -> None:
    server, site_id = poisoned
    pg = page.page
    dialogs: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_as(pg, f"{server.url}/?pilih=site-{site_id}", "admin")
    # The details panel shows the payload as text, and its history names the editor.
    expect(pg.locator('[data-testid="stHeadingWithActionElements"]', has_text=XSS)).to_be_visible(
        timeout=30_000
    )
    frame = map_frame(pg)
    frame.evaluate("window.map.setZoom(14, {animate: false})")
    # Every tooltip, then the poisoned site's popup and a Pluit pocket's popup.
    frame.evaluate(
        "window.map.eachLayer(function(l) { if (l.getTooltip && l.getTooltip()) l.openTooltip(); })"
    )
    assert frame.locator(".leaflet-tooltip", has_text=XSS).count() >= 1
    opened = frame.evaluate(
        """(id) => { var hit = 0; window.map.eachLayer(function(l) {
             var p = l.feature && l.feature.properties;
             if (p && p.code !== undefined && p.id === id) { l.openPopup(); hit++; } });
           return hit; }""",
        site_id,
    )
    assert opened == 1
    expect(frame.locator(".leaflet-popup-content", has_text=XSS)).to_have_count(1)
    _no_injected_images(pg)
    frame.evaluate(
        """() => { window.map.eachLayer(function(l) {
             var p = l.feature && l.feature.properties;
             if (p && p.floods !== undefined && p.kelurahan.indexOf('&lt;img') >= 0)
               l.openPopup(); }); }"""
    )
    expect(frame.locator(SITE_MARKERS).first).to_be_attached()
    _no_injected_images(pg)
    html = frame.content()
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    for path in ("wilayah", "akun", "admin"):
        pg.goto(f"{server.url}/{path}")
        wait_for_app(pg)
        if pg.get_by_label("Nama pengguna").count():  # a new tab is a new session
            open_as(pg, f"{server.url}/{path}", "admin")
        _no_injected_images(pg)
    pg.wait_for_timeout(300)  # let any onerror handler that slipped through fire
    assert dialogs == []
    assert not [f for f in page.failed if f.split()[0].endswith("/x")], page.failed
