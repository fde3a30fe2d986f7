"""AppTest of signing in, the demo account list, expiry, logout and production mode."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from pantau.ui.session import SEEN
from tests.app.conftest import login, start


def test_visitor_sees_only_the_login_form_and_demo_accounts(app_env: Path) -> None:
    at = start(None, query={"pilih": "site-1"})
    assert at.title[0].value == "Masuk ke Pantau Wilayah"
    assert not at.metric and not at.subheader[1:]  # no map numbers, no site details
    demo = at.table[0].value
    assert list(demo.index) == [
        "admin", "sekko", "camat.penjaringan", "lurah.pluit", "sda", "tamu"
    ]  # fmt: skip
    assert "Pluit" in demo.loc["lurah.pluit", "Wilayah"]
    assert any("DEMO" in w.value for w in at.warning)


def test_deep_link_survives_signing_in(app_env: Path) -> None:
    at = start(None, query={"pilih": "site-1", "kec": "31.72.01"})
    login(at, "lurah.pluit")
    assert not at.exception, at.exception
    assert at.title[0].value == "Peta penataan dan genangan"
    assert at.query_params["pilih"] == ["site-1"] or at.query_params["pilih"] == "site-1"
    assert any("DEMO" in w.value for w in at.warning)
    assert any("Lurah Pluit" in m.value for m in at.sidebar.markdown)


def test_wrong_password_says_so_and_five_lock(app_env: Path) -> None:
    at = start(None)
    for _ in range(5):
        login(at, "camat.penjaringan", "tebak-tebakan")
        assert "salah" in at.error[0].value
    login(at, "camat.penjaringan")
    assert "terkunci" in at.error[0].value
    assert at.title[0].value == "Masuk ke Pantau Wilayah"


def test_session_expires_after_inactivity(app_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PANTAU_SESSION_MINUTES", "30")
    at = start("sekko")
    at.session_state[SEEN] = at.session_state[SEEN] - timedelta(minutes=31)
    at.run()
    assert at.title[0].value == "Masuk ke Pantau Wilayah"
    assert "30 menit" in at.info[0].value


def test_logout(app_env: Path) -> None:
    at = start("sekko")
    at.sidebar.button(key="logout").click().run()
    assert at.title[0].value == "Masuk ke Pantau Wilayah"
    assert "keluar" in at.info[0].value


def test_production_refuses_demo_passwords(app_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PANTAU_DEMO", "0")
    at = start(None)
    text = at.error[0].value
    assert "PANTAU_DEMO=0" in text and "admin, camat.penjaringan" in text
    assert "pantau users reset" in text
    assert not at.text_input  # no login form at all


def test_production_without_demo_passwords_runs(
    app_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pantau.store import open_database

    db = open_database(app_env)
    db.cursor().execute("UPDATE users SET default_password = FALSE")
    db.close()
    monkeypatch.setenv("PANTAU_DEMO", "0")
    at = start("sekko")
    assert at.title[0].value == "Peta penataan dan genangan"
    assert not at.table


def test_one_time_password_must_be_replaced_first(app_env: Path) -> None:
    from datetime import datetime

    from pantau.access import accounts
    from pantau.access.permissions import SYSTEM
    from pantau.store import open_database

    db = open_database(app_env)
    _, otp = accounts.create_user(
        db, SYSTEM, datetime(2026, 11, 24), "baru", "Pengguna Baru", "tamu", rounds=4
    )
    db.close()
    at = start(None)
    login(at, "baru", otp)
    assert at.title[0].value == "Ganti kata sandi sekali pakai"
    at.text_input(key="must_change_cur").input(otp)
    at.text_input(key="must_change_new").input("sungai-bersih-9")
    at.text_input(key="must_change_again").input("sungai-bersih-9")
    next(b for b in at.button if b.label == "Simpan kata sandi").click().run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Peta penataan dan genangan"


def test_english_login(app_env: Path) -> None:
    at = start(None)
    at.selectbox(key="lang").set_value("en").run()
    assert at.title[0].value == "Sign in to Pantau Wilayah"
    login(at, "tamu")
    assert at.title[0].value == "Order and flood map"


def test_wrong_password_in_english_says_so_in_english(app_env: Path) -> None:
    at = start(None)
    at.selectbox(key="lang").set_value("en").run()
    login(at, "camat.penjaringan", "tebak-tebakan")
    assert at.error[0].value.replace("\\", "") == "Wrong username or password."  # markdown-escaped
