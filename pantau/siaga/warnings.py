"""Siaga: warnings (peringatan) of heavy rain, tidal flooding (rob) or water from
upstream (kiriman), entered by the water office before the water comes.

A warning has a kind, a level, a source (with a reference), a window chosen in WIB and
stored as naive UTC, and the kelurahan it covers — chosen, or derived from the record:
rob covers the kelurahan with rob pockets, kiriman those with river-overflow pockets,
heavy rain every kelurahan. Entering, correcting and cancelling are `manage_warnings`
(sda, admin); every change is an event, corrections carry a version.

What a warning sets in motion lives beside this module: the pockets at risk
(`siaga_risk`), the watch tasks and the broadcast (`siaga_watch`), and what happened
after the window (`siaga_review`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pandas as pd

from pantau.access.permissions import Actor, event_user_id, require
from pantau.access.records import apply_change
from pantau.city import areas
from pantau.city.timefmt import WIB
from pantau.floods.pockets import chronic_window
from pantau.kernel.errors import InvalidInput, Label, Msg, NotFound, msg
from pantau.kernel.events import create_event
from pantau.kernel.vocab import codes
from pantau.kernel.workflow import check_warning_move
from pantau.store.ports import Store

# The causes of reports that each kind of warning is about: a pocket whose reports
# have these causes is at risk when such a warning is in force.
KIND_CAUSES: dict[str, tuple[str, ...]] = {
    "rob": ("rob", "tanggul_bocor"),
    "hujan_lebat": ("hujan_lebat", "saluran_tersumbat", "pompa_mati"),
    "kiriman": ("luapan_kali", "tanggul_bocor"),
}
# The cause that makes a kelurahan covered when the coverage is derived (None: all).
KIND_COVERS: dict[str, str | None] = {"rob": "rob", "kiriman": "luapan_kali", "hujan_lebat": None}
MAX_WINDOW = timedelta(days=7)
MAX_PAST = timedelta(days=7)  # a warning may be entered late, for the record
MAX_AHEAD = timedelta(days=14)
MAX_TEXT = 300
CHOSEN, DERIVED = "dipilih", "otomatis"


@dataclass(frozen=True)
class WarningDraft:
    """What a person enters. `starts`/`ends` are naive WIB wall-clock times; an empty
    `kelurahan` means "derive from the kind"."""

    kind: str
    level: str
    source: str
    starts: datetime
    ends: datetime
    source_ref: str = ""
    kelurahan: tuple[str, ...] = ()
    note: str = ""


def wib_to_utc(moment: datetime) -> datetime:
    """A naive WIB wall-clock time as naive UTC."""
    return moment.replace(tzinfo=WIB).astimezone(UTC).replace(tzinfo=None)


def _text(value: str) -> str:
    return " ".join((value or "").split())


def validate(draft: WarningDraft, now: datetime) -> dict[str, Any]:
    """The stored fields of a draft (window in UTC, covered kelurahan not yet derived).

    Raises InvalidInput with a message per field."""
    problems: dict[str, Msg] = {}
    if draft.kind not in codes("warning_kind"):
        problems["kind"] = msg("siaga_err_field_kind")
    if draft.level not in codes("warning_level"):
        problems["level"] = msg("siaga_err_field_level")
    if draft.source not in codes("warning_source"):
        problems["source"] = msg("siaga_err_field_source")
    ref, note = _text(draft.source_ref), _text(draft.note)
    if draft.source == "manual" and not ref:
        problems["source_ref"] = msg("siaga_err_field_ref")
    if len(ref) > MAX_TEXT or len(note) > MAX_TEXT:
        problems["source_ref" if len(ref) > MAX_TEXT else "note"] = msg(
            "siaga_err_field_long", n=MAX_TEXT
        )
    starts, ends = wib_to_utc(draft.starts), wib_to_utc(draft.ends)
    if ends <= starts:
        problems["ends"] = msg("siaga_err_field_order")
    elif ends - starts > MAX_WINDOW:
        problems["ends"] = msg("siaga_err_field_window", days=MAX_WINDOW.days)
    if starts < now - MAX_PAST:
        problems["starts"] = msg("siaga_err_field_past", days=MAX_PAST.days)
    elif starts > now + MAX_AHEAD:
        problems["starts"] = msg("siaga_err_field_ahead", days=MAX_AHEAD.days)
    known = areas.kelurahan_by_kode()
    strangers = [k for k in draft.kelurahan if k not in known]
    if strangers:
        problems["kelurahan"] = msg("siaga_err_field_kelurahan", codes=", ".join(strangers))
    if problems:
        raise InvalidInput("err_check_marked", problems)
    return {
        "kind": draft.kind,
        "level": draft.level,
        "source": draft.source,
        "source_ref": ref or None,
        "starts_at": starts,
        "ends_at": ends,
        "note": note or None,
    }


def derived_kelurahan(db: Store, kind: str, at: datetime) -> tuple[str, ...]:
    """The kelurahan a warning of `kind` covers by default at `at`: those with pockets
    whose reports of the last 12 months name the kind's cause (rob, river overflow), or
    every kelurahan for heavy rain."""
    cause = KIND_COVERS.get(kind)
    if cause is None:
        return tuple(sorted(areas.kelurahan_by_kode()))
    since, until = chronic_window(at)
    found = db.read().siaga.cause_reports((cause,), since, until)
    return tuple(sorted({str(k) for k in found["kelurahan_kode"].dropna()}))


def _coverage(db: Store, draft: WarningDraft, now: datetime) -> tuple[str, str]:
    if draft.kelurahan:
        return ",".join(sorted(set(draft.kelurahan))), CHOSEN
    derived = derived_kelurahan(db, draft.kind, now)
    if not derived:
        raise InvalidInput("err_check_marked", {"kelurahan": msg("siaga_err_field_none_derived")})
    return ",".join(derived), DERIVED


def create_warning(db: Store, actor: Actor, draft: WarningDraft, now: datetime) -> int:
    """Enter a warning; return its id. Raises NotAllowed, InvalidInput."""
    require(actor, "manage_warnings")
    row = validate(draft, now)
    kodes, coverage = _coverage(db, draft, now)
    row.update(
        kelurahan_kodes=kodes,
        coverage=coverage,
        status="aktif",
        cancel_reason=None,
        is_sample=False,
        created_at=now,
        updated_at=now,
    )
    with db.write() as s:
        warning_id = s.records.insert("warnings", row)
        assert warning_id is not None
        s.events.append([create_event("warning", warning_id, row, now, event_user_id(actor))])
    return warning_id


def correct_warning(
    db: Store,
    actor: Actor,
    warning_id: int,
    expected_version: int,
    draft: WarningDraft,
    now: datetime,
) -> dict[str, Any]:
    """Correct a warning in force (window, level, coverage …); return the row.
    Raises NotAllowed, InvalidInput, NotFound, Conflict (someone saved first)."""
    require(actor, "manage_warnings")
    values = validate(draft, now)
    kodes, coverage = _coverage(db, draft, now)
    values.update(kelurahan_kodes=kodes, coverage=coverage)

    def check(stored: dict[str, Any]) -> None:
        if stored["status"] != "aktif":
            raise InvalidInput(
                "siaga_err_move",
                {"status": msg("siaga_err_field_cancelled")},
                status=Label("warning_status", str(stored["status"])),
            )

    return apply_change(
        db, actor, "warning", "warnings", warning_id, expected_version, values, now, check=check
    )


def cancel_warning(
    db: Store, actor: Actor, warning_id: int, expected_version: int, reason: str, now: datetime
) -> dict[str, Any]:
    """Cancel a warning, with a reason. Raises NotAllowed, InvalidInput, NotFound, Conflict."""
    require(actor, "manage_warnings")
    text = _text(reason)

    def check(stored: dict[str, Any]) -> None:
        check_warning_move(str(stored["status"]), "batal", reason=text)

    return apply_change(
        db,
        actor,
        "warning",
        "warnings",
        warning_id,
        expected_version,
        {"status": "batal", "cancel_reason": text},
        now,
        check=check,
        action="status",
        note=text,
    )


def get_warning(db: Store, warning_id: int) -> dict[str, Any]:
    """The stored warning. Raises NotFound."""
    row = db.read().records.get("warnings", warning_id)
    if row is None:
        raise NotFound("err_record_not_found", what=msg("record_warning"), id=warning_id)
    return row


def covered(warning: dict[str, Any]) -> tuple[str, ...]:
    """The covered kelurahan codes of a stored warning."""
    return tuple(k for k in str(warning["kelurahan_kodes"] or "").split(",") if k)


def phase(warning: dict[str, Any], now: datetime) -> str:
    """batal, akan (not yet begun), berlangsung (in force now) or lewat (over)."""
    if warning["status"] != "aktif":
        return "batal"
    if now < warning["starts_at"]:
        return "akan"
    return "berlangsung" if now < warning["ends_at"] else "lewat"


def recent_warnings(db: Store, now: datetime, days: int = 14) -> list[dict[str, Any]]:
    """Warnings in force, coming (up to MAX_AHEAD) or over in the last `days`, each with
    its `phase`: those in force first, then coming, then past — newest first in each."""
    frame = db.read().siaga.warnings_overlapping(
        now - timedelta(days=days), now + MAX_AHEAD + MAX_WINDOW
    )
    rows = [_row(r) for r in frame.to_dict("records")]
    order = {"berlangsung": 0, "akan": 1, "lewat": 2, "batal": 3}
    for r in rows:
        r["phase"] = phase(r, now)
    return sorted(rows, key=lambda r: (order[r["phase"]], -r["starts_at"].timestamp()))


def _row(record: dict[Any, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in record.items():
        if isinstance(value, pd.Timestamp):
            value = value.to_pydatetime()
        elif value is not None and not isinstance(value, str) and pd.isna(value):
            value = None
        out[str(key)] = value
    return out
