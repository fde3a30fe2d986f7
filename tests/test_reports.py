"""Genangan reports through the core: recording, pockets, lifecycle, hand-over, SLA,
duplicates and personal data."""

from __future__ import annotations

import itertools
import math
from datetime import datetime, timedelta

import pytest

from pantau.access.auth import authenticate
from pantau.access.privacy import HIDDEN
from pantau.admin import integrity
from pantau.floods.listing import ReportQuery, chronic_ranking, report_rows, to_csv
from pantau.floods.pocket_index import PocketIndex
from pantau.floods.reports import (
    change_report_status,
    create_report,
    hand_over_report,
    likely_duplicates,
)
from pantau.floods.sla import ServiceLevel
from pantau.kernel.errors import InvalidInput, NotAllowed
from pantau.kernel.vocab import codes
from pantau.kernel.workflow import REPORT_TRANSITIONS, check_report_move
from pantau.store import Database

pytestmark = pytest.mark.both_engines

NOW = datetime(2026, 11, 24, 3, 0)
PLUIT = (106.7905, -6.1180)  # inside Kelurahan Pluit
FIELDS = {
    "depth_cm": 40,
    "cause": "saluran_tersumbat",
    "source": "warga",
    "observed_at": NOW - timedelta(hours=1),
    "reporter_name": "Bu Sari",
    "reporter_phone": "0812-1111-2222",
    "address": "RT 02/RW 05",
}


def _actor(db: Database, who: str):  # type: ignore[no-untyped-def]
    return authenticate(db, who, "demo-" + who.split(".")[0], NOW)


def _lonlat_east(lon: float, lat: float, metres: float) -> tuple[float, float]:
    return lon + metres / (111_320 * math.cos(math.radians(lat))), lat


LEGAL = {
    ("dilaporkan", "diverifikasi"),
    ("dilaporkan", "duplikat"),
    ("dilaporkan", "ditolak"),
    ("diverifikasi", "ditangani"),
    ("diverifikasi", "surut"),
    ("diverifikasi", "duplikat"),
    ("diverifikasi", "ditolak"),
    ("ditangani", "surut"),
    ("surut", "selesai"),
}


@pytest.mark.parametrize(("old", "new"), list(itertools.product(codes("report_status"), repeat=2)))
def test_report_transition_table(old: str, new: str) -> None:
    kwargs = {"note": "ok", "original": 1, "reason": "bukan genangan"}
    if (old, new) in LEGAL:
        assert check_report_move(old, new, **kwargs) is REPORT_TRANSITIONS[old][new]
    else:
        with pytest.raises(InvalidInput, match="Yang boleh berikutnya"):
            check_report_move(old, new, **kwargs)


def test_duplicate_needs_the_original_and_rejection_a_reason() -> None:
    with pytest.raises(InvalidInput) as err:
        check_report_move("dilaporkan", "duplikat", note="x")
    assert "duplicate_of" in err.value.fields
    with pytest.raises(InvalidInput) as err:
        check_report_move("dilaporkan", "ditolak", note="x", reason=" ")
    assert "reason" in err.value.fields


def test_record_a_report_joins_kelurahan_and_pocket(sample_copy: Database) -> None:
    lurah = _actor(sample_copy, "lurah.pluit")
    rid, pocket, _new = create_report(sample_copy, lurah, NOW, FIELDS, lon=PLUIT[0], lat=PLUIT[1])
    stored = sample_copy.read().records.get("reports", rid)
    assert stored is not None and stored["kelurahan_kode"] == "31.72.01.1005"
    assert stored["status"] == "dilaporkan" and stored["pocket_id"] == pocket
    _again, pocket2, new2 = create_report(
        sample_copy, lurah, NOW, FIELDS, lon=_lonlat_east(*PLUIT, 30)[0], lat=PLUIT[1]
    )
    assert pocket2 == pocket and not new2
    assert integrity.check(sample_copy).ok


def test_outside_the_city_and_outside_my_area_are_refused(sample_copy: Database) -> None:
    lurah = _actor(sample_copy, "lurah.pluit")
    with pytest.raises(InvalidInput, match="Jakarta Utara"):
        create_report(sample_copy, lurah, NOW, FIELDS, lon=106.80, lat=-6.30)
    with pytest.raises(NotAllowed):  # Koja is not Pluit
        create_report(sample_copy, lurah, NOW, FIELDS, lon=106.9003, lat=-6.1182)
    with pytest.raises(NotAllowed):
        create_report(
            sample_copy, _actor(sample_copy, "tamu"), NOW, FIELDS, lon=PLUIT[0], lat=PLUIT[1]
        )
    sda = _actor(sample_copy, "sda")  # city-wide
    create_report(sample_copy, sda, NOW, FIELDS, lon=106.9003, lat=-6.1182)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"depth_cm": 0}, "depth_cm"),
        ({"depth_cm": 900}, "depth_cm"),
        ({"cause": "tsunami"}, "cause"),
        ({"source": "jaki"}, "source_ref"),
        ({"observed_at": NOW + timedelta(hours=2)}, "observed_at"),
        ({"observed_at": NOW - timedelta(days=40)}, "observed_at"),
        ({"reporter_phone": "telepon saya"}, "reporter_phone"),
    ],
)
def test_bad_fields_are_named(sample_copy: Database, change: dict, field: str) -> None:
    with pytest.raises(InvalidInput) as err:
        create_report(
            sample_copy,
            _actor(sample_copy, "sda"),
            NOW,
            {**FIELDS, **change},
            lon=PLUIT[0],
            lat=PLUIT[1],
        )
    assert field in err.value.fields


