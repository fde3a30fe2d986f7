"""The whole province as the wilayah (issue 14 #3): kota is a level of the hierarchy —
the map and lists filter by kota, and the meeting brief has a scoreboard per kota."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from pantau.admin.bootstrap import initialise
from pantau.city.seam import use
from pantau.map.data import build_map_data
from pantau.map.filters import MapFilters, from_query, to_query
from pantau.meeting.brief import workbook
from pantau.meeting.review import build_brief
from pantau.store import Database, open_database
from tests.conftest import NOW

pytestmark = pytest.mark.both_engines

PUSAT, UTARA = "31.71", "31.72"


@pytest.fixture(scope="module")
def province_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("province") / "dki.duckdb"
    db = open_database(path)
    initialise(db, NOW, sample=True, password_rounds=4, wilayah="31")
    db.close()
    use("31.72")
    return path


@pytest.fixture
def province(province_file: Path, tmp_path: Path) -> Iterator[Database]:
    copy = tmp_path / "dki.duckdb"
    copy.write_bytes(province_file.read_bytes())
    db = open_database(copy)
    initialise(db, NOW, sample=True)  # puts the stored wilayah (31) in force
    yield db
    db.close()


def test_kota_filter_round_trips_and_narrows_kecamatan(province: Database) -> None:
    f = from_query({"kota": PUSAT, "kec": "31.71.01"})
    assert (f.kota, f.kecamatan, f.area) == (PUSAT, "31.71.01", "31.71.01")
    assert from_query(to_query(f)) == f
    # A kecamatan of another kota, or a kota code that is not one, is dropped.
    assert from_query({"kota": PUSAT, "kec": "31.72.01"}).kecamatan is None
    assert from_query({"kota": "31.99"}).kota is None


def test_a_kota_filter_shows_only_that_kota(province: Database) -> None:
    everything = build_map_data(province, MapFilters(), NOW, "id")
    pusat = build_map_data(province, MapFilters(kota=PUSAT), NOW, "id")
    codes = [f["properties"]["kode"] for f in pusat.boundaries["features"]]
    assert codes and all(c.startswith(PUSAT + ".") for c in codes)
    assert len(codes) == 44
    sites = province.read().records.rows("sites")
    in_pusat = sum(s["kecamatan_kode"].startswith(PUSAT + ".") for s in sites)
    shown = len(pusat.sites["features"])
    assert 0 < shown == in_pusat < len(everything.sites["features"])


def test_one_kota_database_has_no_kota_filter() -> None:
    use(UTARA)
    assert from_query({"kota": UTARA}).kota is None


def test_meeting_brief_has_a_scoreboard_per_kota(province: Database) -> None:
    brief = build_brief(province, date(2026, 11, 24), date(2026, 11, 17), NOW)
    assert sorted(brief.by_kota["kode"]) == ["31.01", "31.71", "31.72", "31.73", "31.74", "31.75"]
    assert int(brief.by_kota["lokasi"].sum()) == int(brief.scoreboard["lokasi"].sum())
    book = openpyxl.load_workbook(io.BytesIO(workbook(brief)))
    assert "Per kota" in book.sheetnames


def test_a_one_kota_brief_has_no_kota_board(sample_copy: Database) -> None:
    brief = build_brief(sample_copy, date(2026, 11, 24), date(2026, 11, 17), NOW)
    assert brief.by_kota.empty and not brief.scoreboard.empty
    book = openpyxl.load_workbook(io.BytesIO(workbook(brief)))
    assert "Per kota" not in book.sheetnames


def test_a_pimpinan_of_one_kota(province: Database) -> None:
    """A wali kota's office in a province-wide database: the map opens on its kota, it
    directs only its kota's sites, it still reads everything."""
    from pantau.access.accounts import create_user, update_user
    from pantau.access.auth import authenticate
    from pantau.access.permissions import SYSTEM, Area, allowed
    from pantau.kernel.errors import InvalidInput, NotAllowed
    from pantau.map.filters import opening
    from pantau.sites.directives import add_directive

    uid, password = create_user(
        province, SYSTEM, NOW, "walkot.pusat", "Wali Kota Jakarta Pusat", "pimpinan",
        kota_kode=PUSAT, rounds=4,
    )  # fmt: skip
    walkot = authenticate(province, "walkot.pusat", password, NOW)
    assert walkot.kota_kode == PUSAT
    assert opening({}, walkot).kota == PUSAT
    sites = province.read().records.rows("sites")
    own = next(s for s in sites if s["kecamatan_kode"].startswith(PUSAT + "."))
    other = next(s for s in sites if s["kecamatan_kode"].startswith(UTARA + "."))
    assert add_directive(province, walkot, own["id"], "Tertibkan minggu ini", None, NOW,
                         date(2026, 11, 24))  # fmt: skip
    with pytest.raises(NotAllowed, match=r"31\.71"):
        add_directive(province, walkot, other["id"], "Bukan wilayahnya", None, NOW,
                      date(2026, 11, 24))  # fmt: skip
    assert allowed(walkot, "read", Area(other["kecamatan_kode"], other["kelurahan_kode"]))
    # Only a pimpinan, only in a province-wide database, only a known kota.
    with pytest.raises(InvalidInput, match="Hanya pimpinan"):
        create_user(province, SYSTEM, NOW, "camat.x", "X", "camat", "31.71.01",
                    kota_kode=PUSAT, rounds=4)  # fmt: skip
    with pytest.raises(InvalidInput, match="tidak dikenal"):
        update_user(province, SYSTEM, NOW, uid, 2, "W", "pimpinan", kota_kode="31.99")


