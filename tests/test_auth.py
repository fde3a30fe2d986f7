from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from pantau.access.auth import LOCK_MINUTES, MAX_FAILURES, authenticate
from pantau.kernel.errors import NotAllowed
from pantau.store import Database

pytestmark = pytest.mark.both_engines

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
    events = sample_copy.read().records.read("events")
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
    users = sample_copy.read().records.read("users", ["id", "username"])
    uid = int(users.loc[users["username"] == "tamu", "id"].iloc[0])
    sample_copy.read().records.update("users", uid, {"active": False})
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
    users = sample_copy.read().records.read("users", ["id", "username"])
    uid = int(users.loc[users["username"] == "tamu", "id"].iloc[0])
    sample_copy.read().records.update("users", uid, {"active": False})
    with pytest.raises(NotAllowed) as wrong:
        authenticate(sample_copy, "tamu", "tebak", NOW)
    with pytest.raises(NotAllowed) as unknown:
        authenticate(sample_copy, "tidak.ada", "tebak", NOW)
    assert str(wrong.value) == str(unknown.value)


def test_an_unknown_name_costs_as_much_as_a_wrong_password(
    sample_copy: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both run one bcrypt check of the stored cost: an unknown name was once refused
    in 2 ms against 245 ms for a wrong password, which told names apart."""
    from pantau.access import auth
    from pantau.access.passwords import bcrypt_cost, check_password

    costs: list[int] = []

    def counted(password: str, hashed: str) -> bool:
        costs.append(bcrypt_cost(hashed))
        return check_password(password, hashed)

    monkeypatch.setattr(auth, "check_password", counted)
    for name in ("sda", "tidak.ada"):
        with pytest.raises(NotAllowed):
            authenticate(sample_copy, name, "tebak", NOW)
    stored = sample_copy.read().records.read("users", ["username", "password_hash"])
    sda_cost = bcrypt_cost(str(stored.set_index("username").loc["sda", "password_hash"]))
    assert costs == [sda_cost, sda_cost]


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


def test_wrong_passwords_from_one_device_do_not_lock_out_another(sample_copy: Database) -> None:
    """Anyone could once lock the admin out every 15 minutes by typing wrong passwords."""
    for _ in range(MAX_FAILURES):
        with pytest.raises(NotAllowed, match="salah"):
            authenticate(sample_copy, "admin", "tebak", NOW, client="10.9.9.9")
    with pytest.raises(NotAllowed, match="terkunci"):
        authenticate(sample_copy, "admin", "demo-admin", NOW, client="10.9.9.9")
    assert authenticate(sample_copy, "admin", "demo-admin", NOW, client="10.1.1.1").role == "admin"


def test_a_spread_out_attack_locks_the_account_and_is_logged(sample_copy: Database) -> None:
    from pantau.access.auth import ACCOUNT_FAILURES

    for i in range(ACCOUNT_FAILURES):
        with pytest.raises(NotAllowed):
            authenticate(sample_copy, "sda", "tebak", NOW, client=f"10.0.{i // 4}.{i}")
    with pytest.raises(NotAllowed, match="terkunci"):
        authenticate(sample_copy, "sda", "demo-sda", NOW, client="10.1.1.1")
    events = sample_copy.read().records.read("events")
    assert ((events["record_type"] == "user") & (events["action"] == "lock")).sum() == 1


def test_an_admin_unlock_lifts_the_device_locks_too(sample_copy: Database) -> None:
    from pantau.access.accounts import unlock

    for _ in range(MAX_FAILURES):
        with pytest.raises(NotAllowed):
            authenticate(sample_copy, "tamu", "tebak", NOW, client="10.7.7.7")
    admin = authenticate(sample_copy, "admin", "demo-admin", NOW)
    users = sample_copy.read().records.read("users", ["id", "username"])
    uid = int(users.loc[users["username"] == "tamu", "id"].iloc[0])
    unlock(sample_copy, admin, NOW, uid)
    assert authenticate(sample_copy, "tamu", "demo-tamu", NOW, client="10.7.7.7").role == "tamu"
