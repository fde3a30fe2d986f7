"""AppTest helpers: a copy of the sample database, and signing in through the form."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pantau.sample.community import DEMO_ACCOUNTS
from tests.conftest import ROOT

PASSWORDS = {username: password for username, *_, password in DEMO_ACCOUNTS}


@pytest.fixture
def app_env(sample_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    db = tmp_path / "app.duckdb"
    db.write_bytes(sample_file.read_bytes())
    monkeypatch.setenv("PANTAU_DB", str(db))
    monkeypatch.setenv("PANTAU_TILES", "none")
    return db


def login(at: AppTest, username: str, password: str | None = None) -> AppTest:
    """Fill in and submit the login form that the last run showed."""
    at.text_input(key="login_user").input(username)
    at.text_input(key="login_pw").input(password or PASSWORDS[username])
    next(b for b in at.button if b.label in ("Masuk", "Sign in")).click().run()
    return at


def start(
    username: str | None = "sekko", query: dict[str, str] | None = None, page: str | None = None
) -> AppTest:
    """The app after signing in as a demo account (None: not signed in)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    if username is not None:
        login(at, username)
        assert not at.exception, at.exception
    if page is not None:
        at.switch_page(page)
        for key, value in (query or {}).items():  # switching pages drops the query
            at.query_params[key] = value
        at.run()
    assert not at.exception, at.exception
    return at


def rows(path: Path, table: str) -> list[dict]:  # type: ignore[type-arg]
    """Every row of `table` in the app's database file (opened briefly, then closed)."""
    from pantau.store import open_database, tables

    db = open_database(path)
    try:
        return tables.rows(db.cursor(), table)
    finally:
        db.close()
