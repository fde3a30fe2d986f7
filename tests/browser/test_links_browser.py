"""Addresses typed into names, notes and directives stay text in the app (issue 13):
GitHub-flavoured Markdown links a bare address even when its characters are escaped."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from bench.appserver import running_app
from pantau.access.auth import authenticate
from pantau.sites.rules import edit_site
from pantau.store import open_database, tables
from tests.browser.conftest import PageWatch, Server, open_as

NOW = datetime(2026, 11, 24, 2, 0)
TYPED = "Pasar www.contoh-jahat.example http://contoh-jahat.example/x a@contoh-jahat.example"


@pytest.fixture(scope="module")
def linked(
    sample_file: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Server, int]]:
    db_path = tmp_path_factory.mktemp("links") / "pantau.duckdb"
    db_path.write_bytes(sample_file.read_bytes())
    db = open_database(db_path)
    try:
        actor = authenticate(db, "lurah.pluit", "demo-lurah", NOW)
        site = next(
            s for s in tables.rows(db.cursor(), "sites") if s["kelurahan_kode"] == "31.72.01.1005"
        )
        edit_site(db, actor, site["id"], site["version"], {"name": TYPED}, NOW, note=TYPED)
        site_id = int(site["id"])
    finally:
        db.close()
    log = tmp_path_factory.mktemp("linkslog") / "streamlit.log"
    with running_app(db_path, log) as url:
        yield Server(url, db_path, sample_file), site_id


def test_typed_addresses_are_not_links(linked: tuple[Server, int], page: PageWatch) -> None:
    server, site_id = linked
    pg = page.page
    open_as(pg, f"{server.url}/lokasi?id={site_id}", "sekko")
    pg.get_by_text("contoh-jahat", exact=False).first.wait_for(timeout=30_000)
    # A heading's own "#…" anchor (Streamlit's link to the heading) is not a link away.
    assert pg.locator('a[href*="contoh-jahat"]:not([href^="#"])').count() == 0
    assert "www.contoh-jahat.example" in pg.inner_text("body").replace("\u2060", "")
