"""Status workflows as transition tables: which move is allowed, and what it needs.

One table per workflow. A move not in the table is refused with the states that
are allowed next, so a person knows what to do instead of guessing.
"""

from __future__ import annotations

from dataclasses import dataclass

from pantau.kernel.errors import InvalidInput, Joined, Label, Msg, msg


@dataclass(frozen=True)
class Rule:
    """What a move needs: a note (always), a photo, that it happens by a sweep, the
    original report (duplikat) or a reason (ditolak); and the time column it stamps."""

    photo: bool = False
    sweep_only: bool = False
    original: bool = False
    reason: bool = False
    stamps: str | None = None


def _refusal(
    vocabulary: str, status: str, target: str, allowed: list[str], none: str
) -> tuple[dict[str, Msg], dict[str, object]]:
    """The field message and parameters of a refused move, naming the states allowed
    next (`none`: the message when there are none)."""
    names = Joined(tuple(Label(vocabulary, s) for s in allowed), msg(none))
    fields = {"status": msg("err_field_choose", names=names)}
    params = {"status": Label(vocabulary, status), "target": Label(vocabulary, target)}
    return fields, {**params, "names": names}


SITE_TRANSITIONS: dict[str, dict[str, Rule]] = {
    "belum_ditangani": {"dalam_penataan": Rule()},
    "dalam_penataan": {"tertata": Rule(photo=True)},
    "tertata": {"kembali_semrawut": Rule(sweep_only=True)},
    "kembali_semrawut": {"dalam_penataan": Rule()},
}


def next_states(status: str, *, by_sweep: bool = False) -> list[str]:
    """The states a site in `status` may move to by hand (or by a sweep)."""
    moves = SITE_TRANSITIONS.get(status, {})
    return [to for to, rule in moves.items() if by_sweep or not rule.sweep_only]


def check_site_move(
    status: str, target: str, *, note: str | None, has_photo: bool, by_sweep: bool = False
) -> Rule:
    """The rule of a legal move; raises InvalidInput (naming the field) otherwise."""
    rule = SITE_TRANSITIONS.get(status, {}).get(target)
    if rule is None or (rule.sweep_only and not by_sweep):
        via = msg("err_site_move_via_sweep") if target == "kembali_semrawut" else ""
        fields, params = _refusal("site_status", status, target, next_states(status), "err_none")
        raise InvalidInput("err_site_move", fields, **params, via=via)
    if not (note or "").strip():
        raise InvalidInput("err_status_note", {"note": msg("err_field_note_work")})
    if rule.photo and not has_photo:
        raise InvalidInput(
            "err_status_photo",
            {"photo": msg("err_field_photo_after")},
            target=Label("site_status", target),
        )
    return rule


_CLOSE = {
    "duplikat": Rule(original=True, stamps="closed_at"),
    "ditolak": Rule(reason=True, stamps="closed_at"),
}
REPORT_TRANSITIONS: dict[str, dict[str, Rule]] = {
    "dilaporkan": {"diverifikasi": Rule(stamps="verified_at"), **_CLOSE},
    "diverifikasi": {
        "ditangani": Rule(stamps="handled_at"),
        "surut": Rule(stamps="receded_at"),  # receded before anyone had to act
        **_CLOSE,
    },
    "ditangani": {"surut": Rule(stamps="receded_at")},
    "surut": {"selesai": Rule(stamps="closed_at")},
    "selesai": {},
    "duplikat": {},
    "ditolak": {},
}


def next_report_states(status: str) -> list[str]:
    return list(REPORT_TRANSITIONS.get(status, {}))


def is_final_report_status(status: str) -> bool:
    """A report in this status moves no further (done, duplicate or rejected): it is
    not handed over any more."""
    return not REPORT_TRANSITIONS.get(status)


def check_report_move(
    status: str,
    target: str,
    *,
    note: str | None,
    original: int | None = None,
    reason: str | None = None,
) -> Rule:
    """The rule of a legal report move; raises InvalidInput (naming the field) otherwise."""
    rule = REPORT_TRANSITIONS.get(status, {}).get(target)
    if rule is None:
        allowed = next_report_states(status)
        fields, params = _refusal("report_status", status, target, allowed, "err_none_closed")
        raise InvalidInput("err_report_move", fields, **params)
    if rule.original and original is None:
        raise InvalidInput(
            "err_duplicate_needs_original", {"duplicate_of": msg("err_field_original")}
        )
    if rule.reason and not (reason or "").strip():
        raise InvalidInput("err_reject_reason", {"reason": msg("err_field_reason")})
    if not (note or "").strip() and not rule.reason:
        raise InvalidInput("err_status_note", {"note": msg("err_field_note")})
    return rule


