"""Genangan reports: recording one (placed, joined, put in a pocket), moving it along
its lifecycle, handing it between levels, and spotting likely duplicates.

Every write takes the acting user, checks role and area, and writes the row, the
pocket it may start and their events in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from pantau.access.permissions import Actor, Area, event_user_id, require
from pantau.access.records import apply_change
from pantau.city import areas
from pantau.city.timefmt import day_start_utc, to_wib
from pantau.files import photos as photo_rules
from pantau.files.photos import Photo
from pantau.floods import fields as report_fields
from pantau.floods.pocket_index import PocketIndex, metres
from pantau.geo import spatial
from pantau.geo.locations import current_boundaries
from pantau.kernel.errors import InvalidInput, NotFound, msg
from pantau.kernel.events import create_event
from pantau.kernel.vocab import OWNER_LEVELS, codes_in_group
from pantau.kernel.workflow import REPORT_TRANSITIONS, check_report_move, is_final_report_status
from pantau.store.ports import Event, Session, Store

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
    out, problems = report_fields.check(values, now, max_age=max_age)
    if problems:
        raise InvalidInput("err_check_marked", problems)
    return out


def place(
    db: Store,
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
    db: Store, lon: float, lat: float, observed_at: datetime, radius_m: float
) -> list[dict[str, Any]]:
    """Reports on the same WIB day within the pocket radius (or in the same pocket)."""
    day = to_wib(observed_at).date()
    since, until = day_start_utc(day), day_start_utc(day + timedelta(days=1))
    pad_lat, pad_lon = radius_m / 110_574 * 2, radius_m / 110_000 * 2
    near = db.read().reports.reports_near(
        lon - pad_lon, lat - pad_lat, lon + pad_lon, lat + pad_lat, since, until
    )
    index = PocketIndex(radius_m)
    nearest = PocketIndex(radius_m, db.read().reports.pocket_centres()).nearest(lon, lat)
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
    db: Store,
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
    with db.write() as s:
        pocket_id: int | None = None
        new_pocket = False
        events: list[Event] = []
        if not spot.approx:
            pocket_id, new_pocket, events = _pocket_for(s, spot, radius_m, actor, now)
        row = {
            **fields, "lon": spot.lon, "lat": spot.lat, "kelurahan_kode": spot.kelurahan_kode,
            "kecamatan_kode": spot.kecamatan_kode, "placement": spot.placement,
            "approx_location": spot.approx, "owner_level": "kelurahan", "status": "dilaporkan",
            "duplicate_of": None, "reject_reason": None, "pocket_id": pocket_id,
            "verified_at": None, "handled_at": None, "receded_at": None, "closed_at": None,
            "is_sample": False, "created_at": now, "updated_at": now,
        }  # fmt: skip
        report_id = s.records.insert("reports", row)
        assert report_id is not None
        events.append(create_event("report", report_id, row, now, event_user_id(actor)))
        if photo is not None:
            photo_rules.attach(s, photo, "report", report_id, "bukti", event_user_id(actor), now)
        s.events.append(events)
    return report_id, pocket_id, new_pocket


def _pocket_for(
    s: Session, spot: Placed, radius_m: float, actor: Actor, now: datetime
) -> tuple[int, bool, list[Event]]:
    hit = PocketIndex(radius_m, s.reports.pocket_centres()).nearest(spot.lon, spot.lat)
    if hit is not None:
        return hit[0], False, []
    pocket = {
        "lon": spot.lon, "lat": spot.lat, "name": None, "kelurahan_kode": spot.kelurahan_kode,
        "kecamatan_kode": spot.kecamatan_kode, "placement": spot.placement, "created_at": now,
    }  # fmt: skip
    pocket_id = s.records.insert("pockets", pocket)
    assert pocket_id is not None
    return pocket_id, True, [create_event("pocket", pocket_id, pocket, now, event_user_id(actor))]


def _area(stored: dict[str, Any]) -> Area:
    return Area(stored["kecamatan_kode"], stored["kelurahan_kode"])


def change_report_status(
    db: Store,
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
            original = db.read().records.get("reports", duplicate_of)
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


def _status(db: Store, report_id: int) -> str:
    stored = db.read().records.get("reports", report_id)
    if stored is None:
        raise NotFound("err_record_not_found", what=msg("record_report"), id=report_id)
    return str(stored["status"])


def hand_over_report(
    db: Store,
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
