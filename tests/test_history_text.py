"""A record's history reads as people speak: every field by its name, times in WIB to
the minute (no UTC, no microseconds), codes as labels in the user's language, photos
and yes/no values in words."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest

from pantau.access.auth import authenticate
from pantau.dashboard.history import Entry, describe, history_rows, record_history
from pantau.floods.reports import change_report_status, create_report
from pantau.sites.importer import retire_site
from pantau.store import Database
from tests.conftest import NOW

pytestmark = pytest.mark.both_engines
PLUIT = (106.7905, -6.1180)
RAW = re.compile(r"\d{2}:\d{2}:\d{2}|\.\d{6}|_at\b|_kode\b|dilaporkan|diverifikasi|\btrue\b")


def _report_history(db: Database, lang: str) -> list[tuple[str, str, str, str]]:
    lurah = authenticate(db, "lurah.pluit", "demo-lurah", NOW)
    values = {
        "depth_cm": 40,
        "cause": "saluran_tersumbat",
        "source": "warga",
        "observed_at": NOW - timedelta(hours=1),
        "address": "RT 02/RW 05",
    }
    rid, _, _ = create_report(db, lurah, NOW, values, lon=PLUIT[0], lat=PLUIT[1])
    # 1 Dec 2026 01:13:43.235292 UTC = 08:13 WIB
    at = datetime(2026, 12, 1, 1, 13, 43, 235292)
    change_report_status(db, lurah, rid, 1, "diverifikasi", "dicek di lapangan", at)
    return history_rows("report", record_history(db, lurah, "report", rid), lang)


def test_report_history_in_english_has_labels_and_wib_minutes(sample_copy: Database) -> None:
    rows = _report_history(sample_copy, "en")
    changes = [change for _, _, change, _ in rows]
    assert "Status: Reported → Verified" in changes
    assert "Verified at: – → 1 Dec 2026, 08:13 WIB" in changes
    assert rows[0][0] == "1 Dec 2026, 08:13 WIB"  # the newest first, in WIB
    assert "Recorded" in changes
    for row in rows:
        assert not RAW.search(" ".join(row)), row


def test_report_history_in_indonesian(sample_copy: Database) -> None:
    changes = [change for _, _, change, _ in _report_history(sample_copy, "id")]
    assert "Status: Dilaporkan → Diverifikasi" in changes
    assert "Diverifikasi pada: – → 1 Des 2026 08.13 WIB" in changes


def test_photos_yes_no_days_and_areas_in_words(sample_copy: Database) -> None:
    def entry(action: str, field: str | None, old: str | None, new: str | None, note=None):  # type: ignore[no-untyped-def]
        return Entry(NOW, "Lurah", action, field, old, new, note)

    photo = entry("photo", None, None, "ab" * 32, "sesudah")
    assert describe("site", photo, "en") == "Photo added (after)"
    assert describe("site", photo, "id") == "Foto ditambahkan (sesudah)"
    assert history_rows("site", [photo], "en")[0][3] == ""  # the role is not a note
    assert describe("site", entry("status", "retired", "false", "true"), "id") == (
        "Dihapus dari daftar: Tidak → Ya"
    )
    assert describe("site", entry("update", "target_date", None, "2026-12-31"), "en") == (
        "Target date: – → 31 Dec 2026"
    )
    assert describe("site", entry("rejoin", "kelurahan_kode", None, "31.72.01.1005"), "en") == (
        "Kelurahan: – → Pluit"
    )
    assert describe("site", entry("status", "status", "tertata", "kembali_semrawut"), "en") == (
        "Status: Tidied → Disorderly again"
    )
    assert describe("report", entry("handover", "owner_level", "kelurahan", "kota"), "en") == (
        "Owner level: Kelurahan → City"
    )


def test_retiring_a_site_reads_in_words(sample_copy: Database) -> None:
    admin = authenticate(sample_copy, "admin", "demo-admin", NOW)
    site = sample_copy.read().records.rows("sites")[0]
    retire_site(sample_copy, admin, site["id"], site["version"], "dobel", NOW)
    rows = history_rows("site", record_history(sample_copy, admin, "site", site["id"]), "en")
    assert any(change == "Retired: No → Yes" for _, _, change, _ in rows)


def test_a_note_the_core_wrote_reads_in_the_users_language(sample_copy: Database) -> None:
    admin = authenticate(sample_copy, "admin", "demo-admin", NOW)
    site = next(iter(sample_copy.read().records.rows("sites")))
    entries = record_history(sample_copy, admin, "site", int(site["id"]))
    english = history_rows("site", entries, "en")
    indonesian = history_rows("site", entries, "id")
    assert english[-1][2:] == ("Recorded", "Sample data")
    assert indonesian[-1][2:] == ("Dicatat", "Data contoh")
    # A person's own note stays as they wrote it.
    typed = Entry(NOW, "Lurah", "update", "name", "a", "b", "Data contoh lama")
    assert history_rows("site", [typed], "en")[0][3] == "Data contoh lama"
