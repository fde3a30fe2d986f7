"""Any kota of DKI Jakarta, Kepulauan Seribu and the whole province (issue 14 #3, #4):
a fresh database with sample data for each starts, `pantau check` is clean, every page
opens without an exception, the map opens on that wilayah, and the meeting brief (PDF)
names its kecamatan."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from pantau.admin.bootstrap import initialise
from pantau.admin.integrity import check
from pantau.city import areas
from pantau.city.seam import city, use
from pantau.meeting.brief import pdf
from pantau.meeting.review import build_brief
from pantau.sample.community import demo_accounts
from pantau.store import open_database, tables
from pantau.ui.mapbuilder import city_bounds, zoom_for
from tests.app.conftest import login
from tests.conftest import NOW, ROOT

WILAYAH = ["31.01", "31.71", "31.73", "31.74", "31.75", "31"]  # 31.72: every other test
PAGES = sorted(p.name for p in (ROOT / "pages").glob("*.py"))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """One sample database per wilayah, built once for this module."""
    paths: dict[str, Path] = {}
    for code in WILAYAH:
        path = tmp_path_factory.mktemp("wilayah") / f"{code}.duckdb"
        db = open_database(path)
        initialise(db, NOW, sample=True, password_rounds=4, wilayah=code)
        db.close()
        paths[code] = path
    yield paths
    use("31.72")


@pytest.mark.parametrize("code", WILAYAH)
def test_sample_database_is_sound_and_in_the_wilayah(built: dict[str, Path], code: str) -> None:
    db = open_database(built[code])
    try:
        initialise(db, NOW, sample=True)  # reopening keeps the stored wilayah
        here = city(code)
        assert areas.kota_kode() == code and len(areas.kelurahan_list()) == len(here.kelurahan)
        report = check(db)
        assert report.ok, report.text()
        sites = tables.rows(db.cursor(), "sites")
        assert sites and all(here.contains_kode(s["kelurahan_kode"]) for s in sites)
        users = {u["username"]: u for u in tables.rows(db.cursor(), "users")}
        camat, lurah = demo_accounts()[2], demo_accounts()[3]
        assert users[camat[0]]["kecamatan_kode"] in here.kecamatan_kode_set
        assert users[lurah[0]]["kelurahan_kode"] in here.kelurahan_kode_set
        # The map opens on the wilayah: its box, at a zoom that shows all of it.
        (south, west), (north, east) = city_bounds()
        x0, y0, x1, y1 = here.bbox
        assert (west, south, east, north) == (x0, y0, x1, y1)
        assert zoom_for(city_bounds()) <= here.zoom + 1
        # The meeting brief names the wilayah's own kecamatan.
        brief = build_brief(db, date(2026, 11, 24), date(2026, 11, 17), NOW)
        text = " ".join(
            " ".join(page.extract_text().split())
            for page in PdfReader(io.BytesIO(pdf(db, brief))).pages
        )
        assert here.nama_resmi in text
        named = [k.nama for k in here.kecamatan if k.nama in text]
        assert len(named) >= min(3, len(here.kecamatan)), named
    finally:
        db.close()


@pytest.mark.parametrize("code", WILAYAH)
def test_every_page_opens_for_the_wilayah(
    built: dict[str, Path], code: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from streamlit.testing.v1 import AppTest

    copy = tmp_path / "app.duckdb"
    copy.write_bytes(built[code].read_bytes())
    monkeypatch.setenv("PANTAU_DB", str(copy))
    monkeypatch.setenv("PANTAU_TILES", "none")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.run()
    login(at, "admin")
    assert not at.exception, at.exception
    here = city(code)
    for page in PAGES:
        at.switch_page(f"pages/{page}").run()
        assert not at.exception, (page, at.exception)
    at.switch_page("pages/peta.py").run()
    kota_filter = [s for s in at.selectbox if s.label == "Kota / kabupaten"]
    assert bool(kota_filter) == (here.level == "provinsi")
    if kota_filter:  # choosing a kota narrows the kecamatan to its own
        kota_filter[0].select("31.71").run()
        assert not at.exception, at.exception
        kec = next(s for s in at.selectbox if s.label == "Kecamatan")
        assert [o for o in kec.options if o != "Semua"] == [
            k.nama for k in here.kecamatan if k.kode.startswith("31.71.")
        ]
    if kota_filter:  # the lists filter by kota too
        db = open_database(copy)
        try:
            sites = tables.rows(db.cursor(), "sites")
        finally:
            db.close()
        in_pusat = sum(s["kecamatan_kode"].startswith("31.71.") for s in sites)
        at.switch_page("pages/lokasi.py").run()
        next(s for s in at.selectbox if s.label == "Kota / kabupaten").select("31.71").run()
        assert not at.exception, at.exception
        assert len(at.dataframe[0].value) == in_pusat < len(sites)
        at.switch_page("pages/genangan.py").run()
        next(s for s in at.selectbox if s.label == "Kota / kabupaten").select("31.71").run()
        assert not at.exception, at.exception
        listed = at.dataframe[-1].value
        pusat = {k.nama for k in here.kelurahan if k.kode.startswith("31.71.")}
        assert len(listed) and set(listed["kelurahan"]) <= pusat
    at.switch_page("pages/wilayah.py").run()
    assert at.title[0].value == f"Kelurahan di {here.nama}"
    assert len(at.dataframe[0].value) == len(here.kelurahan)