TASK_TRANSITIONS: dict[str, dict[str, Rule]] = {
    "direncanakan": {"berjalan": Rule(), "batal": Rule(reason=True)},
    "berjalan": {"selesai": Rule(), "batal": Rule(reason=True)},
    "selesai": {},
    "batal": {},
}


def next_task_states(status: str) -> list[str]:
    return list(TASK_TRANSITIONS.get(status, {}))


def is_final_task_status(status: str) -> bool:
    """A task in this status moves no further (done or cancelled)."""
    return not TASK_TRANSITIONS.get(status)


def check_task_move(
    status: str, target: str, *, note: str | None, participants: int | None = None
) -> Rule:
    """A legal task move: `selesai` needs a result note and the number of participants,
    `batal` a reason. Raises InvalidInput naming the field otherwise."""
    rule = TASK_TRANSITIONS.get(status, {}).get(target)
    if rule is None:
        allowed = next_task_states(status)
        fields, params = _refusal("task_status", status, target, allowed, "err_none_done")
        raise InvalidInput("err_task_move", fields, **params)
    if not (note or "").strip():
        what = msg("what_cancel_reason" if target == "batal" else "what_note")
        raise InvalidInput("err_change_needs", {"note": msg("err_field_note_it")}, what=what)
    if target == "selesai" and (participants is None or participants < 0):
        raise InvalidInput("err_task_participants", {"participants": msg("err_field_participants")})
    return rule


# Siaga warnings: in force until cancelled (with a reason); a cancelled one stays so.
WARNING_TRANSITIONS: dict[str, dict[str, Rule]] = {
    "aktif": {"batal": Rule(reason=True)},
    "batal": {},
}


def check_warning_move(status: str, target: str, *, reason: str | None) -> Rule:
    """A legal warning move (`batal` needs a reason). Raises InvalidInput otherwise."""
    rule = WARNING_TRANSITIONS.get(status, {}).get(target)
    if rule is None:
        raise InvalidInput(
            "siaga_err_move",
            {"status": msg("siaga_err_field_cancelled")},
            status=Label("warning_status", status),
        )
    if rule.reason and not (reason or "").strip():
        raise InvalidInput(
            "err_change_needs", {"reason": msg("err_field_note_it")}, what=msg("what_cancel_reason")
        )
    return rule


@dataclass(frozen=True)
class UsulanMove:
    """A move of an usulan: the permission action it needs (checked on the usulan's
    area) and whether it needs a reason."""

    action: str
    reason: bool = False


# draft → diteruskan (the lurah forwards; five per kelurahan and year) → prioritas (the
# camat marks; three per kecamatan and year) → diterima / tidak diterima (a reason).
# The limits are counted in `pantau.musrenbang.usulan`; a forwarded usulan may be pulled back to
# draft by the lurah, a priority unmarked by the camat.
USULAN_TRANSITIONS: dict[str, dict[str, UsulanMove]] = {
    "draft": {"diteruskan": UsulanMove("forward_usulan")},
    "diteruskan": {
        "draft": UsulanMove("forward_usulan"),
        "prioritas": UsulanMove("prioritise_usulan"),
        "diterima": UsulanMove("decide_usulan"),
        "tidak_diterima": UsulanMove("decide_usulan", reason=True),
    },
    "prioritas": {
        "diteruskan": UsulanMove("prioritise_usulan"),
        "diterima": UsulanMove("decide_usulan"),
        "tidak_diterima": UsulanMove("decide_usulan", reason=True),
    },
    "diterima": {},
    "tidak_diterima": {},
}


def next_usulan_states(status: str) -> list[str]:
    return list(USULAN_TRANSITIONS.get(status, {}))


def usulan_move(status: str, target: str) -> UsulanMove:
    """The move from `status` to `target`; raises InvalidInput naming the states
    allowed next when the table has no such move."""
    move = USULAN_TRANSITIONS.get(status, {}).get(target)
    if move is None:
        allowed = next_usulan_states(status)
        fields, params = _refusal("usulan_status", status, target, allowed, "err_none_decided")
        raise InvalidInput("err_usulan_move", fields, **params)
    return move


def check_usulan_reason(move: UsulanMove, reason: str | None) -> None:
    """Raises InvalidInput when `move` needs a reason and none is written."""
    if move.reason and not (reason or "").strip():
        raise InvalidInput("err_usulan_reason", {"reason": msg("err_field_reason")})
