"""Editing a site through the core: permission by area, validation, versions, history."""

from __future__ import annotations

import threading
from datetime import date, datetime

import pytest

from pantau.access.auth import authenticate
from pantau.admin import integrity
from pantau.kernel.errors import Conflict, InvalidInput, NotAllowed
from pantau.kernel.events import replay, tracked
from pantau.sites.rules import edit_site
from pantau.store import Database, open_database

pytestmark = pytest.mark.both_engines

NOW = datetime(2026, 11, 24, 3, 0)


def _site_in(db: Database, kelurahan: str | None = None, not_in: str | None = None) -> dict:
    for row in db.read().records.rows("sites"):
        if (kelurahan and row["kelurahan_kode"] == kelurahan) or (
            not_in and row["kelurahan_kode"] not in (None, not_in)
        ):
            return row
    raise AssertionError("no such site in the sample")


def test_lurah_edits_own_site_and_it_is_logged(sample_copy: Database) -> None:
    lurah = authenticate(sample_copy, "lurah.pluit", "demo-lurah", NOW)
    site = _site_in(sample_copy, kelurahan="31.72.01.1005")
    after = edit_site(
        sample_copy,
        lurah,
        site["id"],
        site["version"],
        {"address": "Jl. Pluit Raya <b>no. 1</b>", "sweep_interval_days": 7},
        NOW,
        note="Alamat dilengkapi",
    )
    assert after["version"] == site["version"] + 1
    stored = sample_copy.read().records.get("sites", site["id"])
    assert stored is not None and stored["address"] == "Jl. Pluit Raya <b>no. 1</b>"
    events = sample_copy.read().events.for_record("site", site["id"])
    mine = events[events["user_id"] == lurah.id]
    assert set(mine["field"]) == {"address", "sweep_interval_days"}
    assert set(mine["note"]) == {"Alamat dilengkapi"}


def test_lurah_changing_another_kelurahans_site_is_refused(sample_copy: Database) -> None:
    lurah = authenticate(sample_copy, "lurah.pluit", "demo-lurah", NOW)
    site = _site_in(sample_copy, not_in="31.72.01.1005")
    with pytest.raises(NotAllowed, match="wilayahnya sendiri"):
        edit_site(sample_copy, lurah, site["id"], site["version"], {"name": "Diubah"}, NOW)
    assert sample_copy.read().records.get("sites", site["id"]) == site
    assert len(sample_copy.read().events.for_record("site", site["id"]).query("user_id > 0")) == 0


@pytest.mark.parametrize("who", ["sekko", "sda", "tamu"])
def test_roles_without_site_edits_are_refused(sample_copy: Database, who: str) -> None:
    actor = authenticate(sample_copy, who, f"demo-{who}", NOW)
    site = _site_in(sample_copy, kelurahan="31.72.01.1005")
    with pytest.raises(NotAllowed, match="tidak boleh"):
        edit_site(sample_copy, actor, site["id"], site["version"], {"name": "X"}, NOW)


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"name": "   "}, "name"),
        ({"name": "x" * 121}, "name"),
        ({"category": "tidak_ada"}, "category"),
        ({"sweep_interval_days": 0}, "sweep_interval_days"),
        ({"sweep_interval_days": "dua"}, "sweep_interval_days"),
        ({"target_date": "besok"}, "target_date"),
    ],
)
def test_bad_values_name_their_field(sample_copy: Database, values: dict, field: str) -> None:
    camat = authenticate(sample_copy, "camat.penjaringan", "demo-camat", NOW)
    site = _site_in(sample_copy, kelurahan="31.72.01.1005")
    with pytest.raises(InvalidInput) as err:
        edit_site(sample_copy, camat, site["id"], site["version"], values, NOW)
    assert field in err.value.fields


def test_status_cannot_be_set_as_a_plain_field(sample_copy: Database) -> None:
    admin = authenticate(sample_copy, "admin", "demo-admin", NOW)
    site = _site_in(sample_copy, kelurahan="31.72.01.1005")
    with pytest.raises(InvalidInput, match="status"):
        edit_site(sample_copy, admin, site["id"], site["version"], {"status": "tertata"}, NOW)


def test_saving_over_a_newer_version_names_who_and_when(sample_copy: Database) -> None:
    camat = authenticate(sample_copy, "camat.penjaringan", "demo-camat", NOW)
    lurah = authenticate(sample_copy, "lurah.pluit", "demo-lurah", NOW)
    site = _site_in(sample_copy, kelurahan="31.72.01.1005")
    edit_site(
        sample_copy, camat, site["id"], site["version"], {"target_date": date(2027, 1, 31)}, NOW
    )
    with pytest.raises(Conflict) as err:
        edit_site(sample_copy, lurah, site["id"], site["version"], {"name": "Nama lurah"}, NOW)
    assert "Camat Penjaringan (demo)" in str(err.value) and "24 Nov 2026 10.00 WIB" in str(
        err.value
    )
    assert err.value.changed_by == "Camat Penjaringan (demo)"
    stored = sample_copy.read().records.get("sites", site["id"])
    assert stored is not None and stored["name"] == site["name"]
    assert stored["target_date"] == date(2027, 1, 31)


def test_the_log_rebuilds_the_edited_site_exactly(sample_copy: Database) -> None:
    admin = authenticate(sample_copy, "admin", "demo-admin", NOW)
    site = _site_in(sample_copy, kelurahan="31.72.01.1005")
    version = site["version"]
    for i, values in enumerate(
        [{"name": "Satu"}, {"address": None, "category": "parkir_liar"}, {"name": "Tiga"}]
    ):
        version = edit_site(sample_copy, admin, site["id"], version, values, NOW)["version"]
        assert version == site["version"] + i + 1
    stored = sample_copy.read().records.get("sites", site["id"])
    history = sample_copy.read().integrity.events_of_type("site")[site["id"]]
    assert replay(history) == tracked(stored)
    assert integrity.check(sample_copy).ok


def test_twenty_threads_one_success_per_version_no_lost_write(tmp_path, sample_file) -> None:
    path = tmp_path / "race.duckdb"
    path.write_bytes(sample_file.read_bytes())
    db = open_database(path)
    admin = authenticate(db, "admin", "demo-admin", NOW)
    site = _site_in(db, kelurahan="31.72.01.1005")
    start = threading.Barrier(20)
    wins: dict[int, int] = {}  # thread -> version it won
    conflicts: list[str] = []
    lock = threading.Lock()

    def worker(n: int) -> None:
        start.wait()
        for _ in range(200):  # keep trying until this thread's write lands once
            row = db.read().records.get("sites", site["id"])
            assert row is not None
            try:
                after = edit_site(db, admin, site["id"], row["version"], {"name": f"T{n}"}, NOW)
            except Conflict as exc:
                with lock:
                    conflicts.append(str(exc))
                continue
            with lock:
                wins[n] = after["version"]
            return

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert len(wins) == 20, "every thread eventually saved once"
    assert sorted(wins.values()) == list(range(site["version"] + 1, site["version"] + 21))
    assert conflicts and all("diubah" in c for c in conflicts)
    stored = db.read().records.get("sites", site["id"])
    assert stored is not None and stored["version"] == site["version"] + 20
    # No lost write: the name changes form one unbroken chain, each from the last.
    names = db.read().events.for_record("site", site["id"]).query("field == 'name'")
    assert len(names) == 20
    assert names["old_value"].tolist()[1:] == names["new_value"].tolist()[:-1]
    assert names["new_value"].iloc[-1] == stored["name"]
    last_winner = max(wins, key=lambda n: wins[n])
    assert stored["name"] == f"T{last_winner}"
    db.close()
