"""AppTest of the administration page: list, create, reset, unlock, deactivate."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from pantau.store import open_database, tables
from tests.app.conftest import login, start


def _users(path: Path) -> dict[str, dict]:
    db = open_database(path)
    try:
        return {r["username"]: r for r in tables.rows(db.cursor(), "users")}
    finally:
        db.close()


def test_admin_sees_every_account(app_env: Path) -> None:
    at = start("admin", page="pages/admin.py")
    assert at.title[0].value == "Pengguna dan peran"
    frame = at.dataframe[0].value
    assert len(frame) == 6
    assert "kata sandi demo" in frame.set_index("Nama pengguna").loc["tamu", "Keadaan"]


def test_admin_creates_a_lurah_and_sees_the_password_once(app_env: Path) -> None:
    at = start("admin", page="pages/admin.py")
    at.text_input(key="new_username").input("lurah.kapuk")
    at.text_input(key="new_name").input("Lurah Kapuk")
    at.selectbox(key="new_role").set_value("lurah")
    at.selectbox(key="new_kel").set_value("31.72.01.1002")
    next(b for b in at.button if b.label == "Buat akun").click().run()
    assert not at.exception, at.exception
    otp = at.code[0].value
    assert "kapuk" in at.success[0].value
    row = _users(app_env)["lurah.kapuk"]
    assert (row["role"], row["kecamatan_kode"], row["must_change_password"]) == (
        "lurah",
        "31.72.01",
        True,
    )
    at.run()
    assert not at.code, "the one-time password is shown only once"
    fresh = start(None)
    login(fresh, "lurah.kapuk", otp)
    assert fresh.title[0].value == "Ganti kata sandi sekali pakai"


def test_bad_new_account_names_the_problem(app_env: Path) -> None:
    at = start("admin", page="pages/admin.py")
    at.text_input(key="new_username").input("camat.baru")
    at.text_input(key="new_name").input("Camat Baru")
    at.selectbox(key="new_role").set_value("camat")
    next(b for b in at.button if b.label == "Buat akun").click().run()
    assert "Camat harus ditempatkan" in at.error[0].value
    assert "camat.baru" not in _users(app_env)


def test_locked_account_is_visible_and_unlockable(app_env: Path) -> None:
    visitor = start(None)
    for _ in range(5):
        login(visitor, "sda", "bukan-ini")
    at = start("admin", page="pages/admin.py")
    frame = at.dataframe[0].value.set_index("Nama pengguna")
    assert "Terkunci" in frame.loc["sda", "Keadaan"]
    at.selectbox(key="admin_user").set_value("sda").run()
    unlock = next(b for b in at.button if b.label == "Buka kunci")
    unlock.click().run()
    assert not at.exception, at.exception
    assert _users(app_env)["sda"]["locked_until"] is None
    history = at.dataframe[-1].value
    assert "Kunci dibuka" in history["Perubahan"].tolist()
    assert any(c.startswith("Akun terkunci → 24 Nov 2026") for c in history["Perubahan"])


def test_reset_and_deactivate(app_env: Path) -> None:
    at = start("admin", page="pages/admin.py")
    at.selectbox(key="admin_user").set_value("tamu").run()
    next(b for b in at.button if b.label == "Buat kata sandi sekali pakai").click().run()
    otp = at.code[0].value
    assert _users(app_env)["tamu"]["must_change_password"]
    next(b for b in at.button if b.label == "Nonaktifkan").click().run()
    assert not _users(app_env)["tamu"]["active"]
    visitor = start(None)
    login(visitor, "tamu", otp)
    assert "dinonaktifkan" in visitor.error[0].value


def test_non_admin_has_no_admin_page_and_the_core_refuses(app_env: Path) -> None:
    at = start("lurah.pluit")
    with pytest.raises(ValueError, match=r"admin\.py"):
        at.switch_page("pages/admin.py")
    from pantau.access import accounts
    from pantau.access.auth import authenticate
    from pantau.kernel.errors import NotAllowed

    db = open_database(app_env)
    try:
        lurah = authenticate(db, "lurah.pluit", "demo-lurah", datetime(2026, 11, 24))
        with pytest.raises(NotAllowed):
            accounts.list_users(db, lurah)
    finally:
        db.close()
