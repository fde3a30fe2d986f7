"""AppTest of the app shell and the areas page on a real sample database."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.app.conftest import start


def _run() -> AppTest:
    return start(page="pages/wilayah.py")


def test_areas_page_lists_31_kelurahan_with_counts(app_env: Path) -> None:
    at = _run()
    frame = at.dataframe[0].value
    assert len(frame) == 31
    assert int(frame["sites"].sum()) == 46
    assert int(frame["reports"].sum()) > 0
    assert any("DATA CONTOH" in w.value for w in at.warning)


def test_filter_to_one_kecamatan(app_env: Path) -> None:
    at = _run()
    at.selectbox(key="areas_kecamatan").set_value("31.72.05").run()
    frame = at.dataframe[0].value
    assert set(frame["kecamatan"]) == {"Pademangan"}
    assert len(frame) == 3


def test_english_is_available(app_env: Path) -> None:
    at = _run()
    at.selectbox(key="lang").set_value("en").run()
    assert at.title[0].value == "Kelurahan of North Jakarta"
    assert any("SAMPLE DATA" in w.value for w in at.warning)
