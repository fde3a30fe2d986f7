from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from pantau.auth import LOCK_MINUTES, MAX_FAILURES, authenticate
from pantau.db import Database, tables
from pantau.errors import NotAllowed

NOW = datetime(2026, 11, 24, 3, 0)


def test_demo_lurah_logs_in_with_scope(sample_copy: Database) -> None:
    actor = authenticate(sample_copy, "lurah.pluit", "demo-lurah", NOW)
    assert (actor.role, actor.kelurahan_kode, actor.kecamatan_kode) == (
        "lurah",
        "31.72.01.1005",
        "31.72.01",
    )


def test_wrong_password_and_unknown_user_get_the_same_message(sample_copy: Database) -> None:
    with pytest.raises(NotAllowed) as wrong:
        authenticate(sample_copy, "lurah.pluit", "salah", NOW)
    with pytest.raises(NotAllowed) as unknown:
        authenticate(sample_copy, "tidak.ada", "salah", NOW)
    assert str(wrong.value) == str(unknown.value)


def test_five_failures_lock_the_account_then_it_unlocks(sample_copy: Database) -> None:
    for _ in range(MAX_FAILURES):
        with pytest.raises(NotAllowed, match="salah"):
            authenticate(sample_copy, "camat.penjaringan", "tebak", NOW)
    with pytest.raises(NotAllowed, match="terkunci"):
        authenticate(sample_copy, "camat.penjaringan", "demo-camat", NOW + timedelta(minutes=1))
    later = NOW + timedelta(minutes=LOCK_MINUTES, seconds=1)
    assert authenticate(sample_copy, "camat.penjaringan", "demo-camat", later).role == "camat"
    events = tables.read(sample_copy.cursor(), "events")
    locks = events[(events["record_type"] == "user") & (events["action"] == "lock")]
    assert len(locks) == 1


def test_a_success_resets_the_failure_count(sample_copy: Database) -> None:
    for _ in range(MAX_FAILURES - 1):
        with pytest.raises(NotAllowed):
            authenticate(sample_copy, "sda", "tebak", NOW)
    authenticate(sample_copy, "sda", "demo-sda", NOW)
    with pytest.raises(NotAllowed, match="salah"):
        authenticate(sample_copy, "sda", "tebak", NOW)  # one failure, not the fifth


def test_deactivated_account_is_refused(sample_copy: Database) -> None:
    users = tables.read(sample_copy.cursor(), "users", ["id", "username"])
    uid = int(users.loc[users["username"] == "tamu", "id"].iloc[0])
    tables.update(sample_copy.cursor(), "users", uid, {"active": False})
    with pytest.raises(NotAllowed, match="dinonaktifkan"):
        authenticate(sample_copy, "tamu", "demo-tamu", NOW)
