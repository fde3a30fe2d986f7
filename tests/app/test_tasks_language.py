"""The Tugas saya page in English: no Indonesian line, counts with the right form."""

from __future__ import annotations

from pathlib import Path

from tests.app.conftest import start


def test_the_tasks_page_in_english(app_env: Path) -> None:
    at = start("camat.penjaringan", page="pages/tugas.py")
    at.selectbox(key="lang").set_value("en").run()
    assert not at.exception, at.exception
    assert at.title[0].value == "My tasks"
    lines = " ".join(m.value for m in at.markdown)
    assert "Disisir tiap" not in lines and "batas layanan" not in lines
    captions = " ".join(c.value for c in at.caption)
    assert " hari " not in captions
    assert "days late" in captions or "day late" in captions
