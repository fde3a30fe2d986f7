"""Siaga warnings: validation in WIB, derived coverage, who may enter them, corrections
with versions and cancelling, each with its events."""

from __future__ import annotations

import itertools
from datetime import datetime

import pytest

from pantau.access.permissions import Actor
from pantau.city import areas
from pantau.kernel.errors import Conflict, InvalidInput, NotAllowed
from pantau.kernel.vocab import codes
from pantau.kernel.workflow import check_warning_move
from pantau.siaga.warnings import (
    WarningDraft,
    cancel_warning,
    correct_warning,
    covered,
    create_warning,
    derived_kelurahan,
    get_warning,
    phase,
    recent_warnings,
    validate,
)
from pantau.store import Database

pytestmark = pytest.mark.both_engines

NOW = datetime(2026, 11, 24, 3, 0)  # Tuesday 10:00 WIB
PLUIT = "31.72.01.1005"
SDA = Actor(5, "sda", "Sudin SDA", "sda")
ADMIN = Actor(1, "admin", "Admin", "admin")
LURAH = Actor(4, "lurah", "Lurah Pluit", "lurah", "31.72.01", PLUIT)


def rob(**changes: object) -> WarningDraft:
    base: dict[str, object] = {
        "kind": "rob",
        "level": "siaga",
        "source": "bmkg",
        "starts": datetime(2026, 11, 24, 17, 0),  # WIB
        "ends": datetime(2026, 11, 25, 1, 0),
        "source_ref": "Peringatan dini rob BMKG Maritim 24/11",
    }
    base.update(changes)
    return WarningDraft(**base)  # type: ignore[arg-type]


