from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from pantau.access import accounts
from pantau.access.auth import (
    MAX_FAILURES,
    authenticate,
    current,
    default_password_accounts,
    must_change_password,
)
from pantau.access.permissions import SYSTEM, Actor
from pantau.kernel.errors import Conflict, InvalidInput, NotAllowed
from pantau.kernel.events import replay, tracked
from pantau.store import Database

pytestmark = pytest.mark.both_engines

NOW = datetime(2026, 11, 24, 3, 0)
FAST = 4  # bcrypt rounds in tests


def _admin(db: Database) -> Actor:
    return authenticate(db, "admin", "demo-admin", NOW)


def _user(db: Database, username: str) -> dict:
    row = next(u for u in db.read().records.rows("users") if u["username"] == username)
    return row


def test_admin_creates_a_lurah_whose_kecamatan_follows(sample_copy: Database) -> None:
    uid, otp = accounts.create_user(
        sample_copy, _admin(sample_copy), NOW, "Lurah.Kapuk ", "Lurah  Kapuk", "lurah",
        kelurahan_kode="31.72.01.1002", rounds=FAST,
    )  # fmt: skip
    row = _user(sample_copy, "lurah.kapuk")
    assert (row["id"], row["kecamatan_kode"], row["display_name"]) == (
        uid,
        "31.72.01",
        "Lurah Kapuk",
    )
    assert row["must_change_password"] and not row["default_password"]
    actor = authenticate(sample_copy, "lurah.kapuk", otp, NOW)
    assert must_change_password(sample_copy, actor)
    history = sample_copy.read().events.for_record("user", uid)
    assert otp not in history.to_string() and "$2b$" not in history.to_string()
    assert replay(history.to_dict("records"))["kelurahan_kode"] == "31.72.01.1002"


@pytest.mark.parametrize(
    ("username", "role", "kec", "kel", "field"),
    [
        ("x", "tamu", None, None, "username"),
        ("nama dengan spasi", "tamu", None, None, "username"),
        ("admin", "tamu", None, None, "username"),  # taken
        ("baru", "lurah", None, None, "kelurahan_kode"),
        ("baru", "lurah", None, "31.72.99.9999", "kelurahan_kode"),
        ("baru", "camat", None, None, "kecamatan_kode"),
        ("baru", "raja", None, None, "role"),
    ],
)
def test_bad_accounts_are_refused_naming_the_field(
    sample_copy: Database, username: str, role: str, kec: str | None, kel: str | None, field: str
) -> None:
    before = sample_copy.read().records.count("users")
    with pytest.raises(InvalidInput) as err:
        accounts.create_user(
            sample_copy, _admin(sample_copy), NOW, username, "Nama", role, kec, kel, rounds=FAST
        )
    assert field in err.value.fields
    assert sample_copy.read().records.count("users") == before


@pytest.mark.parametrize("who", ["sekko", "camat.penjaringan", "lurah.pluit", "sda", "tamu"])
def test_only_admin_manages_accounts(sample_copy: Database, who: str) -> None:
    actor = authenticate(sample_copy, who, "demo-" + who.split(".")[0], NOW)
    target = _user(sample_copy, "tamu")
    with pytest.raises(NotAllowed):
        accounts.create_user(sample_copy, actor, NOW, "baru", "Baru", "tamu", rounds=FAST)
    with pytest.raises(NotAllowed):
        accounts.reset_password(sample_copy, actor, NOW, target["id"], rounds=FAST)
    with pytest.raises(NotAllowed):
        accounts.set_active(sample_copy, actor, NOW, target["id"], target["version"], False)
    with pytest.raises(NotAllowed):
        accounts.list_users(sample_copy, actor)


def test_reset_gives_a_one_time_password_and_unlocks(sample_copy: Database) -> None:
    for _ in range(MAX_FAILURES):
        with pytest.raises(NotAllowed):
            authenticate(sample_copy, "sda", "tebak", NOW)
    uid = _user(sample_copy, "sda")["id"]
    otp = accounts.reset_password(sample_copy, _admin(sample_copy), NOW, uid, rounds=FAST)
    actor = authenticate(sample_copy, "sda", otp, NOW + timedelta(minutes=1))
    assert must_change_password(sample_copy, actor)
    with pytest.raises(NotAllowed):
        authenticate(sample_copy, "sda", "demo-sda", NOW + timedelta(minutes=1))
    accounts.change_own_password(sample_copy, actor, NOW, otp, "hujan-deras-2026", rounds=FAST)
    assert not must_change_password(sample_copy, actor)
    assert authenticate(sample_copy, "sda", "hujan-deras-2026", NOW).id == uid
    actions = sample_copy.read().events.for_record("user", uid)["action"].tolist()
    assert {"lock", "reset_password", "password"} <= set(actions)


