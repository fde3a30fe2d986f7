"""Usulan for musrenbang: the record (validation, versions, events), the moves of the
transition table for every role, the 5-per-kelurahan and 3-per-kecamatan limits and
the two orders (lurah's, camat's)."""

from __future__ import annotations

from datetime import datetime

import pytest

from pantau.access.permissions import Actor
from pantau.kernel.errors import Conflict, InvalidInput, NotAllowed
from pantau.kernel.workflow import USULAN_TRANSITIONS
from pantau.musrenbang.usulan import (
    FORWARD_LIMIT,
    PRIORITY_LIMIT,
    Draft,
    create_usulan,
    edit_usulan,
    get_usulan,
    list_usulan,
    move_usulan,
    musrenbang_year,
    shift_usulan,
)
from pantau.store import Database
from tests.conftest import NOW

pytestmark = pytest.mark.both_engines

# Kalibaru (31.72.04.1004) and Cilincing (31.72.04.1001) are in Cilincing (31.72.04); the
# sample's own usulan are elsewhere (Penjaringan, Koja), so these tests start empty.
KALIBARU, CILINCING_KEL, KEC = "31.72.04.1004", "31.72.04.1001", "31.72.04"
FAR_KEC = "31.72.01"
ACTORS = {
    "admin": Actor(1, "admin", "Admin", "admin"),
    "pimpinan": Actor(2, "sekko", "Sekko", "pimpinan"),
    "camat": Actor(3, "camat.cilincing", "Camat Cilincing", "camat", KEC),
    "lurah": Actor(4, "lurah.kalibaru", "Lurah Kalibaru", "lurah", KEC, KALIBARU),
    "sda": Actor(5, "sda", "Sudin SDA", "sda"),
    "tamu": Actor(6, "tamu", "Tamu", "tamu"),
}
LURAH, CAMAT, ADMIN = ACTORS["lurah"], ACTORS["camat"], ACTORS["admin"]
OTHER_LURAH = Actor(7, "lurah.cilincing", "Lurah Cilincing", "lurah", KEC, CILINCING_KEL)
FAR_CAMAT = Actor(8, "camat.penjaringan", "Camat Penjaringan", "camat", FAR_KEC)


def draft(n: int = 1, kelurahan: str = KALIBARU, **extra: object) -> Draft:
    values: dict = {
        "title": f"Normalisasi saluran RW {n:02d}",
        "work_type": "normalisasi_saluran",
        "kelurahan_kode": kelurahan,
        "rw": str(n),
        "volume": 120.0,
        "unit": "m",
        "budget": 250_000_000,
        **extra,
    }
    return Draft(**values)


def events_of(db: Database, usulan_id: int) -> list[tuple]:
    return (
        db.cursor()
        .execute(
            "SELECT action, field, old_value, new_value, note FROM events"
            " WHERE record_type = 'usulan' AND record_id = ? ORDER BY id",
            [usulan_id],
        )
        .fetchall()
    )


def test_a_lurah_drafts_an_usulan_last_in_the_kelurahan_order(sample_copy: Database) -> None:
    first = create_usulan(sample_copy, LURAH, draft(1), NOW)
    second = create_usulan(sample_copy, LURAH, draft(2), NOW)
    one, two = get_usulan(sample_copy, first), get_usulan(sample_copy, second)
    assert (one["status"], one["kelurahan_rank"], two["kelurahan_rank"]) == ("draft", 1, 2)
    assert one["kecamatan_kode"] == KEC and one["year"] == musrenbang_year(NOW) == 2026
    assert one["kelurahan"] == "Kalibaru" and one["office"] == "Sudin SDA"
    assert events_of(sample_copy, first)[0][0] == "create"


@pytest.mark.parametrize(
    ("field", "changes"),
    [
        ("title", {"title": "  "}),
        ("work_type", {"work_type": "jembatan"}),
        ("volume", {"volume": 0.0}),
        ("unit", {"unit": "kg"}),
        ("unit", {"unit": None}),
        ("budget", {"budget": -1}),
        ("rw", {"rw": "RW satu"}),
        ("office", {"office": ""}),
        ("lon", {"lon": 106.8}),
        ("kelurahan_kode", {"kelurahan_kode": "99.99"}),
    ],
)
def test_each_bad_field_is_named(sample_copy: Database, field: str, changes: dict) -> None:
    with pytest.raises(InvalidInput) as caught:
        create_usulan(sample_copy, LURAH, draft(**changes), NOW)
    assert field in caught.value.fields
    assert caught.value.field_messages("en")[field] != caught.value.fields[field]


