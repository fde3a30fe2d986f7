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


def test_an_unknown_name_locks_like_a_real_one(sample_copy: Database) -> None:
    """The lock message must not tell which names have accounts."""
    for _ in range(MAX_FAILURES):
        with pytest.raises(NotAllowed, match="salah"):
            authenticate(sample_copy, "bukan.akun", "tebak", NOW)
    with pytest.raises(NotAllowed, match="terkunci"):
        authenticate(sample_copy, "bukan.akun", "tebak", NOW + timedelta(minutes=1))


def test_deactivated_is_told_only_to_the_right_password(sample_copy: Database) -> None:
    users = tables.read(sample_copy.cursor(), "users", ["id", "username"])
    uid = int(users.loc[users["username"] == "tamu", "id"].iloc[0])
    tables.update(sample_copy.cursor(), "users", uid, {"active": False})
    with pytest.raises(NotAllowed) as wrong:
        authenticate(sample_copy, "tamu", "tebak", NOW)
    with pytest.raises(NotAllowed) as unknown:
        authenticate(sample_copy, "tidak.ada", "tebak", NOW)
    assert str(wrong.value) == str(unknown.value)


def test_an_unknown_name_costs_as_much_as_a_wrong_password(sample_copy: Database) -> None:
    """Both run one bcrypt check of the stored cost (no 2 ms vs 245 ms difference)."""
    import time

    def spent(name: str) -> float:
        began = time.perf_counter()
        with pytest.raises(NotAllowed):
            authenticate(sample_copy, name, "tebak", NOW)
        return time.perf_counter() - began

    spent("tidak.ada")  # the first call makes the stand-in hash
    wrong = min(spent("sda") for _ in range(3))
    unknown = min(spent(f"tidak.ada.{i}") for i in range(3))
    assert unknown > wrong / 3


def test_parallel_wrong_passwords_are_all_counted(sample_copy: Database) -> None:
    """Eight sessions at once: every attempt counts, none sees a conflict, and the
    account locks (once 21 of 24 got a Conflict traceback and it never locked)."""
    from concurrent.futures import ThreadPoolExecutor

    def attempt(_: int) -> str:
        try:
            authenticate(sample_copy, "camat.penjaringan", "tebak", NOW)
        except NotAllowed as exc:
            return "terkunci" if "terkunci" in str(exc) else "salah"
        return "masuk"

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(attempt, range(24)))
    assert set(answers) <= {"salah", "terkunci"}
    assert answers.count("salah") == MAX_FAILURES
    with pytest.raises(NotAllowed, match="terkunci"):
        authenticate(sample_copy, "camat.penjaringan", "demo-camat", NOW)
