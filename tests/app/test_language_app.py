"""The sidebar's choices (language, map filters, shading, period) survive a language
switch and page changes; a lurah or camat opens the map on their own area."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import start

PLUIT = "31.72.01.1005"
PENJARINGAN = "31.72.01"
A_RANGE = (date(2026, 9, 1), date(2026, 10, 31))

# One change per map filter: (widget kind, key, new value).
FILTER_CHANGES: list[tuple[str, str, Any]] = [
    ("selectbox", "f_kec", "31.72.04"),
    ("selectbox", "f_kel", PLUIT),
    ("multiselect", "f_status", ["tertata"]),
    ("multiselect", "f_kategori", ["pkl"]),
    ("multiselect", "f_level", ["kota"]),
    ("date_input", "f_dates", A_RANGE),
    ("radio", "f_arsir", "reports"),
]


def _sites(at: AppTest) -> int:
    first = at.metric[0]
    return int(first.value)


def _change(at: AppTest, kind: str, key: str, value: Any) -> AppTest:
    getattr(at, kind)(key=key).set_value(value).run()
    assert not at.exception, at.exception
    return at


def _english(at: AppTest) -> AppTest:
    at.selectbox(key="lang").set_value("en").run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Order and flood map"
    return at


@pytest.mark.parametrize(("kind", "key", "value"), FILTER_CHANGES, ids=lambda v: str(v))
def test_each_filter_in_english_counts_as_in_indonesian(
    app_env: Path, kind: str, key: str, value: Any
) -> None:
    expected = _sites(_change(start(), kind, key, value))
    at = _english(start())
    assert _sites(at) == 46
    _change(at, kind, key, value)
    assert _sites(at) == expected > 0
    assert at.metric[0].label == "Sites"
    # The other filters still hold codes, not labels of either language.
    assert at.selectbox(key="f_kec").value in ("", "31.72.04", PLUIT[:8])
    assert at.radio(key="f_arsir").value in ("open_sites", "reports")


def test_page_change_keeps_language_shading_period_and_filters(app_env: Path) -> None:
    at = _english(start())
    _change(at, "radio", "f_arsir", "reports")
    _change(at, "date_input", "f_dates", A_RANGE)
    _change(at, "selectbox", "f_kec", "31.72.04")
    sites = _sites(at)
    at.switch_page("pages/lokasi.py").run()
    assert not at.exception, at.exception
    assert at.selectbox(key="lang").value == "en"
    assert at.title[0].value != "Lokasi penataan"
    at.switch_page("pages/peta.py").run()
    assert not at.exception, at.exception
    assert at.selectbox(key="lang").value == "en"
    assert at.title[0].value == "Order and flood map"
    assert at.radio(key="f_arsir").value == "reports"
    assert at.date_input(key="f_dates").value == A_RANGE
    assert at.selectbox(key="f_kec").value == "31.72.04"
    assert _sites(at) == sites
    assert any("1 September 2026" in c.value for c in at.caption)  # the period, not a year
    assert at.query_params["arsir"] == "reports"
    assert at.query_params["kec"] == "31.72.04"


def test_an_incomplete_period_keeps_the_previous_range(app_env: Path) -> None:
    at = _change(start(), "date_input", "f_dates", A_RANGE)
    _change(at, "date_input", "f_dates", (date(2026, 9, 5),))
    assert at.date_input(key="f_dates").value == A_RANGE


def test_lurah_opens_on_their_kelurahan(app_env: Path) -> None:
    at = start("lurah.pluit")
    assert at.selectbox(key="f_kec").value == PENJARINGAN
    assert at.selectbox(key="f_kel").value == PLUIT
    assert 0 < _sites(at) < 46
    assert at.query_params["kel"] == PLUIT


def test_camat_opens_on_their_kecamatan(app_env: Path) -> None:
    at = start("camat.penjaringan")
    assert at.selectbox(key="f_kec").value == PENJARINGAN
    assert at.selectbox(key="f_kel").value == ""


def test_a_link_overrides_the_lurah_default(app_env: Path) -> None:
    at = start("lurah.pluit", query={"kec": "31.72.04"})
    assert at.selectbox(key="f_kec").value == "31.72.04"
    at = start("lurah.pluit", query={"status": "tertata"})
    assert at.selectbox(key="f_kec").value == ""
