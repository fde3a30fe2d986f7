"""Edit forms remember the version their widgets were filled from (issue 13 #2).

Session A opens a group; B changes its phone; A's page reruns once (any widget);
A saves a name change. Once this said "Tersimpan" and silently put the old phone
back: the remembered version was refreshed on every rerun while the keyed inputs
kept their first values."""

from __future__ import annotations

from pathlib import Path

from pantau.access.auth import authenticate
from pantau.community.groups import update_group
from pantau.store import open_database
from tests.app.conftest import rows, start
from tests.conftest import NOW


def _group(path: Path, gid: int) -> dict:  # type: ignore[type-arg]
    return next(g for g in rows(path, "community_groups") if g["id"] == gid)


def _b_changes_the_phone(path: Path, gid: int) -> None:
    db = open_database(path)
    try:
        lurah = authenticate(db, "lurah.pluit", "demo-lurah", NOW)
        group = _group(path, gid)
        update_group(db, lurah, gid, group["version"], {"contact_phone": "0812 0000 1111"}, NOW)
    finally:
        db.close()


def _save(at, gid: int) -> None:  # type: ignore[no-untyped-def]
    next(b for b in at.button if b.label == "Simpan" and str(gid) in str(b.form_id)).click().run()


def _name_input(at, gid: int):  # type: ignore[no-untyped-def]
    return next(t for t in at.text_input if str(t.key).startswith(f"g_{gid}_name"))


def test_a_rerun_after_someone_elses_save_redraws_the_form(app_env: Path) -> None:
    at = start("lurah.pluit", page="pages/komunitas.py")
    gid = at.selectbox(key="g_edit_pick").value
    _b_changes_the_phone(app_env, gid)
    at.run()  # any widget: the page reruns
    phone = next(t for t in at.text_input if str(t.key).startswith(f"g_{gid}_phone"))
    assert phone.value == "0812 0000 1111", "the form shows the current record"
    _name_input(at, gid).input("Nama Baru A")
    _save(at, gid)
    assert not at.exception, at.exception
    stored = _group(app_env, gid)
    assert (stored["name"], stored["contact_phone"]) == ("Nama Baru A", "0812 0000 1111")


def test_a_save_over_someone_elses_change_is_refused(app_env: Path) -> None:
    at = start("lurah.pluit", page="pages/komunitas.py")
    gid = at.selectbox(key="g_edit_pick").value
    before = _group(app_env, gid)
    _b_changes_the_phone(app_env, gid)
    _name_input(at, gid).input("Nama Baru A")
    _save(at, gid)
    assert any("diubah" in e.value for e in at.error), [e.value for e in at.error]
    stored = _group(app_env, gid)
    assert (stored["name"], stored["contact_phone"]) == (before["name"], "0812 0000 1111")
    reload = next(b for b in at.button if str(b.key).endswith("_reload"))
    reload.click().run()
    assert _name_input(at, gid).value == before["name"], "drawn again from the record"


def test_after_a_status_change_the_edit_form_saves_without_a_conflict(app_env: Path) -> None:
    """The site's own status change bumps its version: the edit form on the same page
    is drawn again from the new record instead of refusing the next edit."""
    site = next(
        r
        for r in rows(app_env, "sites")
        if r["kelurahan_kode"] == "31.72.01.1005" and r["status"] == "belum_ditangani"
    )
    sid = site["id"]
    at = start("lurah.pluit", query={"id": str(sid)}, page="pages/lokasi.py")
    at.selectbox(key=f"status_{sid}_to").select("Dalam penataan")
    at.text_area(key=f"status_{sid}_note").input("Mulai")
    next(b for b in at.button if b.label == "Simpan" and "status" in str(b.form_id)).click().run()
    assert any("Tersimpan" in s.value for s in at.success), "the confirmation survives"
    name = next(t for t in at.text_input if str(t.key).startswith(f"site_{sid}_name"))
    name.input("Nama baru setelah status")
    form = str(name.form_id)
    next(b for b in at.button if b.label == "Simpan" and str(b.form_id) == form).click().run()
    assert not at.exception, at.exception
    assert not [e.value for e in at.error if "diubah" in e.value], "no conflict"
    stored = next(r for r in rows(app_env, "sites") if r["id"] == sid)
    assert (stored["status"], stored["name"]) == ("dalam_penataan", "Nama baru setelah status")