@pytest.mark.parametrize("role", ["camat", "pimpinan", "sda", "tamu"])
def test_only_lurah_and_admin_draft(sample_copy: Database, role: str) -> None:
    with pytest.raises(NotAllowed):
        create_usulan(sample_copy, ACTORS[role], draft(), NOW)


def test_a_lurah_drafts_only_in_own_kelurahan(sample_copy: Database) -> None:
    with pytest.raises(NotAllowed, match="Lurah Kalibaru"):
        create_usulan(sample_copy, LURAH, draft(kelurahan=CILINCING_KEL), NOW)


def test_an_edit_is_versioned_logged_and_refused_when_stale(sample_copy: Database) -> None:
    uid = create_usulan(sample_copy, LURAH, draft(1), NOW)
    saved = edit_usulan(sample_copy, LURAH, uid, 1, draft(1, volume=300.0), NOW)
    assert saved["version"] == 2 and get_usulan(sample_copy, uid)["volume"] == 300.0
    assert ("update", "volume", "120.0", "300.0", None) in events_of(sample_copy, uid)
    with pytest.raises(Conflict):
        edit_usulan(sample_copy, LURAH, uid, 1, draft(1, volume=10.0), NOW)


def test_a_forwarded_usulan_is_not_edited_until_pulled_back(sample_copy: Database) -> None:
    uid = create_usulan(sample_copy, LURAH, draft(1), NOW)
    move_usulan(sample_copy, LURAH, uid, 1, "diteruskan", NOW)
    with pytest.raises(InvalidInput, match="Diteruskan"):
        edit_usulan(sample_copy, LURAH, uid, 2, draft(1, volume=5.0), NOW)
    move_usulan(sample_copy, LURAH, uid, 2, "draft", NOW)
    assert edit_usulan(sample_copy, LURAH, uid, 3, draft(1, volume=5.0), NOW)["volume"] == 5.0


def test_forwarding_needs_volume_and_unit(sample_copy: Database) -> None:
    uid = create_usulan(sample_copy, LURAH, draft(1, volume=None, unit=None), NOW)
    with pytest.raises(InvalidInput) as caught:
        move_usulan(sample_copy, LURAH, uid, 1, "diteruskan", NOW)
    assert "volume" in caught.value.fields


def test_the_whole_way_is_logged_as_status_events(sample_copy: Database) -> None:
    uid = create_usulan(sample_copy, LURAH, draft(1), NOW)
    move_usulan(sample_copy, LURAH, uid, 1, "diteruskan", NOW)
    move_usulan(sample_copy, CAMAT, uid, 2, "prioritas", NOW)
    row = move_usulan(sample_copy, ACTORS["pimpinan"], uid, 3, "diterima", NOW)
    assert row["status"] == "diterima" and row["kecamatan_priority"] is True
    statuses = [e[2:4] for e in events_of(sample_copy, uid) if e[1] == "status"]
    assert statuses == [("draft", "diteruskan"), ("diteruskan", "prioritas"),
                        ("prioritas", "diterima")]  # fmt: skip


def test_not_accepted_needs_a_reason_which_is_kept(sample_copy: Database) -> None:
    uid = create_usulan(sample_copy, LURAH, draft(1), NOW)
    move_usulan(sample_copy, LURAH, uid, 1, "diteruskan", NOW)
    with pytest.raises(InvalidInput, match="alasan"):
        move_usulan(sample_copy, ADMIN, uid, 2, "tidak_diterima", NOW, reason=" ")
    row = move_usulan(sample_copy, ADMIN, uid, 2, "tidak_diterima", NOW, reason="Sudah dianggarkan")
    assert row["decision_reason"] == "Sudah dianggarkan"
    assert any(e[4] == "Sudah dianggarkan" for e in events_of(sample_copy, uid))


def test_a_move_not_in_the_table_says_what_is_allowed(sample_copy: Database) -> None:
    uid = create_usulan(sample_copy, LURAH, draft(1), NOW)
    with pytest.raises(InvalidInput, match="Diteruskan ke kecamatan"):
        move_usulan(sample_copy, ADMIN, uid, 1, "diterima", NOW)


