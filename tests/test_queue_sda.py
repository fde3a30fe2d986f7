"""Work lists for genangan reports: a new report reaches the water office (sda) and the
lurah at once, in the SDA queue and in Tugas saya; late reports are flagged, most late
first, and never drop out for their age."""

from __future__ import annotations

from datetime import timedelta

import pytest

from pantau.access.auth import authenticate
from pantau.dashboard.queue import describe, my_queue, report_worklist, sda_queue
from pantau.floods.reports import change_report_status, create_report
from pantau.floods.sla import ServiceLevel
from pantau.kernel.i18n import t
from pantau.store import Database
from tests.conftest import NOW

pytestmark = pytest.mark.both_engines
PLUIT = (106.7905, -6.1180)  # inside Kelurahan Pluit
FIELDS = {
    "depth_cm": 40,
    "cause": "saluran_tersumbat",
    "source": "warga",
    "reporter_name": "Bu Sari",
    "reporter_phone": "0812-1111-2222",
    "address": "RT 02/RW 05 (uji antrean)",
}
SLA = ServiceLevel()


def _actor(db: Database, who: str):  # type: ignore[no-untyped-def]
    return authenticate(db, who, "demo-" + who.split(".")[0], NOW)


def _report(db: Database, at, who: str = "lurah.pluit") -> int:  # type: ignore[no-untyped-def]
    values = {**FIELDS, "observed_at": at - timedelta(minutes=30)}
    rid, _, _ = create_report(db, _actor(db, who), at, values, lon=PLUIT[0], lat=PLUIT[1])
    return rid


def test_a_fresh_report_is_in_the_sda_queue_and_sdas_tasks_at_once(
    sample_copy: Database,
) -> None:
    rid = _report(sample_copy, NOW)
    sda = _actor(sample_copy, "sda")
    queue = sda_queue(sample_copy, sda, NOW, SLA)
    row = queue[queue["id"] == rid]
    assert len(row) == 1 and not bool(row["late"].iloc[0])
    assert int(row["stage"].iloc[0]) == 0  # to verify
    mine = {i.record_id: i for i in my_queue(sample_copy, sda, NOW, SLA)}
    assert rid in mine and mine[rid].kind == "report_verify" and not mine[rid].late
    # The lurah whose kelurahan it is has it too, to verify.
    lurah = {i.record_id: i for i in my_queue(sample_copy, _actor(sample_copy, "lurah.pluit"), NOW)}
    assert lurah[rid].kind == "report_verify"
    # The reporter's phone stays masked for nobody allowed; tamu gets no queue at all.
    assert my_queue(sample_copy, _actor(sample_copy, "tamu"), NOW) == []


def test_queue_order_late_most_late_first_then_new_then_in_progress(
    sample_copy: Database,
) -> None:
    lurah = _actor(sample_copy, "lurah.pluit")
    fresh = _report(sample_copy, NOW)
    verified = _report(sample_copy, NOW - timedelta(hours=2))
    change_report_status(sample_copy, lurah, verified, 1, "diverifikasi", "dicek", NOW)
    queue = sda_queue(sample_copy, _actor(sample_copy, "sda"), NOW, SLA)
    late = queue[queue["late"]]
    assert not late.empty, "the sample leaves late open reports"
    assert list(queue["late"]) == sorted(queue["late"], reverse=True)  # late ones first
    days = list(late["days_late"])
    assert days == sorted(days, reverse=True)  # most late first
    waiting = queue[~queue["late"]]
    assert list(waiting["stage"]) == sorted(waiting["stage"])  # to verify, then in progress
    ids = list(queue["id"])
    assert fresh in ids
    # A verified report at kelurahan level is the lurah's to follow up, not the water office's.
    assert verified not in ids
    lurah_items = {i.record_id: i for i in my_queue(sample_copy, lurah, NOW)}
    assert lurah_items[verified].kind == "report_progress"


def test_a_late_report_120_days_old_stays_in_tugas_saya(sample_copy: Database) -> None:
    old = _report(sample_copy, NOW - timedelta(days=120))
    for who in ("sda", "lurah.pluit"):
        items = {i.record_id: i for i in my_queue(sample_copy, _actor(sample_copy, who), NOW)}
        assert old in items, who
        item = items[old]
        assert item.kind == "report_late" and item.late
        assert item.days_late >= 119
    queue = report_worklist(sample_copy, _actor(sample_copy, "sda"), NOW, SLA)
    assert int(queue.iloc[0]["id"]) == old  # the most late of all comes first


def test_tugas_saya_items_speak_the_users_language(sample_copy: Database) -> None:
    rid = _report(sample_copy, NOW)
    item = next(
        i for i in my_queue(sample_copy, _actor(sample_copy, "sda"), NOW) if i.record_id == rid
    )
    assert describe(item, "en") == "Reported · to verify"
    assert describe(item, "id") == "Dilaporkan · perlu diverifikasi"
    camat = _actor(sample_copy, "camat.penjaringan")
    overdue = next(i for i in my_queue(sample_copy, camat, NOW) if i.kind == "overdue")
    assert describe(overdue, "en").startswith("Target date ")
    assert t("queue_report_verify", "en") == "New report to verify"
