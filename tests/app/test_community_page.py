"""AppTest of the community page: week, tasks and share text, planning, suggestions
with a draft, groups (contacts masked for tamu), the summary."""

from __future__ import annotations

from pathlib import Path

from tests.app.conftest import rows, start


def test_page_tabs_render_for_a_reader(app_env: Path) -> None:
    at = start("tamu", page="pages/komunitas.py")
    assert not at.exception, at.exception
    assert at.title[0].value == "Keterlibatan warga"
    assert [t.label for t in at.tabs] == [
        "Minggu ini",
        "Daftar tugas",
        "Rencanakan",
        "Saran",
        "Kelompok",
        "Ringkasan",
    ]
    groups = next(d.value for d in at.dataframe if "Ketua / kontak" in d.value.columns)
    assert set(groups["Ketua / kontak"]) == {"•••"}
    summary = at.dataframe[-1].value
    assert len(summary) == 31 and summary["Tugas selesai"].sum() > 0
    assert "pukul" in at.code[0].value and "Kel. " in at.code[0].value


def test_lurah_plans_a_weekly_task(app_env: Path) -> None:
    before = len(rows(app_env, "tasks"))
    at = start("lurah.pluit", page="pages/komunitas.py")
    at.text_input(key="p_title").input("Kerja bakti Jumat bersih")
    at.checkbox(key="p_weekly").check()
    next(b for b in at.button if b.label == "Simpan rencana").click().run()
    assert not at.exception, at.exception
    added = len(rows(app_env, "tasks")) - before
    assert added >= 12  # every week for about 90 days
    assert any("tugas direncanakan" in s.value for s in at.success)


def test_suggestion_draft_fills_the_plan(app_env: Path) -> None:
    at = start("admin", page="pages/komunitas.py")
    draft = next(b for b in at.button if b.label == "Buat draf")
    draft.click().run()
    assert not at.exception, at.exception
    assert at.text_input(key="p_title").value.startswith("Kerja bakti saluran di titik genangan #")
    assert at.number_input(key="p_pocket").value > 0
    before = len(rows(app_env, "tasks"))
    next(b for b in at.button if b.label == "Simpan rencana").click().run()
    assert len(rows(app_env, "tasks")) == before + 1


def test_share_text_for_the_chosen_task(app_env: Path) -> None:
    at = start("sekko", page="pages/komunitas.py")
    text = at.code[0].value
    assert "Waktu:" in text and "WIB" in text and "Kegiatan:" in text


def test_lurah_deactivates_a_group(app_env: Path) -> None:
    at = start("lurah.pluit", page="pages/komunitas.py")
    gid = at.selectbox(key="g_edit_pick").value
    assert (
        next(g for g in rows(app_env, "community_groups") if g["id"] == gid)["kelurahan_kode"]
        == "31.72.01.1005"
    )
    at.checkbox(key=f"g_{gid}_active").uncheck()
    next(b for b in at.button if b.label == "Simpan" and str(gid) in str(b.form_id)).click().run()
    assert not at.exception, at.exception
    assert not [e.value for e in at.error], [c.value for c in at.caption]
    assert not next(g for g in rows(app_env, "community_groups") if g["id"] == gid)["active"]
