"""Status workflows as transition tables: which move is allowed, and what it needs.

One table per workflow. A move not in the table is refused with the states that
are allowed next, so a person knows what to do instead of guessing.
"""

from __future__ import annotations

from dataclasses import dataclass

from pantau.errors import InvalidInput
from pantau.vocab import label


@dataclass(frozen=True)
class Rule:
    """What a move needs: a note (always), a photo, that it happens by a sweep, the
    original report (duplikat) or a reason (ditolak); and the time column it stamps."""

    photo: bool = False
    sweep_only: bool = False
    original: bool = False
    reason: bool = False
    stamps: str | None = None


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
        allowed = next_states(status)
        names = ", ".join(label("site_status", s) for s in allowed) or "tidak ada"
        via = (
            " Perubahan ke Kembali semrawut hanya lewat penyisiran."
            if target == "kembali_semrawut"
            else ""
        )
        raise InvalidInput(
            f"Status {label('site_status', status)} tidak dapat langsung menjadi "
            f"{label('site_status', target)}. Yang boleh berikutnya: {names}.{via}",
            {"status": f"Pilih: {names}"},
        )
    if not (note or "").strip():
        raise InvalidInput(
            "Setiap perubahan status perlu catatan.", {"note": "Tulis apa yang dikerjakan."}
        )
    if rule.photo and not has_photo:
        raise InvalidInput(
            f"Status {label('site_status', target)} perlu foto bukti.",
            {"photo": "Lampirkan foto sesudah penataan."},
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
        names = ", ".join(label("report_status", s) for s in allowed) or "tidak ada (sudah ditutup)"
        raise InvalidInput(
            f"Laporan {label('report_status', status)} tidak dapat menjadi "
            f"{label('report_status', target)}. Yang boleh berikutnya: {names}.",
            {"status": f"Pilih: {names}"},
        )
    if rule.original and original is None:
        raise InvalidInput(
            "Laporan duplikat harus menunjuk laporan aslinya.",
            {"duplicate_of": "Pilih laporan asli."},
        )
    if rule.reason and not (reason or "").strip():
        raise InvalidInput("Laporan ditolak perlu alasan.", {"reason": "Tulis alasannya."})
    if not (note or "").strip() and not rule.reason:
        raise InvalidInput("Setiap perubahan status perlu catatan.", {"note": "Tulis catatan."})
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
        names = ", ".join(label("task_status", s) for s in allowed) or "tidak ada (sudah selesai)"
        raise InvalidInput(
            f"Tugas {label('task_status', status)} tidak dapat menjadi "
            f"{label('task_status', target)}. Yang boleh berikutnya: {names}.",
            {"status": f"Pilih: {names}"},
        )
    if not (note or "").strip():
        what = "alasan pembatalan" if target == "batal" else "catatan"
        raise InvalidInput(f"Perubahan ini perlu {what}.", {"note": "Tulis catatannya."})
    if target == "selesai" and (participants is None or participants < 0):
        raise InvalidInput(
            "Tugas selesai perlu jumlah peserta.", {"participants": "Isi jumlah peserta (0 boleh)."}
        )
    return rule