# --- the permission matrix: each role × each move ---------------------------------
# move (from -> to) -> the roles that may make it on an usulan of Pluit.
MOVES = {
    ("draft", "diteruskan"): {"admin", "lurah"},
    ("diteruskan", "draft"): {"admin", "lurah"},
    ("diteruskan", "prioritas"): {"admin", "camat"},
    ("prioritas", "diteruskan"): {"admin", "camat"},
    ("diteruskan", "diterima"): {"admin", "pimpinan"},
    ("diteruskan", "tidak_diterima"): {"admin", "pimpinan"},
    ("prioritas", "diterima"): {"admin", "pimpinan"},
    ("prioritas", "tidak_diterima"): {"admin", "pimpinan"},
}
PATH = {"draft": [], "diteruskan": ["diteruskan"], "prioritas": ["diteruskan", "prioritas"]}


def test_the_matrix_covers_every_move_of_the_table() -> None:
    table = {(a, b) for a, moves in USULAN_TRANSITIONS.items() for b in moves}
    assert set(MOVES) == table


@pytest.mark.parametrize("role", list(ACTORS))
@pytest.mark.parametrize("move", list(MOVES))
def test_each_role_and_move(sample_copy: Database, move: tuple[str, str], role: str) -> None:
    uid = create_usulan(sample_copy, LURAH, draft(1), NOW)
    version = 1
    for step in PATH[move[0]]:
        move_usulan(sample_copy, ADMIN, uid, version, step, NOW)
        version += 1
    if role in MOVES[move]:
        row = move_usulan(sample_copy, ACTORS[role], uid, version, move[1], NOW, reason="alasan")
        assert row["status"] == move[1]
    else:
        with pytest.raises(NotAllowed):
            move_usulan(sample_copy, ACTORS[role], uid, version, move[1], NOW, reason="alasan")
        assert get_usulan(sample_copy, uid)["status"] == move[0]


def test_scoped_roles_move_only_in_their_own_area(sample_copy: Database) -> None:
    uid = create_usulan(sample_copy, LURAH, draft(1), NOW)
    with pytest.raises(NotAllowed):
        move_usulan(sample_copy, OTHER_LURAH, uid, 1, "diteruskan", NOW)
    move_usulan(sample_copy, LURAH, uid, 1, "diteruskan", NOW)
    with pytest.raises(NotAllowed):
        move_usulan(sample_copy, FAR_CAMAT, uid, 2, "prioritas", NOW)


# --- the limits ----------------------------------------------------------------------


def test_a_kelurahan_forwards_at_most_five_a_year(sample_copy: Database) -> None:
    ids = [create_usulan(sample_copy, LURAH, draft(n), NOW) for n in range(1, 8)]
    for uid in ids[:FORWARD_LIMIT]:
        move_usulan(sample_copy, LURAH, uid, 1, "diteruskan", NOW)
    with pytest.raises(InvalidInput, match="batasnya 5") as caught:
        move_usulan(sample_copy, LURAH, ids[5], 1, "diteruskan", NOW)
    assert "the limit is 5" in caught.value.message("en")
    assert get_usulan(sample_copy, ids[5])["status"] == "draft"
    assert [e for e in events_of(sample_copy, ids[5]) if e[0] == "status"] == []
    # A decided one still counts: the forum got five from this kelurahan.
    move_usulan(sample_copy, ADMIN, ids[0], 2, "tidak_diterima", NOW, reason="ganda")
    with pytest.raises(InvalidInput):
        move_usulan(sample_copy, LURAH, ids[5], 1, "diteruskan", NOW)
    # Pulling one back frees its place.
    move_usulan(sample_copy, LURAH, ids[1], 2, "draft", NOW)
    assert move_usulan(sample_copy, LURAH, ids[5], 1, "diteruskan", NOW)["status"] == "diteruskan"


def test_the_limit_counts_per_kelurahan(sample_copy: Database) -> None:
    for n in range(1, FORWARD_LIMIT + 1):
        uid = create_usulan(sample_copy, LURAH, draft(n), NOW)
        move_usulan(sample_copy, LURAH, uid, 1, "diteruskan", NOW)
    other = create_usulan(sample_copy, OTHER_LURAH, draft(1, kelurahan=CILINCING_KEL), NOW)
    assert move_usulan(sample_copy, OTHER_LURAH, other, 1, "diteruskan", NOW)["status"]