def test_kelurahan_and_address_without_coordinates(sample_copy: Database) -> None:
    lurah = _actor(sample_copy, "lurah.pluit")
    with pytest.raises(InvalidInput) as err:
        create_report(
            sample_copy, lurah, NOW, {**FIELDS, "address": ""}, kelurahan_kode="31.72.01.1005"
        )
    assert "address" in err.value.fields
    rid, pocket, _ = create_report(sample_copy, lurah, NOW, FIELDS, kelurahan_kode="31.72.01.1005")
    stored = sample_copy.read().records.get("reports", rid)
    assert stored is not None and stored["approx_location"] and pocket is None


def test_a_chain_40_m_apart_does_not_creep_into_one_pocket() -> None:
    index = PocketIndex(50)
    pockets = []
    for i in range(6):
        lon, lat = _lonlat_east(*PLUIT, 40 * i)
        hit = index.nearest(lon, lat)
        if hit is None:
            index.add(100 + i, lon, lat)
            pockets.append(100 + i)
        else:
            pockets.append(hit[0])
    # 0 m and 40 m share a pocket; 80 m is 80 m from the first centre: a new one.
    assert pockets == [100, 100, 102, 102, 104, 104]


def test_lifecycle_stamps_each_state_and_closed_is_not_fixed(sample_copy: Database) -> None:
    sda = _actor(sample_copy, "sda")
    rid, _, _ = create_report(sample_copy, sda, NOW, FIELDS, lon=PLUIT[0], lat=PLUIT[1])
    v = 1
    for i, target in enumerate(["diverifikasi", "ditangani", "surut", "selesai"]):
        v = change_report_status(
            sample_copy, sda, rid, v, target, f"langkah {i}", NOW + timedelta(hours=i + 1)
        )["version"]
    stored = sample_copy.read().records.get("reports", rid)
    assert stored is not None
    stamps = [stored[k] for k in ("verified_at", "handled_at", "receded_at", "closed_at")]
    assert stamps == [NOW + timedelta(hours=h) for h in (1, 2, 3, 4)]
    other, _, _ = create_report(sample_copy, sda, NOW, FIELDS, lon=PLUIT[0], lat=PLUIT[1])
    with pytest.raises(InvalidInput, match="duplikat"):
        change_report_status(sample_copy, sda, other, 1, "duplikat", "sama", NOW)
    change_report_status(sample_copy, sda, other, 1, "duplikat", "sama", NOW, duplicate_of=rid)
    dup = sample_copy.read().records.get("reports", other)
    assert dup is not None and dup["duplicate_of"] == rid and dup["closed_at"] == NOW
    assert dup["receded_at"] is None  # closed, never fixed
    assert integrity.check(sample_copy).ok


def test_hand_over_and_ping_pong(sample_copy: Database) -> None:
    sda = _actor(sample_copy, "sda")
    rid, _, _ = create_report(sample_copy, sda, NOW, FIELDS, lon=PLUIT[0], lat=PLUIT[1])
    with pytest.raises(InvalidInput):
        hand_over_report(sample_copy, sda, rid, 1, "kota", "", NOW)
    v = 1
    for level in ("kecamatan", "kelurahan", "kecamatan", "kelurahan"):
        v = hand_over_report(sample_copy, sda, rid, v, level, "bukan wewenang kami", NOW)["version"]
    rows = report_rows(sample_copy, sda, ReportQuery(ping_pong_only=True), NOW, ServiceLevel())
    assert rid in set(rows["id"])


def test_sla_at_the_boundaries_in_wib() -> None:
    sla = ServiceLevel(24, 7)
    reported = datetime(2026, 11, 30, 16, 30)  # 23:30 WIB, 30 Nov
    assert not sla.response_late("dilaporkan", reported, reported + timedelta(hours=24))
    assert sla.response_late("dilaporkan", reported, reported + timedelta(hours=24, seconds=1))
    assert not sla.response_late("diverifikasi", reported, reported + timedelta(days=3))
    due = sla.followup_due(reported)
    assert due == datetime(2026, 12, 7, 16, 30)  # 23:30 WIB on 7 Dec, across the month end
    assert sla.followup_late("ditangani", reported, due + timedelta(seconds=1))
    assert not sla.followup_late("surut", reported, due + timedelta(days=30))


