"""Genangan reports: recording one (placed, joined, put in a pocket), moving it along
its lifecycle, handing it between levels, and spotting likely duplicates.

Every write takes the acting user, checks role and area, and writes the row, the
pocket it may start and their events in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import duckdb

from pantau.access.permissions import Actor, Area, event_user_id, require
from pantau.access.records import apply_change
from pantau.city import areas
from pantau.city.timefmt import day_start_utc, to_wib
from pantau.files import photos as photo_rules
from pantau.files.photos import Photo
from pantau.floods.pocket_index import PocketIndex, metres
from pantau.geo import spatial
from pantau.geo.locations import current_boundaries
from pantau.kernel.errors import InvalidInput, Msg, NotFound, msg
from pantau.kernel.events import create_event
from pantau.kernel.vocab import OWNER_LEVELS, codes, codes_in_group
from pantau.kernel.workflow import REPORT_TRANSITIONS, check_report_move, is_final_report_status
from pantau.store import Database, tables
from pantau.store import events as event_store
from pantau.store import reports as report_store

MIN_DEPTH, MAX_DEPTH = 1, 400  # cm; deeper than 4 m is a typing error, not a genangan
MAX_TEXT = 300
PHONE_CHARS = set("0123456789+-() ")
OBSERVED_MAX_AGE = timedelta(days=30)  # older reports come in through an import
REPORT_LEVELS = tuple(t.code for t in OWNER_LEVELS)  # kelurahan, kecamatan, kota, provinsi


@dataclass(frozen=True)
class Placed:
    lon: float
    lat: float
    kelurahan_kode: str
    kecamatan_kode: str
    placement: str
    approx: bool


def clean_fields(
    values: dict[str, Any], now: datetime, *, max_age: timedelta | None
) -> dict[str, Any]:
    """Validate what a person typed. Raises InvalidInput naming every bad field."""
    problems: dict[str, Msg] = {}
    out: dict[str, Any] = {}
    try:
        depth = int(str(values.get("depth_cm", "")).strip())
    except ValueError:
        depth = -1
    if not MIN_DEPTH <= depth <= MAX_DEPTH:
        problems["depth_cm"] = msg("err_field_depth", low=MIN_DEPTH, high=MAX_DEPTH)
    out["depth_cm"] = depth
    cause = str(values.get("cause") or "").strip()
    if cause not in codes("cause"):
        problems["cause"] = msg("err_field_cause")
    out["cause"] = cause
    source = str(values.get("source") or "").strip()
    if source not in codes("report_source"):
        problems["source"] = msg("err_field_source")
    out["source"] = source
    ref = str(values.get("source_ref") or "").strip() or None
    if source == "jaki" and not ref:
        problems["source_ref"] = msg("err_field_jaki_ticket")
    out["source_ref"] = ref
    observed = values.get("observed_at")
    if not isinstance(observed, datetime):
        problems["observed_at"] = msg("err_field_observed_at")
    elif observed > now + timedelta(minutes=10):
        problems["observed_at"] = msg("err_field_observed_future")
    elif max_age is not None and observed < now - max_age:
        problems["observed_at"] = msg("err_field_too_old_import", days=max_age.days)
    out["observed_at"] = observed
    for name in ("reporter_name", "address", "note"):
        text = " ".join(str(values.get(name) or "").split())
        if len(text) > MAX_TEXT:
            problems[name] = msg("err_field_max_chars", n=MAX_TEXT)
        out[name] = text or None
    phone = str(values.get("reporter_phone") or "").strip()
    if phone and not phone_ok(phone):
        problems["reporter_phone"] = msg("err_field_phone")
    out["reporter_phone"] = phone or None
    if problems:
        raise InvalidInput("err_check_marked", problems)
    return out


def phone_ok(phone: str) -> bool:
    """A reporter's phone as the report form (and the report import) takes it: digits,
    spaces, + - ( ), and 6 to 15 digits."""
    return set(phone) <= PHONE_CHARS and 6 <= sum(c.isdigit() for c in phone) <= 15


def place(
    db: Database,
    lon: float | None,
    lat: float | None,
    kelurahan_kode: str | None,
    tolerance_m: float,
) -> Placed:
    """Where a report is: from coordinates (joined to a kelurahan), or — without them —
    the chosen kelurahan's inside point, flagged approximate. Raises InvalidInput for a
    point outside Jakarta Utara (naming the nearest kelurahan and distance)."""
    if lon is None or lat is None:
        if not kelurahan_kode:
            raise InvalidInput(
                "err_location_needed",
                {"lokasi": msg("err_field_no_location")},
            )
        kel = areas.kelurahan(kelurahan_kode)
        return Placed(kel.inside_lon, kel.inside_lat, kel.kode, kel.kecamatan_kode, "inside", True)
    spot = spatial.assign_point(current_boundaries(db), lon, lat, tolerance_m)
    return Placed(lon, lat, spot.kelurahan_kode, spot.kecamatan_kode, spot.placement, False)


def likely_duplicates(
    db: Database, lon: float, lat: float, observed_at: datetime, radius_m: float
) -> list[dict[str, Any]]:
    """Reports on the same WIB day within the pocket radius (or in the same pocket)."""
    day = to_wib(observed_at).date()
    since, until = day_start_utc(day), day_start_utc(day + timedelta(days=1))
    pad_lat, pad_lon = radius_m / 110_574 * 2, radius_m / 110_000 * 2
    near = report_store.reports_near(
        db.cursor(), lon - pad_lon, lat - pad_lat, lon + pad_lon, lat + pad_lat, since, until
    )
    index = PocketIndex(radius_m)
    nearest = PocketIndex(radius_m, report_store.pocket_centres(db.cursor())).nearest(lon, lat)
    x, y = metres(lon, lat)
    out = []
    for r in near:
        rx, ry = metres(float(r["lon"]), float(r["lat"]))
        close = ((rx - x) ** 2 + (ry - y) ** 2) ** 0.5 <= index.radius
        same_pocket = nearest is not None and r["pocket_id"] == nearest[0]
        if close or same_pocket:
            out.append(r)
    return out


def create_report(
    db: Database,
    actor: Actor,
    now: datetime,
    values: dict[str, Any],
    *,
    lon: float | None = None,
    lat: float | None = None,
    kelurahan_kode: str | None = None,
    radius_m: float = 50.0,
    tolerance_m: float = 250.0,
    photo: Photo | None = None,
) -> tuple[int, int | None, bool]:
    """Record a report; return (report id, pocket id, whether the pocket is new).

    Raises NotAllowed (outside the actor's area), InvalidInput (bad fields, no place,
    outside Jakarta Utara).
    """
    fields = clean_fields(values, now, max_age=OBSERVED_MAX_AGE)
    spot = place(db, lon, lat, kelurahan_kode, tolerance_m)
    require(actor, "create_report", Area(spot.kecamatan_kode, spot.kelurahan_kode))
    if spot.approx and not fields["address"]:
        raise InvalidInput("err_address_required", {"address": msg("err_field_address")})
    with db.transaction() as cur:
        pocket_id: int | None = None
        new_pocket = False
        events: list[event_store.Event] = []
        if not spot.approx:
            pocket_id, new_pocket, events = _pocket_for(cur, spot, radius_m, actor, now)
        row = {
            **fields, "lon": spot.lon, "lat": spot.lat, "kelurahan_kode": spot.kelurahan_kode,
            "kecamatan_kode": spot.kecamatan_kode, "placement": spot.placement,
            "approx_location": spot.approx, "owner_level": "kelurahan", "status": "dilaporkan",
            "duplicate_of": None, "reject_reason": None, "pocket_id": pocket_id,
            "verified_at": None, "handled_at": None, "receded_at": None, "closed_at": None,
            "is_sample": False, "created_at": now, "updated_at": now,
        }  # fmt: skip
        report_id = tables.insert(cur, "reports", row)
        assert report_id is not None
        events.append(create_event("report", report_id, row, now, event_user_id(actor)))
        if photo is not None:
            photo_rules.attach(cur, photo, "report", report_id, "bukti", event_user_id(actor), now)
        event_store.append(cur, events)
    return report_id, pocket_id, new_pocket


def _pocket_for(
    cur: duckdb.DuckDBPyConnection, spot: Placed, radius_m: float, actor: Actor, now: datetime
) -> tuple[int, bool, list[event_store.Event]]:
    hit = PocketIndex(radius_m, report_store.pocket_centres(cur)).nearest(spot.lon, spot.lat)
    if hit is not None:
        return hit[0], False, []
    pocket = {
        "lon": spot.lon, "lat": spot.lat, "name": None, "kelurahan_kode": spot.kelurahan_kode,
        "kecamatan_kode": spot.kecamatan_kode, "placement": spot.placement, "created_at": now,
    }  # fmt: skip
    pocket_id = tables.insert(cur, "pockets", pocket)
    assert pocket_id is not None
    return pocket_id, True, [create_event("pocket", pocket_id, pocket, now, event_user_id(actor))]


def _area(stored: dict[str, Any]) -> Area:
    return Area(stored["kecamatan_kode"], stored["kelurahan_kode"])


def change_report_status(
    db: Database,
    actor: Actor,
    report_id: int,
    expected_version: int,
    target: str,
    note: str | None,
    now: datetime,
    *,
    duplicate_of: int | None = None,
    reason: str | None = None,
) -> dict[str, Any]:
    """Move a report along its lifecycle, stamping the time it entered the new state.

    Raises NotAllowed, InvalidInput (illegal move names the allowed ones), NotFound,
    Conflict.
    """
    text = (note or "").strip() or None
    why = (reason or "").strip() or None

    def check(stored: dict[str, Any]) -> None:
        require(actor, "edit_report", _area(stored))
        check_report_move(stored["status"], target, note=text, original=duplicate_of, reason=why)
        if duplicate_of is not None:
            original = tables.get(db.cursor(), "reports", duplicate_of)
            if original is None or duplicate_of == report_id:
                raise InvalidInput(
                    "err_original_not_found", {"duplicate_of": msg("err_field_check")}
                )
            if original["status"] in codes_in_group("report_status", "closed"):
                raise InvalidInput("err_original_closed", {"duplicate_of": msg("err_field_check")})

    # The time column the move stamps; if the status changes meanwhile, the version
    # check refuses the save anyway.
    values: dict[str, Any] = {"status": target}
    rule = REPORT_TRANSITIONS.get(_status(db, report_id), {}).get(target)
    if rule is not None and rule.stamps:
        values[rule.stamps] = now
    if target == "duplikat":
        values["duplicate_of"] = duplicate_of
    if target == "ditolak":
        values["reject_reason"] = why
    return apply_change(
        db, actor, "report", "reports", report_id, expected_version, values, now,
        check=check, action="status", note=text or why,
    )  # fmt: skip


def _status(db: Database, report_id: int) -> str:
    stored = tables.get(db.cursor(), "reports", report_id)
    if stored is None:
        raise NotFound("err_record_not_found", what=msg("record_report"), id=report_id)
    return str(stored["status"])


def hand_over_report(
    db: Database,
    actor: Actor,
    report_id: int,
    expected_version: int,
    level: str,
    reason: str | None,
    now: datetime,
) -> dict[str, Any]:
    """Hand a report to another level (kelurahan, kecamatan, kota, provinsi) with a
    reason. Raises NotAllowed, InvalidInput, NotFound, Conflict."""
    if level not in REPORT_LEVELS:
        raise InvalidInput("err_level_unknown", {"owner_level": msg("err_field_from_list")})
    why = (reason or "").strip()
    if not why:
        raise InvalidInput("err_handover_reason", {"reason": msg("err_field_reason")})

    def check(stored: dict[str, Any]) -> None:
        require(actor, "edit_report", _area(stored))
        if stored["owner_level"] == level:
            raise InvalidInput(
                "err_report_same_level", {"owner_level": msg("err_field_other_level")}
            )
        if is_final_report_status(stored["status"]):
            raise InvalidInput("err_report_closed_handover")

    return apply_change(
        db, actor, "report", "reports", report_id, expected_version, {"owner_level": level},
        now, check=check, action="handover", note=why,
    )  # fmt: skip