def test_a_kecamatan_marks_at_most_three_priorities(sample_copy: Database) -> None:
    forwarded = []
    for lurah, kel in ((LURAH, KALIBARU), (OTHER_LURAH, CILINCING_KEL)):
        for n in range(1, 3):
            uid = create_usulan(sample_copy, lurah, draft(n, kelurahan=kel), NOW)
            move_usulan(sample_copy, lurah, uid, 1, "diteruskan", NOW)
            forwarded.append(uid)
    for uid in forwarded[:PRIORITY_LIMIT]:
        move_usulan(sample_copy, CAMAT, uid, 2, "prioritas", NOW)
    with pytest.raises(InvalidInput, match="batasnya 3"):
        move_usulan(sample_copy, CAMAT, forwarded[3], 2, "prioritas", NOW)
    # Accepting a priority keeps it a priority: the place stays taken.
    move_usulan(sample_copy, ADMIN, forwarded[0], 3, "diterima", NOW)
    with pytest.raises(InvalidInput):
        move_usulan(sample_copy, CAMAT, forwarded[3], 2, "prioritas", NOW)
    move_usulan(sample_copy, CAMAT, forwarded[1], 3, "diteruskan", NOW)  # unmark one
    assert move_usulan(sample_copy, CAMAT, forwarded[3], 2, "prioritas", NOW)["status"]


# --- the orders ---------------------------------------------------------------------


def test_the_lurah_orders_the_kelurahan_list(sample_copy: Database) -> None:
    a, b, c = (create_usulan(sample_copy, LURAH, draft(n), NOW) for n in (1, 2, 3))
    assert shift_usulan(sample_copy, LURAH, c, 1, -1, "kelurahan", NOW) == [a, c, b]
    assert list(list_usulan(sample_copy, 2026, kelurahan=KALIBARU)["id"]) == [a, c, b]
    ranks = [e for e in events_of(sample_copy, b) if e[0] == "rank"]
    assert ranks == [("rank", "kelurahan_rank", "2", "3", None)]
    assert shift_usulan(sample_copy, LURAH, a, 1, -1, "kelurahan", NOW) == [a, c, b]  # top
    with pytest.raises(Conflict):
        shift_usulan(sample_copy, LURAH, c, 1, 1, "kelurahan", NOW)  # c is at version 2
    with pytest.raises(NotAllowed):
        shift_usulan(sample_copy, CAMAT, c, 2, 1, "kelurahan", NOW)


def test_the_camat_orders_the_forwarded_ones(sample_copy: Database) -> None:
    a = create_usulan(sample_copy, LURAH, draft(1), NOW)
    b = create_usulan(sample_copy, OTHER_LURAH, draft(1, kelurahan=CILINCING_KEL), NOW)
    draft_only = create_usulan(sample_copy, LURAH, draft(2), NOW)
    move_usulan(sample_copy, LURAH, a, 1, "diteruskan", NOW)
    move_usulan(sample_copy, OTHER_LURAH, b, 1, "diteruskan", NOW)
    assert shift_usulan(sample_copy, CAMAT, b, 2, -1, "kecamatan", NOW) == [b, a]
    frame = list_usulan(sample_copy, 2026, kecamatan=KEC, forwarded_only=True)
    assert list(frame["id"]) == [b, a]
    with pytest.raises(InvalidInput):
        shift_usulan(sample_copy, CAMAT, draft_only, 1, -1, "kecamatan", NOW)
    with pytest.raises(NotAllowed):
        shift_usulan(sample_copy, LURAH, a, 2, 1, "kecamatan", NOW)


def test_a_new_year_starts_a_new_count(sample_copy: Database) -> None:
    later = datetime(2027, 2, 1, 3, 0)
    for n in range(1, FORWARD_LIMIT + 1):
        uid = create_usulan(sample_copy, LURAH, draft(n), NOW)
        move_usulan(sample_copy, LURAH, uid, 1, "diteruskan", NOW)
    uid = create_usulan(sample_copy, LURAH, draft(9), later)
    assert get_usulan(sample_copy, uid)["kelurahan_rank"] == 1
    assert move_usulan(sample_copy, LURAH, uid, 1, "diteruskan", later)["status"] == "diteruskan"
