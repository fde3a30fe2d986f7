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


def test_real_boundaries_are_named_quietly_and_nothing_warns(app_env: Path) -> None:
    """A new database stands on the shipped DKI boundaries: no page-wide 'approximate'
    warning any more, and the areas page names the source in a caption."""
    at = _run()
    captions = [c.value for c in at.caption]
    assert any("Cahya DSN" in c and "MIT" in c for c in captions), captions
    assert not any("perkiraan" in c for c in captions)
    at.switch_page("pages/peta.py").run()
    assert not [c.value for c in at.caption if "perkiraan" in c.value]


def test_an_old_database_on_approximate_boundaries_still_says_so(app_env: Path) -> None:
    import duckdb

    con = duckdb.connect(str(app_env))
    con.execute("UPDATE boundaries SET approximate = true, source = 'default'")
    con.close()
    at = _run()
    assert any("perkiraan" in c.value for c in at.caption)
