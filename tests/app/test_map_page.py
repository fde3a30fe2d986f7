"""AppTest of the map page's non-map parts (st_folium is an unknown element here)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT


@pytest.fixture
def app_env(sample_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    db = tmp_path / "app.duckdb"
    db.write_bytes(sample_file.read_bytes())
    monkeypatch.setenv("PANTAU_DB", str(db))
    monkeypatch.setenv("PANTAU_TILES", "none")
    return db


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_home_is_the_map_with_headline_numbers(app_env: Path) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Peta penataan dan genangan"
    m = _metrics(at)
    assert m["Lokasi"] == "46"
    parts = [
        int(m[k]) for k in ("Belum ditangani", "Dalam penataan", "Tertata", "Kembali semrawut")
    ]
    assert sum(parts) == 46


def test_filters_come_from_the_url_and_narrow_the_numbers(app_env: Path) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["kec"] = "31.72.05"
    at.query_params["status"] = "tertata"
    at.run()
    assert not at.exception, at.exception
    assert at.selectbox(key="f_kec").value == "31.72.05"
    m = _metrics(at)
    assert int(m["Lokasi"]) == int(m["Tertata"]) < 46
    assert m["Belum ditangani"] == "0"


def test_choosing_a_kecamatan_writes_the_url(app_env: Path) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.selectbox(key="f_kec").set_value("31.72.04").run()
    assert at.query_params["kec"] == "31.72.04"
    assert int(_metrics(at)["Lokasi"]) < 46


def test_selection_from_the_url_shows_details(app_env: Path) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["pilih"] = "site-1"
    at.run()
    assert not at.exception, at.exception
    assert any(r"\(contoh\)" in h.value for h in at.subheader)  # escaped Markdown source


def test_site_text_with_markdown_is_shown_literally(app_env: Path) -> None:
    from pantau.db import open_database, tables

    db = open_database(app_env)
    tables.update(db.cursor(), "sites", 1, {"name": "[klik](http://x) :red[merah]"})
    db.close()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["pilih"] = "site-1"
    at.run()
    assert not at.exception, at.exception
    from pantau.ui.text import plain

    assert plain("[klik](http://x) :red[merah]") in [h.value for h in at.subheader]
