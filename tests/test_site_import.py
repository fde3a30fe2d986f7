"""Importing sites from CSV/XLSX: every kind of bad row, all or nothing; add and retire."""

from __future__ import annotations

import io
from datetime import datetime

import pandas as pd
import pytest

from pantau.access.auth import authenticate
from pantau.admin import integrity
from pantau.files.importing import read_table
from pantau.kernel.errors import InvalidInput, NotAllowed
from pantau.sites.importer import add_site, import_sites, retire_site
from pantau.sites.listing import SiteQuery, site_rows
from pantau.store import Database

pytestmark = pytest.mark.both_engines

NOW = datetime(2026, 11, 24, 3, 0)
GOOD = {
    "kode": "JU-001", "nama": "PKL Jl. Pluit Raya", "kategori": "pkl", "bujur": "106.7905",
    "lintang": "-6.1180", "alamat": "Jl. Pluit Raya", "tingkat": "kelurahan",
    "unit": "Kelurahan Pluit", "target": "31/03/2027", "interval": "14",
}  # fmt: skip


def _admin(db: Database):  # type: ignore[no-untyped-def]
    return authenticate(db, "admin", "demo-admin", NOW)


def _csv(rows: list[dict[str, str]]) -> pd.DataFrame:
    text = pd.DataFrame(rows).to_csv(index=False, sep=";")
    return read_table("lokasi.csv", text.encode("utf-8-sig"))


def test_good_file_lands_with_kelurahan_and_events(sample_copy: Database) -> None:
    second = {**GOOD, "kode": "JU-002", "bujur": "106.9000", "lintang": "-6.1100"}
    before = sample_copy.read().records.count("sites")
    report = import_sites(sample_copy, _admin(sample_copy), _csv([GOOD, second]), NOW)
    assert report.ok and report.added == 2, report.text()
    assert sample_copy.read().records.count("sites") == before + 2
    rows = site_rows(sample_copy, SiteQuery(text="JU-00"), NOW)
    pluit = rows.set_index("code").loc["JU-001"]
    assert pluit["kelurahan_kode"] == "31.72.01.1005" and pluit["status"] == "belum_ditangani"
    assert str(pluit["target_date"])[:10] == "2027-03-31"
    events = sample_copy.read().events.for_record("site", int(pluit["id"]))
    assert events.iloc[0]["action"] == "create" and events.iloc[0]["note"] == "Impor berkas"
    assert integrity.check(sample_copy).ok  # the log rebuilds the imported rows exactly


@pytest.mark.parametrize(
    ("change", "column"),
    [
        ({"kode": ""}, "kode"),
        ({"kode": "CTH-PNT-01"}, "kode"),  # already used by a sample site
        ({"nama": ""}, "nama"),
        ({"kategori": "pasar"}, "kategori"),
        ({"bujur": "timur"}, "bujur"),
        ({"lintang": "6.12"}, "lintang"),  # north of the equator: a sign error
        ({"tingkat": "provinsi"}, "tingkat"),
        ({"unit": ""}, "unit"),
        ({"target": "besok"}, "target"),
        ({"interval": "0"}, "interval"),
        ({"interval": "2.5"}, "interval"),
        ({"bujur": "106.70", "lintang": "-6.30"}, "lokasi"),  # South Jakarta
    ],
)
def test_one_bad_row_refuses_the_whole_file(
    sample_copy: Database, change: dict[str, str], column: str
) -> None:
    if change.get("kode") == "CTH-PNT-01":
        change = {"kode": str(sample_copy.read().records.read("sites", ["code"])["code"][0])}
    good = {**GOOD, "kode": "JU-010"}
    bad = {**GOOD, "kode": "JU-011", **change}
    before = sample_copy.read().records.count("sites")
    report = import_sites(sample_copy, _admin(sample_copy), _csv([good, bad]), NOW)
    assert not report.ok
    assert (3, column) in [(r, c) for r, c, _ in report.problems], report.text()
    assert all(r == 3 for r, _, _ in report.problems)  # the good row is not blamed
    assert sample_copy.read().records.count("sites") == before
    assert "tidak ada yang disimpan" in report.text()


def test_duplicate_code_within_the_file_and_missing_column(sample_copy: Database) -> None:
    report = import_sites(sample_copy, _admin(sample_copy), _csv([GOOD, GOOD]), NOW)
    assert ("kode" in report.problems[0][1]) and "baris 2" in report.problems[0][2]
    no_unit = [{k: v for k, v in GOOD.items() if k != "unit"}]
    report = import_sites(sample_copy, _admin(sample_copy), _csv(no_unit), NOW)
    assert report.problems == [(1, "owner_unit", "kolom wajib tidak ada di baris judul")]


def test_xlsx_and_unreadable_files(sample_copy: Database) -> None:
    buffer = io.BytesIO()
    pd.DataFrame([GOOD]).to_excel(buffer, index=False)
    frame = read_table("lokasi.xlsx", buffer.getvalue())
    assert import_sites(sample_copy, _admin(sample_copy), frame, NOW).ok
    with pytest.raises(InvalidInput, match="CSV atau XLSX"):
        read_table("lokasi.pdf", b"%PDF")
    with pytest.raises(InvalidInput):
        read_table("lokasi.xlsx", b"bukan excel")


def test_only_admin_imports_adds_and_retires(sample_copy: Database) -> None:
    camat = authenticate(sample_copy, "camat.penjaringan", "demo-camat", NOW)
    with pytest.raises(NotAllowed):
        import_sites(sample_copy, camat, _csv([GOOD]), NOW)
    with pytest.raises(NotAllowed):
        add_site(sample_copy, camat, GOOD, NOW)
    site = sample_copy.read().records.rows("sites")[0]
    with pytest.raises(NotAllowed):
        retire_site(sample_copy, camat, site["id"], site["version"], "salah input", NOW)


def test_add_and_retire_keep_history(sample_copy: Database) -> None:
    admin = _admin(sample_copy)
    assert add_site(sample_copy, admin, GOOD, NOW).added == 1
    site = next(s for s in sample_copy.read().records.rows("sites") if s["code"] == "JU-001")
    with pytest.raises(InvalidInput, match="Alasan"):
        retire_site(sample_copy, admin, site["id"], site["version"], " ", NOW)
    retire_site(sample_copy, admin, site["id"], site["version"], "Dobel dengan CTH-01", NOW)
    assert "JU-001" not in set(site_rows(sample_copy, SiteQuery(), NOW)["code"])
    events = sample_copy.read().events.for_record("site", site["id"])
    assert events.iloc[-1]["action"] == "retire"
