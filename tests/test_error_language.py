"""The core's refusals, conflicts and field messages read in the user's language:
`exc.message("en")` is English, `str(exc)` and `exc.message("id")` the Indonesian text."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from pantau.access.auth import authenticate
from pantau.floods.reports import clean_fields
from pantau.kernel.errors import Conflict, InvalidInput, NotAllowed, PantauError
from pantau.sites.actions import change_status
from pantau.sites.rules import edit_site
from pantau.store import Database

pytestmark = pytest.mark.both_engines

NOW = datetime(2026, 11, 24, 3, 0)
PLUIT = "31.72.01.1005"


def _site(db: Database, *, inside: bool, status: str | None = None) -> dict:
    for row in db.read().records.rows("sites"):
        if (row["kelurahan_kode"] == PLUIT) == inside and status in (None, row["status"]):
            return row
    raise AssertionError("no such site in the sample")


def test_a_refused_status_change_in_both_languages(sample_copy: Database) -> None:
    lurah = authenticate(sample_copy, "lurah.pluit", "demo-lurah", NOW)
    other = _site(sample_copy, inside=False)
    with pytest.raises(NotAllowed) as err:
        change_status(sample_copy, lurah, other["id"], other["version"], "dalam_penataan",
                      "mulai", NOW)  # fmt: skip
    assert (
        err.value.message("id")
        == str(err.value)
        == (
            "Lurah Pluit (demo) hanya boleh mengubah lokasi penataan di wilayahnya sendiri "
            f"({PLUIT})."
        )
    )
    assert err.value.message("en") == (
        f"Lurah Pluit (demo) may change penataan sites only in their own area ({PLUIT})."
    )


def test_a_role_refusal_in_english(sample_copy: Database) -> None:
    guest = authenticate(sample_copy, "tamu", "demo-tamu", NOW)
    site = _site(sample_copy, inside=True)
    with pytest.raises(NotAllowed) as err:
        edit_site(sample_copy, guest, site["id"], site["version"], {"name": "X"}, NOW)
    assert str(err.value) == "Peran tamu tidak boleh mengubah lokasi penataan."
    assert err.value.message("en") == "The role tamu may not change penataan sites."


def test_a_stale_version_conflict_in_both_languages(sample_copy: Database) -> None:
    camat = authenticate(sample_copy, "camat.penjaringan", "demo-camat", NOW)
    lurah = authenticate(sample_copy, "lurah.pluit", "demo-lurah", NOW)
    site = _site(sample_copy, inside=True)
    edit_site(
        sample_copy, camat, site["id"], site["version"], {"target_date": date(2027, 1, 31)}, NOW
    )
    with pytest.raises(Conflict) as err:
        edit_site(sample_copy, lurah, site["id"], site["version"], {"name": "Nama lurah"}, NOW)
    assert str(err.value) == (
        "Lokasi penataan ini sudah diubah oleh Camat Penjaringan (demo) pada 24 Nov 2026 "
        "10.00 WIB — muat ulang untuk melihat perubahan itu, lalu simpan lagi."
    )
    assert err.value.message("en") == (
        "Penataan site: changed by Camat Penjaringan (demo) at 24 Nov 2026 10.00 WIB — "
        "reload to see that change, then save again."
    )


def test_an_illegal_move_names_the_allowed_states_in_english(sample_copy: Database) -> None:
    lurah = authenticate(sample_copy, "lurah.pluit", "demo-lurah", NOW)
    site = _site(sample_copy, inside=True, status="belum_ditangani")
    with pytest.raises(InvalidInput) as err:
        change_status(sample_copy, lurah, site["id"], site["version"], "tertata", "lompat", NOW)
    assert str(err.value).startswith(
        "Status Belum ditangani tidak dapat langsung menjadi Tertata. Yang boleh berikutnya: "
        "Dalam penataan"
    )
    english = err.value.message("en")
    assert english.startswith(
        "Status Not yet handled cannot change directly to Tidied. Allowed next: Being tidied"
    )
    assert err.value.field_messages("en")["status"].startswith("Choose: Being tidied")
    assert err.value.fields["status"].startswith("Pilih: Dalam penataan")


def test_field_messages_of_a_form_in_both_languages() -> None:
    with pytest.raises(InvalidInput) as err:
        clean_fields({"depth_cm": "0", "source": "warga"}, NOW, max_age=None)
    assert err.value.message("en") == "Check the marked fields."
    assert err.value.fields["cause"] == "Pilih penyebab dari daftar."
    assert err.value.field_messages("en")["cause"] == "Choose a cause from the list."
    assert err.value.field_messages("en")["depth_cm"].startswith("Depth ")


def test_a_sentence_outside_the_catalogue_is_shown_as_it_is() -> None:
    exc = PantauError("Sebuah kalimat {tanpa} kunci.")
    assert exc.message("en") == str(exc) == "Sebuah kalimat {tanpa} kunci."


def test_a_refused_file_in_both_languages() -> None:
    from pantau.files.importing import read_table

    with pytest.raises(InvalidInput) as err:
        read_table("lokasi.csv", b"kode;Kode\n1;2\n")
    assert str(err.value).startswith("Judul kolom terulang: kolom 1 dan 2 (A dan B) berjudul sama")
    assert err.value.message("en").startswith(
        'Repeated column heading: columns 1 and 2 (A and B) have the same heading ("kode" and '
        '"Kode")'
    )
    with pytest.raises(InvalidInput) as err:
        read_table("lokasi.csv", b"%PDF-1.7 ...")
    assert err.value.message("en").startswith("This file is a PDF file, not CSV.")
    assert str(err.value).startswith("Berkas ini berkas PDF, bukan CSV.")


def test_an_import_summary_in_both_languages_with_plurals() -> None:
    from pantau.files.importing import ImportReport
    from pantau.sites.importer import ImportReport as SiteImportReport

    assert SiteImportReport(added=1).text("en") == "1 site added."
    assert SiteImportReport(added=2).text("en") == "2 sites added."
    assert SiteImportReport(added=2).text() == "2 lokasi ditambahkan."
    refused = ImportReport(problems=[(2, "kode", "wajib diisi")])
    assert (
        refused.text("en")
        == "File refused: 1 problem; nothing was saved.\n  row 2, kode: wajib diisi"
    )
    assert (
        refused.text()
        == "Berkas ditolak: 1 masalah; tidak ada yang disimpan.\n  baris 2, kode: wajib diisi"
    )


def test_an_import_rows_problems_read_in_english_and_as_before_in_indonesian() -> None:
    from pantau.community.groups import clean_group
    from pantau.files.importing import ImportReport
    from pantau.kernel.errors import Text

    _, bad = clean_group({"kelurahan_kode": "", "group_type": "x", "name": "", "rw": "100"})
    assert bad["rw"] == "angka 1–99" and isinstance(bad["rw"], Text)
    assert bad["rw"].text("en") == "a number 1–99"
    assert bad["kelurahan_kode"] == "kelurahan Jakarta Utara (kode atau nama)"
    assert bad["kelurahan_kode"].text("en") == "a kelurahan of North Jakarta (code or name)"
    report = ImportReport(problems=[(3, "rw", bad["rw"])])
    assert report.text("en").endswith("  row 3, rw: a number 1–99")
    assert report.text().endswith("  baris 3, rw: angka 1–99")


def test_a_nested_row_problem_reads_whole_in_english() -> None:
    from pantau.kernel.errors import Text

    hit = Text("imp_same_point", what=Text("imp_stored_report", id=5))
    assert hit == "titik dan jam yang sama dengan laporan tersimpan #5"
    assert hit.text("en") == "same point and hour as stored report #5"
