"""Every role × action × (in own area, elsewhere), against a matrix written out here
independently of pantau.access.permissions.PERMISSIONS."""

from __future__ import annotations

import pytest

from pantau.access.permissions import PERMISSIONS, Actor, Area, allowed, require
from pantau.kernel.errors import NotAllowed

# Pluit (31.72.01.1005) is in Penjaringan (31.72.01).
ACTORS = {
    "admin": Actor(1, "admin", "Admin", "admin"),
    "pimpinan": Actor(2, "sekko", "Sekko", "pimpinan"),
    "camat": Actor(3, "camat", "Camat Penjaringan", "camat", "31.72.01"),
    "lurah": Actor(4, "lurah", "Lurah Pluit", "lurah", "31.72.01", "31.72.01.1005"),
    "sda": Actor(5, "sda", "Sudin SDA", "sda"),
    "tamu": Actor(6, "tamu", "Tamu", "tamu"),
}
# Record areas as seen from each actor: "own" is the lurah's kelurahan (and so the
# camat's kecamatan); "kec" is another kelurahan of the same kecamatan; "far" is
# another kecamatan.
AREAS = {
    "own": Area("31.72.01", "31.72.01.1005"),
    "kec": Area("31.72.01", "31.72.01.1001"),
    "far": Area("31.72.04", "31.72.04.1001"),
}
ROLES = ("admin", "pimpinan", "camat", "lurah", "sda", "tamu")
# action -> for each role in ROLES: which areas are allowed ("own,kec,far" = all).
EXPECTED = {
    "read": ["own,kec,far"] * 6,
    "read_personal": ["own,kec,far", "own,kec,far", "own,kec", "own", "own,kec,far", ""],
    "edit_site": ["own,kec,far", "", "own,kec", "own", "", ""],
    "sweep_site": ["own,kec,far", "", "own,kec", "own", "", ""],
    "handover_site": ["own,kec,far", "", "own,kec", "own", "", ""],
    "manage_sites": ["own,kec,far", "", "", "", "", ""],
    "add_directive": ["own,kec,far", "own,kec,far", "", "", "", ""],
    "answer_directive": ["own,kec,far", "", "own,kec", "own", "", ""],
    "create_report": ["own,kec,far", "", "own,kec", "own", "own,kec,far", ""],
    "edit_report": ["own,kec,far", "", "own,kec", "own", "own,kec,far", ""],
    "edit_community": ["own,kec,far", "", "own,kec", "own", "", ""],
    "import_data": ["own,kec,far", "", "", "", "", ""],
    "manage_warnings": ["own,kec,far", "", "", "", "own,kec,far", ""],
    "manage_users": ["own,kec,far", "", "", "", "", ""],
    "manage_boundaries": ["own,kec,far", "", "", "", "", ""],
    "draft_usulan": ["own,kec,far", "", "", "own", "", ""],
    "forward_usulan": ["own,kec,far", "", "", "own", "", ""],
    "prioritise_usulan": ["own,kec,far", "", "own,kec", "", "", ""],
    "decide_usulan": ["own,kec,far", "own,kec,far", "", "", "", ""],
    "open_admin": ["own,kec,far", "", "", "", "", ""],
    "view_sda_queue": ["own,kec,far", "", "", "", "own,kec,far", ""],
    "work_sda_queue": ["", "", "", "", "own,kec,far", ""],
}
CASES = [
    (action, role, where, where in EXPECTED[action][i].split(","))
    for action in EXPECTED
    for i, role in enumerate(ROLES)
    for where in AREAS
]


def test_the_matrix_covers_every_action() -> None:
    assert set(EXPECTED) == set(PERMISSIONS)


@pytest.mark.parametrize(("action", "role", "where", "expected"), CASES)
def test_permission(action: str, role: str, where: str, expected: bool) -> None:
    actor, area = ACTORS[role], AREAS[where]
    assert allowed(actor, action, area) is expected
    if expected:
        require(actor, action, area)
    else:
        with pytest.raises(NotAllowed):
            require(actor, action, area)


def test_lurah_refused_elsewhere_is_told_why() -> None:
    with pytest.raises(NotAllowed, match="wilayahnya sendiri"):
        require(ACTORS["lurah"], "edit_site", AREAS["kec"])
    with pytest.raises(NotAllowed, match="Peran tamu tidak boleh"):
        require(ACTORS["tamu"], "edit_report", AREAS["own"])


def test_scoped_role_without_an_area_is_refused() -> None:
    assert not allowed(ACTORS["lurah"], "edit_site", None)
    assert allowed(ACTORS["admin"], "edit_site", None)


def test_unknown_action_is_an_error_not_a_silent_answer() -> None:
    with pytest.raises(KeyError):
        allowed(ACTORS["admin"], "edti_site", AREAS["own"])


@pytest.mark.parametrize(
    ("role", "admin_page", "sees_queue", "works_queue", "adds_groups"),
    [
        ("admin", True, True, False, True),
        ("pimpinan", False, False, False, False),
        ("camat", False, False, False, True),
        ("lurah", False, False, False, True),
        ("sda", False, True, True, False),
        ("tamu", False, False, False, False),
    ],
)
def test_what_each_role_is_shown_comes_from_the_table(
    role: str, admin_page: bool, sees_queue: bool, works_queue: bool, adds_groups: bool
) -> None:
    from pantau.access.permissions import allowed_somewhere

    actor = Actor(1, "x", "X", role, "31.72.01", "31.72.01.1005" if role == "lurah" else None)
    assert allowed(actor, "open_admin") is admin_page
    assert allowed(actor, "view_sda_queue") is sees_queue
    assert allowed(actor, "work_sda_queue") is works_queue
    assert allowed_somewhere(actor, "edit_community") is adds_groups
    with pytest.raises(KeyError):
        allowed_somewhere(actor, "edit_everything")


def test_home_area_follows_the_scope_of_site_editing() -> None:
    from pantau.access.permissions import home_area

    lurah = Actor(1, "l", "L", "lurah", "31.72.01", "31.72.01.1005")
    camat = Actor(2, "c", "C", "camat", "31.72.01", None)
    assert home_area(lurah) == Area("31.72.01", "31.72.01.1005")
    assert home_area(camat) == Area("31.72.01", None)
    for role in ("admin", "pimpinan", "sda", "tamu"):
        assert home_area(Actor(3, "r", "R", role)) is None
