"""Tugas saya in the user's language: each line says why it waits in English or in
Indonesian (as before), with the right form for one day or several."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from pantau.access.auth import authenticate
from pantau.dashboard.queue import Item, describe, my_queue
from pantau.kernel.i18n import tn
from pantau.store import Database
from tests.conftest import NOW

pytestmark = pytest.mark.both_engines
SWEEP = Item("sweep", 1, "S-1", "Pasar", "Pluit", "", None, 0, extra="7")


def test_a_sweep_line_in_both_languages_with_plurals() -> None:
    assert describe(SWEEP, "id") == "Disisir tiap 7 hari"
    assert describe(SWEEP, "en") == "Swept every 7 days"
    daily = replace(SWEEP, extra="1")
    assert describe(daily, "en") == "Swept every 1 day"
    assert describe(daily, "id") == "Disisir tiap 1 hari"


def test_overdue_and_report_lines_in_both_languages() -> None:
    overdue = replace(SWEEP, kind="overdue", due=date(2026, 11, 1), extra="")
    assert describe(overdue, "en").startswith("Target date ")
    assert describe(overdue, "id").startswith("Target ")
    late = replace(SWEEP, kind="report_late", extra="dilaporkan")
    assert describe(late, "en") == "Reported · past its service level"
    assert describe(late, "id") == "Dilaporkan · batas layanan terlewati"


def test_days_late_counts_one_day_and_several() -> None:
    assert tn("queue_days_late", 1, "en") == "1 day late"
    assert tn("queue_days_late", 3, "en") == "3 days late"
    assert tn("queue_days_late", 1, "id") == "1 hari lewat"
    assert tn("queue_days_late", 3, "id") == "3 hari lewat"


def test_every_line_of_a_real_queue_is_english_in_english(sample_copy: Database) -> None:
    camat = authenticate(sample_copy, "camat.penjaringan", "demo-camat", NOW)
    items = [i for i in my_queue(sample_copy, camat, NOW) if i.kind not in ("directive", "waiting")]
    assert items
    for item in items:
        english = describe(item, "en")
        assert english != describe(item, "id")
        for word in ("Disisir", "tiap", "terlewati", "Diserahkan", "perlu"):
            assert word not in english, english
