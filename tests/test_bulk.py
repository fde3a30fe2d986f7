"""Bulk site changes: each row is one change, applied whole or not at all."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from pantau.access.auth import authenticate
from pantau.sites.bulk import RowChange, apply_rows
from pantau.store import Database

pytestmark = pytest.mark.both_engines
NOW = datetime(2026, 11, 24, 3, 0)
PLUIT = "31.72.01.1005"


def test_a_refused_status_move_leaves_the_rows_target_date_alone(sample_copy: Database) -> None:
    """A row with a new target date and an illegal move once kept the date (v1 -> v2)."""
    lurah = authenticate(sample_copy, "lurah.pluit", "demo-lurah", NOW)
    site = next(
        s
        for s in sample_copy.read().records.rows("sites")
        if s["kelurahan_kode"] == PLUIT and s["status"] == "belum_ditangani"
    )
    change = RowChange(
        int(site["id"]), int(site["version"]), "tertata", date(2027, 3, 1), "langsung tertata"
    )
    [outcome] = apply_rows(sample_copy, lurah, [change], NOW)
    assert not outcome.ok
    after = sample_copy.read().records.get("sites", int(site["id"]))
    assert after is not None
    assert (after["version"], after["target_date"]) == (site["version"], site["target_date"])


def test_a_good_row_changes_date_and_status(sample_copy: Database) -> None:
    lurah = authenticate(sample_copy, "lurah.pluit", "demo-lurah", NOW)
    site = next(
        s
        for s in sample_copy.read().records.rows("sites")
        if s["kelurahan_kode"] == PLUIT and s["status"] == "belum_ditangani"
    )
    change = RowChange(
        int(site["id"]), int(site["version"]), "dalam_penataan", date(2027, 3, 1), "mulai"
    )
    [outcome] = apply_rows(sample_copy, lurah, [change], NOW)
    assert outcome.ok, outcome.message
    after = sample_copy.read().records.get("sites", int(site["id"]))
    assert after is not None
    assert (after["status"], after["target_date"]) == ("dalam_penataan", date(2027, 3, 1))
