"""The one clock seam: PANTAU_NOW freezes the app's time; otherwise the real clock."""

from __future__ import annotations

from datetime import datetime

import pytest

from pantau.kernel import clock
from pantau.kernel.errors import InvalidInput
from tests.conftest import NOW


def test_the_suite_runs_on_the_fixed_clock() -> None:
    assert clock.now_utc() == NOW


def test_a_zoned_time_is_read_as_utc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PANTAU_NOW", "2027-01-05T10:00:00+07:00")
    assert clock.now_utc() == datetime(2027, 1, 5, 3, 0)


def test_without_the_variable_the_real_clock_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PANTAU_NOW")
    assert clock.fixed_now() is None
    assert clock.now_utc() != NOW


def test_a_bad_value_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PANTAU_NOW", "besok pagi")
    with pytest.raises(InvalidInput, match="PANTAU_NOW"):
        clock.now_utc()