def test_likely_duplicates_same_spot_same_day(sample_copy: Database) -> None:
    sda = _actor(sample_copy, "sda")
    rid, _, _ = create_report(sample_copy, sda, NOW, FIELDS, lon=PLUIT[0], lat=PLUIT[1])
    lon, lat = _lonlat_east(*PLUIT, 20)
    assert rid in [r["id"] for r in likely_duplicates(sample_copy, lon, lat, NOW, 50)]
    far = _lonlat_east(*PLUIT, 400)
    assert rid not in [r["id"] for r in likely_duplicates(sample_copy, *far, NOW, 50)]
    assert rid not in [
        r["id"] for r in likely_duplicates(sample_copy, lon, lat, NOW + timedelta(days=1), 50)
    ]


def test_personal_data_absent_for_tamu_in_lists_and_exports(sample_copy: Database) -> None:
    tamu, sekko = _actor(sample_copy, "tamu"), _actor(sample_copy, "sekko")
    rows = report_rows(sample_copy, tamu, ReportQuery(), NOW, ServiceLevel())
    assert set(rows["reporter_phone"].dropna()) == {HIDDEN}
    text = to_csv(rows, tamu).decode("utf-8-sig")
    assert "reporter_phone" not in text and "0812-0000" not in text
    full = report_rows(sample_copy, sekko, ReportQuery(), NOW, ServiceLevel())
    assert "0812-0000" in to_csv(full, sekko).decode("utf-8-sig")
    hidden = report_rows(sample_copy, sekko, ReportQuery(), NOW, ServiceLevel(), presentation=True)
    assert "0812-0000" not in to_csv(hidden, sekko).decode("utf-8-sig")


def test_chronic_ranking(sample_copy: Database) -> None:
    ranking = chronic_ranking(sample_copy, NOW)
    assert not ranking.empty and ranking["chronic"].any()
    floods = list(ranking["floods"])
    assert floods == sorted(floods, reverse=True)
    pluit = chronic_ranking(sample_copy, NOW, kelurahan="31.72.01.1005")
    assert set(pluit["kelurahan_kode"]) <= {"31.72.01.1005"}


def test_late_reports_wait_in_my_queue(sample_copy: Database) -> None:
    from pantau.dashboard.queue import my_queue

    lurah = _actor(sample_copy, "lurah.pluit")
    rid, _, _ = create_report(sample_copy, lurah, NOW, FIELDS, lon=PLUIT[0], lat=PLUIT[1])
    later = NOW + timedelta(hours=25)
    mine = [i for i in my_queue(sample_copy, lurah, later) if i.kind == "report_late"]
    assert rid in [i.record_id for i in mine] and all(i.record_type == "report" for i in mine)
    sda = [i.record_id for i in my_queue(sample_copy, _actor(sample_copy, "sda"), later)]
    assert rid in sda
    change_report_status(sample_copy, lurah, rid, 1, "diverifikasi", "dicek", later)
    assert rid not in [
        i.record_id for i in my_queue(sample_copy, lurah, later) if i.kind == "report_late"
    ]
    tamu_items = [i.record_id for i in my_queue(sample_copy, _actor(sample_copy, "tamu"), later)]
    assert tamu_items == []


def test_flood_days_are_days_in_the_citys_time(sample_copy: Database) -> None:
    """23.30 and 00.30 WIB are two flood days though both are 23 Nov in UTC; the map,
    the pocket ranking and the meeting read the one query that counts them."""
    from pantau.city.timefmt import to_wib
    from pantau.kernel.vocab import codes_in_group

    lurah = _actor(sample_copy, "lurah.pluit")
    times = [datetime(2026, 11, 23, 16, 30), datetime(2026, 11, 23, 17, 30),
             datetime(2026, 11, 23, 18, 0)]  # fmt: skip
    pockets = set()
    for at in times:
        _rid, pocket, _new = create_report(
            sample_copy, lurah, NOW, {**FIELDS, "observed_at": at}, lon=PLUIT[0], lat=PLUIT[1]
        )
        pockets.add(pocket)
    (pocket,) = pockets
    since, until = times[0] - timedelta(minutes=1), times[-1] + timedelta(minutes=1)
    observed = (
        sample_copy.cursor()
        .execute(
            "SELECT observed_at FROM reports WHERE pocket_id = ? AND observed_at >= ?"
            " AND observed_at < ? AND NOT list_contains(?::VARCHAR[], status)",
            [pocket, since, until, list(codes_in_group("report_status", "closed"))],
        )
        .fetchall()
    )
    wib_days = {to_wib(r[0]).date() for r in observed}
    assert len(wib_days) > len({r[0].date() for r in observed})  # the case at hand
    stats = sample_copy.read().reports.pocket_stats(since, until)
    assert int(stats.set_index("id").loc[pocket, "floods"]) == len(wib_days)
    on_map = sample_copy.read().map.pockets(None, None, since, until)
    assert int(on_map.set_index("id").loc[pocket, "floods"]) == len(wib_days)