def test_a_one_kota_database_scopes_no_pimpinan(sample_copy: Database) -> None:
    from pantau.access.accounts import create_user
    from pantau.access.permissions import SYSTEM
    from pantau.kernel.errors import InvalidInput

    with pytest.raises(InvalidInput, match="seluruh provinsi"):
        create_user(sample_copy, SYSTEM, NOW, "walkot.x", "X", "pimpinan",
                    kota_kode=UTARA, rounds=4)  # fmt: skip


def test_cli_scopes_a_pimpinan_by_kota_name(
    province_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from pantau.admin.cli import main

    db = tmp_path / "dki.duckdb"
    db.write_bytes(province_file.read_bytes())
    args = ["--db", str(db), "users", "add", "walkot.barat", "--name", "Wali Kota Jakbar",
            "--role", "pimpinan", "--kota", "Jakarta Barat"]  # fmt: skip
    assert main(args) == 0
    capsys.readouterr()
    assert main(["--db", str(db), "users", "list"]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("walkot.barat"))
    assert "31.73" in line
    bad = ["--db", str(db), "users", "change", "walkot.barat", "--kota", "Jakarta Barta"]
    assert main(bad) == 1
    assert "Jakarta Barat (31.73)" in capsys.readouterr().err


@pytest.mark.parametrize("code", ["31.71", "31.01", "31"])
def test_the_boundary_importer_keeps_its_rules_for_any_wilayah(code: str) -> None:
    """The whole-DKI file imports as the wilayah's own kelurahan, by Kemendagri code or,
    without codes, by name; features of other kota are left out with a note."""
    from pantau.geo.boundaries import DEFAULT_BOUNDARIES, match_boundaries, read_boundary_file

    here = use(code)
    everything = read_boundary_file(DEFAULT_BOUNDARIES)
    result = match_boundaries(everything)
    assert sorted(result.boundaries["kode"]) == sorted(here.kelurahan_kode_set)
    assert set(result.matched_by.values()) == {"kode_kemendagri"}
    if code != "31":
        assert any(f"bukan {here.nama}" in note for note in result.notes)
    mine = everything[everything["kode_kemendagri"].str.startswith(here.kode_prefix)]
    by_name = mine[["nama", "kecamatan", "geometry"]]
    if len({n.lower() for n in by_name["nama"]}) == len(by_name):  # names unique here
        named = match_boundaries(by_name)
        assert sorted(named.boundaries["kode"]) == sorted(here.kelurahan_kode_set)
        assert set(named.matched_by.values()) == {"nama"}
