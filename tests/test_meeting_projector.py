"""The meeting on the projector: lists cut to a slide with "dan N lainnya" / "and N
more", and slide tables that escape user text and fit a 1920 px row."""

from __future__ import annotations

import pandas as pd

from pantau.meeting.review import more_text, top_rows
from pantau.ui.meetingpage import SLIDE_ROWS, slide_table


def test_a_long_list_is_cut_to_its_top_rows_and_says_how_many_more() -> None:
    frame = pd.DataFrame({"kode": [f"CTH-{i:02d}" for i in range(27)]})
    shown, left_out = top_rows(frame, 13)
    assert list(shown["kode"]) == [f"CTH-{i:02d}" for i in range(13)] and left_out == 14
    assert more_text(left_out, "id") == "dan 14 lainnya"
    assert more_text(left_out, "en") == "and 14 more"
    assert top_rows(frame, 30)[1] == 0 and more_text(0, "id") == ""


def test_a_slide_table_escapes_cuts_and_counts_the_rest() -> None:
    hostile = '<img src=x onerror="alert(1)">'
    frame = pd.DataFrame(
        {
            "Kode": [f"CTH-{i:02d}" for i in range(SLIDE_ROWS + 4)],
            "Nama": [hostile] + ["Bangunan liar bantaran kali " * 6] * (SLIDE_ROWS + 3),
            "Hari terlambat": list(range(SLIDE_ROWS + 4)),
        }
    )
    html = slide_table(frame, "en")
    assert "<img" not in html and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html
    assert html.count("<tr>") == SLIDE_ROWS + 1  # the header and the top rows
    assert html.endswith('<p class="pw-more">and 4 more</p>')
    assert "…" in html and "Bangunan liar bantaran kali " * 6 not in html
    assert '<th class="pw-num">Hari terlambat</th>' in html
    assert "pw-more" not in slide_table(frame.head(3), "id")