def test_new_password_rules(sample_copy: Database) -> None:
    actor = authenticate(sample_copy, "tamu", "demo-tamu", NOW)
    for current_pw, new, field in [
        ("demo-tamu", "pendek", "new"),
        ("demo-tamu", "demo-tamu-lagi", "new"),
        ("salah-sekali", "panjang-sekali-1", "current"),
    ]:
        with pytest.raises(InvalidInput) as err:
            accounts.change_own_password(sample_copy, actor, NOW, current_pw, new, rounds=FAST)
        assert field in err.value.fields


def test_unlock_is_logged_and_lets_the_user_in(sample_copy: Database) -> None:
    for _ in range(MAX_FAILURES):
        with pytest.raises(NotAllowed):
            authenticate(sample_copy, "tamu", "tebak", NOW)
    locked = _user(sample_copy, "tamu")
    assert locked["locked_until"] is not None
    accounts.unlock(sample_copy, _admin(sample_copy), NOW, locked["id"])
    assert authenticate(sample_copy, "tamu", "demo-tamu", NOW).username == "tamu"
    events = sample_copy.read().events.for_record("user", locked["id"])
    assert "unlock" in events["action"].tolist()


def test_deactivating_ends_the_session_and_is_logged(sample_copy: Database) -> None:
    tamu = authenticate(sample_copy, "tamu", "demo-tamu", NOW)
    row = _user(sample_copy, "tamu")
    accounts.set_active(sample_copy, _admin(sample_copy), NOW, row["id"], row["version"], False)
    assert current(sample_copy, tamu) is None
    with pytest.raises(NotAllowed, match="dinonaktifkan"):
        authenticate(sample_copy, "tamu", "demo-tamu", NOW)
    events = sample_copy.read().events.for_record("user", row["id"])
    assert events.iloc[-1]["field"] == "active" and events.iloc[-1]["new_value"] == "false"


def test_role_change_applies_to_the_running_session(sample_copy: Database) -> None:
    tamu = authenticate(sample_copy, "tamu", "demo-tamu", NOW)
    row = _user(sample_copy, "tamu")
    accounts.update_user(
        sample_copy, SYSTEM, NOW, row["id"], row["version"], "Camat Cilincing", "camat", "31.72.04"
    )
    now_actor = current(sample_copy, tamu)
    assert now_actor is not None and (now_actor.role, now_actor.kecamatan_kode) == (
        "camat",
        "31.72.04",
    )
    with pytest.raises(
        Conflict, match=r"diubah oleh sistem pada 24 Nov 2026 10\.00 WIB"
    ):  # the form was loaded at the old version
        accounts.update_user(sample_copy, SYSTEM, NOW, row["id"], row["version"], "Tamu", "tamu")


def test_the_last_admin_cannot_be_removed(sample_copy: Database) -> None:
    admin = _admin(sample_copy)
    row = _user(sample_copy, "admin")
    with pytest.raises(NotAllowed, match="sendiri"):
        accounts.set_active(sample_copy, admin, NOW, row["id"], row["version"], False)
    with pytest.raises(NotAllowed, match="setidaknya satu admin"):
        accounts.update_user(sample_copy, SYSTEM, NOW, row["id"], row["version"], "A", "tamu")


def test_demo_passwords_are_listed_until_changed(sample_copy: Database) -> None:
    assert len(default_password_accounts(sample_copy)) == 6
    actor = authenticate(sample_copy, "tamu", "demo-tamu", NOW)
    accounts.change_own_password(
        sample_copy, actor, NOW, "demo-tamu", "kata-sandi-baru", rounds=FAST
    )
    assert "tamu" not in default_password_accounts(sample_copy)


def test_the_event_log_never_holds_a_hash(sample_copy: Database) -> None:
    assert "password_hash" not in tracked({"password_hash": "$2b$x", "a": 1})
    text = sample_copy.read().records.read("events").to_string()
    assert "$2b$" not in text
