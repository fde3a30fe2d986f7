"""The evidence an usulan stands on (pulled from pockets, reports, sweeps and tasks,
kept as a snapshot, recomputed on request) and drafting from it (suggestions, one
action, drafted once)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from pantau.floods.pockets import chronic_stats
from pantau.kernel.errors import NotAllowed
from pantau.musrenbang.evidence import loads
from pantau.musrenbang.usulan import (
    REPEAT_REGRESSIONS,
    Draft,
    draft_from_pocket,
    draft_from_site,
    edit_usulan,
    get_usulan,
    refresh_evidence,
    suggestions,
)
from pantau.store import Database
from tests.conftest import NOW
from tests.test_usulan import ACTORS, ADMIN, KALIBARU, LURAH

pytestmark = pytest.mark.both_engines

CHRONIC_ROB_POCKET = 39  # Kalibaru's most flooded pocket in the sample, mostly rob
SUNTER_JAYA_SITE = 19  # regressed once in the sample


def test_suggestions_are_the_chronic_pockets_without_an_usulan(sample_copy: Database) -> None:
    found = suggestions(sample_copy, NOW, kelurahan=KALIBARU)
    stats = chronic_stats(sample_copy, NOW, kelurahan=KALIBARU)
    chronic = set(stats[stats["chronic"]]["id"])
    assert set(found[found["kind"] == "pocket"]["record_id"]) == chronic
    assert CHRONIC_ROB_POCKET in chronic
    draft_from_pocket(sample_copy, LURAH, CHRONIC_ROB_POCKET, NOW)
    after = suggestions(sample_copy, NOW, kelurahan=KALIBARU)
    assert set(after["record_id"]) == chronic - {CHRONIC_ROB_POCKET}


def test_a_pocket_draft_carries_its_evidence(sample_copy: Database) -> None:
    uid = draft_from_pocket(sample_copy, LURAH, CHRONIC_ROB_POCKET, NOW)
    row = get_usulan(sample_copy, uid)
    evidence = loads(row["evidence_json"])
    stats = chronic_stats(sample_copy, NOW, kelurahan=KALIBARU).set_index("id")
    pocket = stats.loc[CHRONIC_ROB_POCKET]
    assert evidence["kind"] == "pocket" and evidence["chronic"] is True
    assert evidence["floods"] == int(pocket["floods"])
    assert evidence["reports"] == int(pocket["reports"])
    assert evidence["max_depth"] == int(pocket["max_depth"])
    assert evidence["typical_hours"] is not None and evidence["typical_depth"] is not None
    assert evidence["causes"][0][0] == pocket["main_cause"] == "rob"
    assert sum(n for _, n in evidence["flood_days_by_year"]) >= evidence["floods"]
    assert evidence["groups"], "the kelurahan's groups are offered"
    assert row["work_type"] == "tanggul" and row["pocket_id"] == CHRONIC_ROB_POCKET
    assert (row["lon"], row["lat"]) != (None, None) and row["status"] == "draft"
    assert row["participation"] and row["evidence_at"] == NOW


def test_a_double_click_drafts_once(sample_copy: Database) -> None:
    first = draft_from_pocket(sample_copy, LURAH, CHRONIC_ROB_POCKET, NOW)
    again = draft_from_pocket(sample_copy, LURAH, CHRONIC_ROB_POCKET, NOW + timedelta(seconds=1))
    assert first == again
    cur = sample_copy.cursor()
    rows = cur.execute(
        "SELECT count(*) FROM usulan WHERE pocket_id = ?", [CHRONIC_ROB_POCKET]
    ).fetchone()
    creates = cur.execute(
        "SELECT count(*) FROM events WHERE record_type = 'usulan' AND action = 'create'"
        " AND record_id = ?",
        [first],
    ).fetchone()
    assert rows == (1,) and creates == (1,)


def test_drafting_needs_the_permission_in_the_pockets_kelurahan(sample_copy: Database) -> None:
    elsewhere = 46  # Semper Barat, same kecamatan
    with pytest.raises(NotAllowed):
        draft_from_pocket(sample_copy, LURAH, elsewhere, NOW)
    with pytest.raises(NotAllowed):
        draft_from_pocket(sample_copy, ACTORS["camat"], CHRONIC_ROB_POCKET, NOW)


def test_the_snapshot_stays_until_recomputed_and_that_is_logged(sample_copy: Database) -> None:
    uid = draft_from_pocket(sample_copy, LURAH, CHRONIC_ROB_POCKET, NOW)
    before = loads(get_usulan(sample_copy, uid)["evidence_json"])
    later = NOW + timedelta(days=400)  # every flood now older than the window
    assert loads(get_usulan(sample_copy, uid)["evidence_json"]) == before
    row = refresh_evidence(sample_copy, LURAH, uid, 1, later)
    after = loads(row["evidence_json"])
    assert (
        before["floods"] > 0
        and after["floods"] == 0
        and after["computed_at"] != before["computed_at"]
    )
    fields = (
        sample_copy.cursor()
        .execute("SELECT field FROM events WHERE record_type = 'usulan' AND action = 'evidence'")
        .fetchall()
    )
    assert {f[0] for f in fields} == {"evidence_json", "evidence_at"}


def _regress(db: Database, site_id: int, times: int) -> None:
    for n in range(times):
        db.read().records.insert(
            "sweeps",
            {
                "site_id": site_id,
                "swept_at": NOW - timedelta(days=20 + n),
                "result": "semrawut",
                "note": "kembali semrawut",
                "user_id": None,
                "created_at": NOW,
            },
        )


def test_a_repeatedly_regressed_site_is_suggested_and_drafted(sample_copy: Database) -> None:
    site = (
        sample_copy.cursor()
        .execute("SELECT kelurahan_kode, owner_unit FROM sites WHERE id = ?", [SUNTER_JAYA_SITE])
        .fetchone()
    )
    assert site is not None
    kelurahan, owner_unit = site
    assert SUNTER_JAYA_SITE not in set(
        suggestions(sample_copy, NOW, kelurahan=kelurahan)["record_id"]
    )
    _regress(sample_copy, SUNTER_JAYA_SITE, REPEAT_REGRESSIONS - 1)  # one in the sample
    found = suggestions(sample_copy, NOW, kelurahan=kelurahan)
    sites = found[found["kind"] == "site"]
    assert list(sites["record_id"]) == [SUNTER_JAYA_SITE]
    assert int(sites.iloc[0]["regressions"]) == REPEAT_REGRESSIONS
    uid = draft_from_site(sample_copy, ADMIN, SUNTER_JAYA_SITE, NOW)
    assert draft_from_site(sample_copy, ADMIN, SUNTER_JAYA_SITE, NOW) == uid
    row = get_usulan(sample_copy, uid)
    evidence = loads(row["evidence_json"])
    assert evidence["kind"] == "site" and evidence["regressions"] == REPEAT_REGRESSIONS
    assert evidence["sweeps"] >= REPEAT_REGRESSIONS and evidence["history"]
    assert row["work_type"] == "penataan" and row["office"] == owner_unit
    assert suggestions(sample_copy, NOW, kelurahan=kelurahan)["kind"].tolist().count("site") == 0


def test_usulan_rebuild_from_their_event_log(sample_copy: Database) -> None:
    from pantau.admin.integrity import check
    from pantau.musrenbang.usulan import move_usulan, shift_usulan

    first = draft_from_pocket(sample_copy, LURAH, CHRONIC_ROB_POCKET, NOW)
    second = draft_from_pocket(sample_copy, LURAH, 40, NOW)  # Kalibaru's other
    shift_usulan(sample_copy, LURAH, second, 1, -1, "kelurahan", NOW)
    refresh_evidence(sample_copy, LURAH, first, 2, NOW + timedelta(hours=1))
    row = get_usulan(sample_copy, first)
    edit_usulan(sample_copy, LURAH, first, 3, _with_volume(row), NOW)
    move_usulan(sample_copy, LURAH, first, 4, "diteruskan", NOW)
    report = check(sample_copy)
    assert report.ok, report.text()


def _with_volume(row: dict) -> Draft:
    return Draft(
        title=row["title"],
        work_type=row["work_type"],
        kelurahan_kode=row["kelurahan_kode"],
        office=row["office"],
        volume=250.0,
        unit="m",
        participation=row["participation"],
    )
