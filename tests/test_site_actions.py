"""Status moves, sweeps, hand-overs, photos and directives through the core."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta

import pytest
from PIL import Image

from pantau.access.auth import authenticate
from pantau.admin import integrity
from pantau.city.timefmt import to_wib
from pantau.dashboard.queue import my_queue
from pantau.files.photos import prepare
from pantau.kernel.errors import Conflict, InvalidInput, NotAllowed
from pantau.sites.actions import change_status, hand_over, record_sweep
from pantau.sites.directives import add_directive, answer_directive, for_site
from pantau.sites.listing import SiteQuery, site_rows
from pantau.sites.rules import ping_pong_ids
from pantau.store import Database

pytestmark = pytest.mark.both_engines

NOW = datetime(2026, 11, 24, 3, 0)
PLUIT = "31.72.01.1005"


def _photo():  # type: ignore[no-untyped-def]
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (0, 150, 0)).save(out, format="JPEG")
    return prepare(out.getvalue(), 8)


def _lurah(db: Database):  # type: ignore[no-untyped-def]
    return authenticate(db, "lurah.pluit", "demo-lurah", NOW)


def _site(db: Database, status: str, kelurahan: str = PLUIT) -> dict:
    for row in db.read().records.rows("sites"):
        if row["kelurahan_kode"] == kelurahan and row["status"] == status:
            return row
    # make one: the sample has few sites per kelurahan
    row = next(r for r in db.read().records.rows("sites") if r["kelurahan_kode"] == kelurahan)
    db.read().records.update("sites", row["id"], {"status": status})
    fresh = db.read().records.get("sites", row["id"])
    assert fresh is not None
    return fresh


def test_full_workflow_with_note_and_photo(sample_copy: Database) -> None:
    lurah = _lurah(sample_copy)
    site = _site(sample_copy, "belum_ditangani")
    v = change_status(sample_copy, lurah, site["id"], site["version"], "dalam_penataan",
                      "PKL ditata ulang", NOW)["version"]  # fmt: skip
    with pytest.raises(InvalidInput, match="foto"):
        change_status(sample_copy, lurah, site["id"], v, "tertata", "selesai", NOW)
    after = change_status(
        sample_copy, lurah, site["id"], v, "tertata", "Trotoar bersih", NOW, _photo()
    )
    assert after["status"] == "tertata"
    photos = sample_copy.read().photos.for_record("site", site["id"])
    assert [p["role"] for p in photos][-1] == "sesudah"
    history = sample_copy.read().events.for_record("site", site["id"])
    moves = history[(history["field"] == "status") & (history["user_id"] == lurah.id)]
    assert list(moves["new_value"]) == ["dalam_penataan", "tertata"]
    assert list(moves["note"]) == ["PKL ditata ulang", "Trotoar bersih"]
    assert integrity.check(sample_copy).ok


def test_illegal_move_names_the_allowed_ones(sample_copy: Database) -> None:
    site = _site(sample_copy, "belum_ditangani")
    with pytest.raises(InvalidInput, match="Dalam penataan"):
        change_status(sample_copy, _lurah(sample_copy), site["id"], site["version"], "tertata",
                      "lompat", NOW, _photo())  # fmt: skip


def test_semrawut_sweep_reopens_the_site(sample_copy: Database) -> None:
    lurah = _lurah(sample_copy)
    site = _site(sample_copy, "tertata")
    with pytest.raises(InvalidInput, match="catatan"):
        record_sweep(sample_copy, lurah, site["id"], site["version"], "semrawut", "", NOW)
    after = record_sweep(
        sample_copy, lurah, site["id"], site["version"], "semrawut", "PKL kembali", NOW,
        photo=_photo(),
    )  # fmt: skip
    assert after["status"] == "kembali_semrawut" and after["last_sweep_at"] == NOW
    sweeps = [s for s in sample_copy.read().records.rows("sweeps") if s["site_id"] == site["id"]]
    assert sweeps[-1]["result"] == "semrawut" and sweeps[-1]["user_id"] == lurah.id
    assert sample_copy.read().photos.for_record("site", site["id"])[-1]["record_type"] == ("sweep")
    # A reopened site goes back into the workflow, not straight to tertata.
    with pytest.raises(InvalidInput):
        change_status(
            sample_copy, lurah, site["id"], after["version"], "tertata", "x", NOW, _photo()
        )
    assert integrity.check(sample_copy).ok


def test_tertib_sweep_and_sweep_rules(sample_copy: Database) -> None:
    lurah = _lurah(sample_copy)
    site = _site(sample_copy, "tertata")
    for when, message in [
        (NOW + timedelta(hours=1), "masa depan"),
        (NOW - timedelta(days=8), "lebih dari 7 hari"),
    ]:
        with pytest.raises(InvalidInput, match=message):
            record_sweep(sample_copy, lurah, site["id"], site["version"], "tertib", None, NOW, when)
    earlier = NOW - timedelta(days=2)
    after = record_sweep(
        sample_copy, lurah, site["id"], site["version"], "tertib", None, NOW, earlier
    )
    assert after["status"] == "tertata" and after["last_sweep_at"] == earlier
    open_site = _site(sample_copy, "dalam_penataan")
    with pytest.raises(InvalidInput, match="Hanya lokasi berstatus Tertata"):
        record_sweep(sample_copy, lurah, open_site["id"], open_site["version"], "tertib", None, NOW)


def test_lurah_cannot_sweep_or_move_another_kelurahan(sample_copy: Database) -> None:
    lurah = _lurah(sample_copy)
    other = next(
        r for r in sample_copy.read().records.rows("sites") if r["kelurahan_kode"] != PLUIT
    )
    with pytest.raises(NotAllowed):
        record_sweep(sample_copy, lurah, other["id"], other["version"], "tertib", None, NOW)
    with pytest.raises(NotAllowed):
        hand_over(sample_copy, lurah, other["id"], other["version"], "kota", "Sudin", "x", NOW)


def test_hand_over_back_and_forth_is_ping_pong(sample_copy: Database) -> None:
    lurah = _lurah(sample_copy)
    camat = authenticate(sample_copy, "camat.penjaringan", "demo-camat", NOW)
    site = _site(sample_copy, "belum_ditangani")
    session = sample_copy.read()
    assert site["id"] not in ping_pong_ids(session.map.owner_level_changes("site"))
    start_level = site["owner_level"]
    other = "kecamatan" if start_level != "kecamatan" else "kota"
    v = site["version"]
    with pytest.raises(InvalidInput, match="catatan"):
        hand_over(sample_copy, lurah, site["id"], v, other, "Seksi Tramtib", "", NOW)
    steps = [(other, "Seksi Tramtib"), (start_level, site["owner_unit"]), (other, "Seksi Tramtib"),
             (start_level, site["owner_unit"])]  # fmt: skip
    for i, (level, unit) in enumerate(steps):
        actor = lurah if i % 2 == 0 else camat
        v = hand_over(sample_copy, actor, site["id"], v, level, unit, f"alasan {i}", NOW)["version"]
    assert site["id"] in ping_pong_ids(session.map.owner_level_changes("site"))
    rows = site_rows(sample_copy, SiteQuery(ping_pong=True), NOW)
    assert site["id"] in set(rows["id"])


def test_directive_waits_in_the_owners_queue_until_answered(sample_copy: Database) -> None:
    sekko = authenticate(sample_copy, "sekko", "demo-sekko", NOW)
    lurah = _lurah(sample_copy)
    site = _site(sample_copy, "dalam_penataan")
    with pytest.raises(NotAllowed):
        add_directive(sample_copy, lurah, site["id"], "x", None, NOW, date(2026, 11, 24))
    with pytest.raises(InvalidInput, match="sudah lewat"):
        add_directive(
            sample_copy, sekko, site["id"], "x", date(2026, 11, 1), NOW, date(2026, 11, 24)
        )
    did = add_directive(
        sample_copy, sekko, site["id"], "Laporkan progres Jumat", date(2026, 11, 27), NOW,
        date(2026, 11, 24),
    )  # fmt: skip
    queue = my_queue(sample_copy, lurah, NOW)
    assert any(i.kind == "directive" and i.directive_id == did for i in queue)
    tamu = authenticate(sample_copy, "tamu", "demo-tamu", NOW)
    assert my_queue(sample_copy, tamu, NOW) == []
    with pytest.raises(NotAllowed):
        answer_directive(sample_copy, camat_other(sample_copy), did, 1, "jawab", NOW)
    answer_directive(sample_copy, lurah, did, 1, "Sudah 80%", NOW)
    with pytest.raises(Conflict):
        answer_directive(sample_copy, lurah, did, 1, "Jawaban kedua", NOW)
    assert for_site(sample_copy, site["id"])[0]["answer"] == "Sudah 80%"
    assert not any(i.directive_id == did for i in my_queue(sample_copy, lurah, NOW))


def camat_other(db: Database):  # type: ignore[no-untyped-def]
    from pantau.access.accounts import create_user
    from pantau.access.permissions import SYSTEM

    _, otp = create_user(db, SYSTEM, NOW, "camat.koja", "Camat Koja", "camat", "31.72.03", rounds=4)
    return authenticate(db, "camat.koja", otp, NOW)


def test_queue_is_most_urgent_first_and_in_my_area(sample_copy: Database) -> None:
    camat = authenticate(sample_copy, "camat.penjaringan", "demo-camat", NOW)
    queue = my_queue(sample_copy, camat, NOW)
    assert queue, "the sample leaves work for the camat"
    lates = [i.days_late for i in queue]
    assert lates == sorted(lates, reverse=True)
    kec = {r["id"]: r["kecamatan_kode"] for r in sample_copy.read().records.rows("sites")}
    assert {kec[i.record_id] for i in queue if i.record_type == "site"} == {"31.72.01"}
    assert {i.kind for i in queue} >= {"overdue"}


def test_a_site_tidied_long_ago_and_never_swept_is_late_from_its_first_due_day(
    sample_copy: Database,
) -> None:
    lurah = _lurah(sample_copy)
    site = _site(sample_copy, "dalam_penataan")
    sample_copy.read().records.update(
        "sites",
        site["id"],
        {"last_sweep_at": None, "sweep_interval_days": 14},
    )
    site = sample_copy.read().records.get("sites", site["id"])
    assert site is not None
    tidied = NOW - timedelta(days=60)
    change_status(sample_copy, lurah, site["id"], site["version"], "tertata", "Rapi", tidied,
                  _photo())  # fmt: skip
    item = next(i for i in my_queue(sample_copy, lurah, NOW) if i.record_id == site["id"])
    assert item.kind == "sweep" and item.late
    assert item.days_late == 60 - 14
    assert item.due == (to_wib(tidied) + timedelta(days=14)).date()
