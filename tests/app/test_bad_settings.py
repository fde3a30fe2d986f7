"""A setting the app cannot use is a sentence on the page, not a traceback, and nothing
is created where the setting pointed."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("PANTAU_DB", "mysql://pantau:rahasia@db.local/pantau", "belum didukung"),
        ("PANTAU_LANG", "fr", "PANTAU_LANG"),
    ],
)
def test_the_app_names_a_bad_setting_and_stops(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str, value: str, expected: str
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(name, value)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception, at.exception
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and name in errors[0] and expected in errors[0]
    assert "rahasia" not in errors[0]
    assert not at.text_input  # no sign-in form behind it
    assert list(tmp_path.iterdir()) == [] and not (ROOT / "mysql:").exists()


def test_a_postgresql_server_that_does_not_answer_is_a_sentence(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from pantau.admin.pgcluster import free_port

    url = f"postgresql://pantau:rahasia@127.0.0.1:{free_port()}/pantau"
    monkeypatch.setenv("PANTAU_DB", url)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception, at.exception
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and "tidak dapat dihubungi" in errors[0], errors
    assert "pantau:***@127.0.0.1" in errors[0] and "rahasia" not in errors[0]
    assert not at.text_input  # no sign-in form behind it
