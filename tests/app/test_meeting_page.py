"""AppTest of the meeting page: numbers equal the brief, presentation mode pages
through sections and shows no people's names."""

from __future__ import annotations

from pathlib import Path

from pantau.city.timefmt import wib_today
from pantau.meeting.review import build_brief
from pantau.store import open_database
from tests.app.conftest import start
from tests.conftest import NOW


def test_page_numbers_equal_the_brief(app_env: Path) -> None:
    at = start("sekko", page="pages/rapat.py")
    assert not at.exception, at.exception
    metrics = {m.label: int(m.value) for m in at.metric}
    meeting = at.sidebar.date_input(key="m_date").value
    compare = at.sidebar.date_input(key="m_compare").value
    db = open_database(app_env)
    try:
        brief = build_brief(db, meeting, compare, NOW)
    finally:
        db.close()
    assert metrics == {name: value for name, value, _ in brief.headline}
    assert meeting == wib_today(NOW)
    assert any("Rapat mingguan Pantau Wilayah" in c.value for c in at.code)


def test_presentation_mode_pages_and_hides_names(app_env: Path) -> None:
    at = start("sekko", page="pages/rapat.py")
    at.sidebar.toggle(key="presentation").set_value(True).run()
    assert not at.exception, at.exception
    assert "1/9" in at.subheader[0].value
    for step in range(2, 10):
        next(b for b in at.button if b.key == "meeting_next").click().run()
        assert f"{step}/9" in at.subheader[0].value
        for frame in at.dataframe:
            assert not {"oleh", "dari"} & set(frame.value.columns)
    assert next(b for b in at.button if b.key == "meeting_next").disabled
    next(b for b in at.button if b.key == "meeting_exit").click().run()
    assert at.session_state["presentation"] is False