def test_the_window_is_chosen_in_wib_and_stored_in_utc() -> None:
    row = validate(rob(), NOW)
    assert row["starts_at"] == datetime(2026, 11, 24, 10, 0)
    assert row["ends_at"] == datetime(2026, 11, 24, 18, 0)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"kind": "tsunami"}, "kind"),
        ({"level": "merah"}, "level"),
        ({"source": "twitter"}, "source"),
        ({"source": "manual", "source_ref": "  "}, "source_ref"),
        ({"ends": datetime(2026, 11, 24, 16, 0)}, "ends"),
        ({"ends": datetime(2026, 12, 2, 17, 0)}, "ends"),
        ({"starts": datetime(2026, 11, 10, 17, 0), "ends": datetime(2026, 11, 11, 1)}, "starts"),
        ({"starts": datetime(2026, 12, 20, 17, 0), "ends": datetime(2026, 12, 21, 1)}, "starts"),
        ({"kelurahan": ("31.72.99.9999",)}, "kelurahan"),
        ({"note": "x" * 301}, "note"),
    ],
)
def test_each_bad_field_is_named_in_both_languages(changes: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        validate(rob(**changes), NOW)
    assert field in caught.value.fields
    en = caught.value.field_messages("en")[field]
    assert en and en != caught.value.fields[field]


def test_a_manual_warning_with_a_reference_and_bmkg_without_one_are_fine() -> None:
    validate(rob(source="manual", source_ref="Pesan lurah Kamal Muara 17.02"), NOW)
    validate(rob(source_ref=""), NOW)


def test_rob_covers_the_kelurahan_with_rob_pockets_rain_covers_all(sample_copy: Database) -> None:
    rob_kel = derived_kelurahan(sample_copy, "rob", NOW)
    names = {areas.kelurahan(k).nama for k in rob_kel}
    assert "Pluit" in names and "Kalibaru" in names
    assert len(rob_kel) < len(areas.kelurahan_list())
    assert derived_kelurahan(sample_copy, "hujan_lebat", NOW) == tuple(
        sorted(areas.kelurahan_by_kode())
    )


def test_sda_enters_a_rob_warning_with_derived_coverage_and_an_event(
    sample_copy: Database,
) -> None:
    wid = create_warning(sample_copy, SDA, rob(), NOW)
    stored = get_warning(sample_copy, wid)
    assert stored["coverage"] == "otomatis" and PLUIT in covered(stored)
    assert stored["status"] == "aktif" and stored["version"] == 1
    events = [
        e
        for e in sample_copy.read().records.rows("events")
        if e["record_type"] == "warning" and e["record_id"] == wid
    ]
    assert [(e["action"], e["user_id"]) for e in events] == [("create", 5)]


def test_chosen_kelurahan_are_kept(area_db: Database) -> None:
    wid = create_warning(area_db, ADMIN, rob(kelurahan=(PLUIT,)), NOW)
    stored = get_warning(area_db, wid)
    assert covered(stored) == (PLUIT,) and stored["coverage"] == "dipilih"


def test_rob_without_any_rob_pocket_asks_for_the_kelurahan(area_db: Database) -> None:
    with pytest.raises(InvalidInput) as caught:
        create_warning(area_db, SDA, rob(), NOW)
    assert "kelurahan" in caught.value.fields


@pytest.mark.parametrize("role", ["pimpinan", "camat", "lurah", "tamu"])
def test_only_sda_and_admin_enter_warnings(area_db: Database, role: str) -> None:
    actor = Actor(9, role, role, role, "31.72.01", PLUIT if role == "lurah" else None)
    with pytest.raises(NotAllowed):
        create_warning(area_db, actor, rob(kelurahan=(PLUIT,)), NOW)
    assert area_db.read().records.count("warnings") == 0


def test_a_correction_is_versioned_and_a_stale_form_conflicts(area_db: Database) -> None:
    wid = create_warning(area_db, SDA, rob(kelurahan=(PLUIT,)), NOW)
    later = NOW.replace(minute=5)
    row = correct_warning(area_db, SDA, wid, 1, rob(kelurahan=(PLUIT,), level="awas"), later)
    assert row["level"] == "awas" and row["version"] == 2
    with pytest.raises(Conflict):
        correct_warning(area_db, ADMIN, wid, 1, rob(kelurahan=(PLUIT,), level="waspada"), later)
    fields = [
        e["field"]
        for e in area_db.read().records.rows("events")
        if e["record_type"] == "warning" and e["action"] == "update"
    ]
    assert fields == ["level"]
    with pytest.raises(NotAllowed):
        correct_warning(area_db, LURAH, wid, 2, rob(kelurahan=(PLUIT,)), later)


def test_cancelling_needs_a_reason_and_ends_the_warning(area_db: Database) -> None:
    wid = create_warning(area_db, SDA, rob(kelurahan=(PLUIT,)), NOW)
    with pytest.raises(InvalidInput):
        cancel_warning(area_db, SDA, wid, 1, "  ", NOW)
    row = cancel_warning(area_db, SDA, wid, 1, "Pasang tidak setinggi prakiraan", NOW)
    assert row["status"] == "batal" and phase(row, NOW) == "batal"
    with pytest.raises(InvalidInput):
        correct_warning(area_db, SDA, wid, 2, rob(kelurahan=(PLUIT,)), NOW)
    with pytest.raises(InvalidInput):
        cancel_warning(area_db, SDA, wid, 2, "lagi", NOW)


@pytest.mark.parametrize(("old", "new"), list(itertools.product(codes("warning_status"), repeat=2)))
def test_warning_transition_table(old: str, new: str) -> None:
    if (old, new) == ("aktif", "batal"):
        check_warning_move(old, new, reason="ok")
    else:
        with pytest.raises(InvalidInput):
            check_warning_move(old, new, reason="ok")


def test_recent_warnings_put_those_in_force_first(area_db: Database) -> None:
    past = create_warning(
        area_db,
        SDA,
        rob(kelurahan=(PLUIT,), starts=datetime(2026, 11, 20, 17), ends=datetime(2026, 11, 21, 1)),
        NOW,
    )
    now_on = create_warning(
        area_db,
        SDA,
        rob(kelurahan=(PLUIT,), starts=datetime(2026, 11, 24, 8), ends=datetime(2026, 11, 24, 20)),
        NOW,
    )
    coming = create_warning(area_db, SDA, rob(kelurahan=(PLUIT,)), NOW)
    listed = recent_warnings(area_db, NOW)
    assert [(w["id"], w["phase"]) for w in listed] == [
        (now_on, "berlangsung"),
        (coming, "akan"),
        (past, "lewat"),
    ]


def test_pantau_check_rebuilds_warnings_and_watch_tasks_from_events(
    sample_copy: Database,
) -> None:
    from pantau.admin.integrity import check

    wid = create_warning(sample_copy, SDA, rob(), NOW)
    correct_warning(sample_copy, SDA, wid, 1, rob(level="awas"), NOW)
    report = check(sample_copy)
    assert report.ok, report
