"""The report import's mapping preview pairs a date column with a time column
(issue 12 #13), and a clerk's file lands from the page."""

from __future__ import annotations

from pathlib import Path

from tests.app.conftest import rows, start
from tests.test_clerk_import import CLERK_CSV, _csv


def test_preview_pairs_date_and_time_and_the_file_lands(app_env: Path) -> None:
    at = start("admin", page="pages/genangan.py")
    at.file_uploader(key="report_import").upload("laporan.csv", _csv(CLERK_CSV), "text/csv")
    at.run()
    assert not at.exception, at.exception
    assert at.selectbox(key="rmap_observed_at").value == "Tanggal"
    assert at.selectbox(key="rmap_observed_time").value == "Jam"
    assert at.selectbox(key="rmap_depth_cm").value == "Tinggi (cm)"
    assert at.selectbox(key="rmap_kelurahan").value == "Kelurahan"
    captions = [c.value.replace("\\", "") for c in at.caption]  # Markdown escapes
    assert "Baris 2: 03/11/2026 + 16.30 → 03/11/2026 16:30 WIB" in captions, captions
    assert "Baris 4: 4 Nov 2026 + 0830 → 04/11/2026 08:30 WIB" in captions, captions

    at.selectbox(key="rmap_observed_time").select_index(0).run()  # unpair: no time left
    captions = [c.value.replace("\\", "") for c in at.caption]  # Markdown escapes
    assert any(c.startswith("Baris 2: 03/11/2026 → jam tidak ada") for c in captions), captions
    at.selectbox(key="rmap_observed_time").set_value("Jam").run()

    before = len(rows(app_env, "reports"))
    at.button(key="report_import_run").click().run()
    assert not at.exception, at.exception
    assert any("4 laporan disimpan" in s.value for s in at.success), [s.value for s in at.error]
    assert len(rows(app_env, "reports")) == before + 4
