"""Who may do what, and where: one table, checked in the core.

Every action maps each role that may perform it to a scope: ``all`` (anywhere in
the city), ``kecamatan`` (records in the user's kecamatan) or ``kelurahan``
(records in the user's kelurahan). A role absent from an action's row may not do
it at all. Pages may hide buttons as a courtesy; domain functions call
`require()` before touching the database.
"""

from __future__ import annotations

from dataclasses import dataclass

from pantau.kernel.errors import NotAllowed, msg

ALL, KECAMATAN, KELURAHAN = "all", "kecamatan", "kelurahan"

# action -> {role: scope}
PERMISSIONS: dict[str, dict[str, str]] = {
    "read": {r: ALL for r in ("admin", "pimpinan", "camat", "lurah", "sda", "tamu")},
    "read_personal": {
        "admin": ALL,
        "pimpinan": ALL,
        "camat": KECAMATAN,
        "lurah": KELURAHAN,
        "sda": ALL,
    },
    "edit_site": {"admin": ALL, "camat": KECAMATAN, "lurah": KELURAHAN},
    "sweep_site": {"admin": ALL, "camat": KECAMATAN, "lurah": KELURAHAN},
    "handover_site": {"admin": ALL, "camat": KECAMATAN, "lurah": KELURAHAN},
    "manage_sites": {"admin": ALL},
    "add_directive": {"admin": ALL, "pimpinan": ALL},
    "answer_directive": {"admin": ALL, "camat": KECAMATAN, "lurah": KELURAHAN},
    "create_report": {"admin": ALL, "camat": KECAMATAN, "lurah": KELURAHAN, "sda": ALL},
    "edit_report": {"admin": ALL, "camat": KECAMATAN, "lurah": KELURAHAN, "sda": ALL},
    "edit_community": {"admin": ALL, "camat": KECAMATAN, "lurah": KELURAHAN},
    "import_data": {"admin": ALL},
    "manage_warnings": {"admin": ALL, "sda": ALL},
    "manage_users": {"admin": ALL},
    "manage_boundaries": {"admin": ALL},
    # usulan for musrenbang: the lurah drafts, orders and forwards the kelurahan's; the
    # camat orders the forwarded ones and marks the kecamatan's priorities; the city
    # decides (accepted / not accepted, with a reason)
    "draft_usulan": {"admin": ALL, "lurah": KELURAHAN},
    "forward_usulan": {"admin": ALL, "lurah": KELURAHAN},
    "prioritise_usulan": {"admin": ALL, "camat": KECAMATAN},
    "decide_usulan": {"admin": ALL, "pimpinan": ALL},
    # pages and panels: who sees them (a page hides what its actor may not use)
    "open_admin": {"admin": ALL},
    "view_sda_queue": {"admin": ALL, "sda": ALL},
    "work_sda_queue": {"sda": ALL},  # the queue is this role's own work: shown open
}

# What each action is called in a refusal: message keys of `pantau.i18n`.
ACTION_LABELS: dict[str, str] = {
    "read": "action_read",
    "read_personal": "action_read_personal",
    "edit_site": "action_edit_site",
    "sweep_site": "action_sweep_site",
    "handover_site": "action_handover_site",
    "manage_sites": "action_manage_sites",
    "add_directive": "action_add_directive",
    "answer_directive": "action_answer_directive",
    "create_report": "action_create_report",
    "edit_report": "action_edit_report",
    "edit_community": "action_edit_community",
    "import_data": "action_import_data",
    "manage_warnings": "action_manage_warnings",
    "manage_users": "action_manage_users",
    "manage_boundaries": "action_manage_boundaries",
    "draft_usulan": "action_draft_usulan",
    "forward_usulan": "action_forward_usulan",
    "prioritise_usulan": "action_prioritise_usulan",
    "decide_usulan": "action_decide_usulan",
    "open_admin": "action_open_admin",
    "view_sda_queue": "action_view_sda_queue",
    "work_sda_queue": "action_work_sda_queue",
}


@dataclass(frozen=True)
class Actor:
    """The acting user, as the core needs it."""

    id: int
    username: str
    display_name: str
    role: str
    kecamatan_kode: str | None = None
    kelurahan_kode: str | None = None
    kota_kode: str | None = None  # a pimpinan of one kota in a province-wide database


# The administrator acting from the command line (`pantau …`); its events carry no
# user id, like every other change made by the system itself.
SYSTEM = Actor(id=0, username="sistem", display_name="Sistem (baris perintah)", role="admin")


def event_user_id(actor: Actor) -> int | None:
    """The user id an event records for `actor` (None for the system)."""
    return None if actor.id == SYSTEM.id else actor.id


@dataclass(frozen=True)
class Area:
    """Where a record is (Kemendagri codes); None for city-wide actions."""

    kecamatan_kode: str | None = None
    kelurahan_kode: str | None = None


def allowed(actor: Actor, action: str, area: Area | None = None) -> bool:
    """True when `actor` may do `action` on a record in `area`.

    Raises KeyError for an unknown action (a typo must not silently deny or allow).
    """
    scope = PERMISSIONS[action].get(actor.role)
    if scope is None:
        return False
    if scope == ALL:
        # A pimpinan of one kota acts on records of that kota only (reads stay open).
        return (
            actor.kota_kode is None
            or area is None
            or action == "read"
            or _in_kota(area, actor.kota_kode)
        )
    if area is None:
        return False  # a scoped role needs to know where the record is
    if scope == KECAMATAN:
        return actor.kecamatan_kode is not None and area.kecamatan_kode == actor.kecamatan_kode
    return actor.kelurahan_kode is not None and area.kelurahan_kode == actor.kelurahan_kode


def allowed_somewhere(actor: Actor, action: str) -> bool:
    """True when `actor` may do `action` on some record (e.g. to offer a form before
    the place is chosen; the action itself is still checked with `require`).

    Raises KeyError for an unknown action."""
    return actor.role in PERMISSIONS[action]


def home_area(actor: Actor) -> Area | None:
    """The area a scoped actor works in — a lurah's kelurahan, a camat's kecamatan (by
    the scope of site editing in the table) — or None for a city-wide role."""
    scope = PERMISSIONS["edit_site"].get(actor.role)
    if scope == KELURAHAN and actor.kelurahan_kode:
        return Area(actor.kecamatan_kode, actor.kelurahan_kode)
    if scope == KECAMATAN and actor.kecamatan_kode:
        return Area(actor.kecamatan_kode, None)
    return None


def _in_kota(area: Area, kota: str) -> bool:
    code = area.kelurahan_kode or area.kecamatan_kode
    return code is not None and code.startswith(kota + ".")


def require(actor: Actor, action: str, area: Area | None = None) -> None:
    """Raise NotAllowed, saying what and where, unless `actor` may do `action`."""
    if allowed(actor, action, area):
        return
    what = msg(ACTION_LABELS[action])
    if PERMISSIONS[action].get(actor.role) is None:
        raise NotAllowed("err_role_not_allowed", role=actor.role, what=what)
    raise NotAllowed(
        "err_own_area_only",
        who=actor.display_name,
        what=what,
        area=actor.kelurahan_kode or actor.kecamatan_kode or actor.kota_kode or "-",
    )
