"""Personal data in reads: masked for tamu, for other areas, and in presentation mode."""

from __future__ import annotations

from datetime import datetime

import pytest

from pantau.access.auth import authenticate
from pantau.access.privacy import HIDDEN, redact
from pantau.dashboard.history import record_history
from pantau.kernel.errors import NotAllowed
from pantau.store import Database

pytestmark = pytest.mark.both_engines

NOW = datetime(2026, 11, 24, 3, 0)


def _report_with_reporter(db: Database, kelurahan: str) -> dict:
    for row in db.read().records.rows("reports"):
        if row["kelurahan_kode"] == kelurahan and row["reporter_phone"]:
            return row
    raise AssertionError("no sample report with a reporter in " + kelurahan)


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("admin", True),
        ("sekko", True),
        ("sda", True),
        ("camat.penjaringan", True),  # Pluit is in Penjaringan
        ("lurah.pluit", True),
        ("tamu", False),
    ],
)
def test_reporter_in_history_and_rows(sample_copy: Database, who: str, sees: bool) -> None:
    actor = authenticate(sample_copy, who, "demo-" + who.split(".")[0], NOW)
    report = _report_with_reporter(sample_copy, "31.72.01.1005")
    history = record_history(sample_copy, actor, "report", report["id"])
    snapshot = next(e for e in history if e.action == "create").new or ""
    assert (report["reporter_phone"] in snapshot) is sees
    assert (HIDDEN in snapshot) is not sees
    row = redact(actor, "report", report)
    assert (row["reporter_phone"] == report["reporter_phone"]) is sees
    assert row["depth_cm"] == report["depth_cm"]  # only personal fields are touched


def test_other_area_and_presentation_mode_hide_personal_data(sample_copy: Database) -> None:
    lurah = authenticate(sample_copy, "lurah.pluit", "demo-lurah", NOW)
    admin = authenticate(sample_copy, "admin", "demo-admin", NOW)
    other = next(
        r
        for r in sample_copy.read().records.rows("reports")
        if r["kecamatan_kode"] != "31.72.01" and r["reporter_name"]
    )
    assert redact(lurah, "report", other)["reporter_name"] == HIDDEN
    own = _report_with_reporter(sample_copy, "31.72.01.1005")
    assert redact(admin, "report", own, presentation=True)["reporter_phone"] == HIDDEN
    masked = record_history(sample_copy, admin, "report", own["id"], presentation=True)
    assert all(own["reporter_phone"] not in (e.new or "") for e in masked)


def test_account_history_is_for_admin_and_the_owner(sample_copy: Database) -> None:
    tamu = authenticate(sample_copy, "tamu", "demo-tamu", NOW)
    sekko = authenticate(sample_copy, "sekko", "demo-sekko", NOW)
    assert record_history(sample_copy, tamu, "user", tamu.id)
    with pytest.raises(NotAllowed):
        record_history(sample_copy, tamu, "user", sekko.id)
