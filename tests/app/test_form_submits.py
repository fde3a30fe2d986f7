"""Forms that save: a second submit of the same drawn form saves nothing, a saved
form comes back empty with nothing chosen, and the confirmation stands beside it.
Also the report status form shows only the fields the chosen move needs, and the
report form starts without coordinates."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pantau.store import open_database, tables
from tests.app.conftest import rows, start


def _report(app_env: Path) -> int:
    return int(
        next(
            r["id"]
            for r in rows(app_env, "reports")
            if r["status"] == "dilaporkan" and r["kecamatan_kode"] == "31.72.01"
        )
    )


def _events(app_env: Path, record_type: str, record_id: int) -> list[dict]:  # type: ignore[type-arg]
    return [
        e
        for e in rows(app_env, "events")
        if e["record_type"] == record_type and e["record_id"] == record_id
    ]


def _save_button(at: AppTest, label: str, form: str):  # type: ignore[no-untyped-def]
    return next(b for b in at.button if b.label == label and form in str(b.form_id))


def _submit_twice(at: AppTest, button) -> None:  # type: ignore[no-untyped-def]
    """Click `button`, then send the very same submit again, as a browser does on a
    double click or a second tap: the filled form and the pressed button of the
    drawing the user saw, whatever the first save did meanwhile."""
    button.click()
    sent = at._tree.get_widget_states()
    at.run()
    assert not at.exception, at.exception
    at._run(sent)
    assert not at.exception, at.exception
    assert not _errors(at)  # not even a conflict with one's own first save


def _errors(at: AppTest) -> list[str]:
    """Errors a form showed (not the report's own late-service flags)."""
    return [e.value for e in at.error if e.icon == ":material/error:"]


def test_report_status_submitted_twice_saves_once(app_env: Path) -> None:
    rid = _report(app_env)
    at = start("camat.penjaringan", query={"id": str(rid)}, page="pages/genangan.py")
    before = len(_events(app_env, "report", rid))
    version = next(r["version"] for r in rows(app_env, "reports") if r["id"] == rid)
    at.selectbox(key=f"rstatus_{rid}_to").select("Diverifikasi").run()
    at.text_input(key=f"rstatus_{rid}_note").input("Dicek PPSU")
    _submit_twice(at, _save_button(at, "Simpan", f"rstatus_{rid}"))
    after_first = _events(app_env, "report", rid)
    # And whatever Simpan the page shows now (there is none until a status is chosen).
    for b in [b for b in at.button if b.label == "Simpan" and f"rstatus_{rid}" in str(b.form_id)]:
        b.click().run()
    stored = next(r for r in rows(app_env, "reports") if r["id"] == rid)
    assert stored["status"] == "diverifikasi" and stored["version"] == version + 1
    events = _events(app_env, "report", rid)
    assert events == after_first and len(events) > before
    assert [e["new_value"] for e in events[before:] if e["field"] == "status"] == ["diverifikasi"]
    assert not _errors(at)


def test_saved_report_form_is_empty_and_the_confirmation_is_beside_it(
    app_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rid = _report(app_env)
    at = start("camat.penjaringan", query={"id": str(rid)}, page="pages/genangan.py")
    at.selectbox(key=f"rstatus_{rid}_to").select("Diverifikasi").run()
    at.text_input(key=f"rstatus_{rid}_note").input("Dicek PPSU")
    _save_button(at, "Simpan", f"rstatus_{rid}").click().run()
    assert not at.exception, at.exception
    # Nothing is chosen for the next step, and no note is carried over.
    status = next(s for s in at.selectbox if s.label == "Status berikutnya")
    assert status.value is None
    assert status.options[:2] == ["Ditangani", "Surut"]
    assert not [t for t in at.text_input if t.label == "Catatan" and t.value]
    # The confirmation is in the column of the form, not only at the top of the page.
    right = at.columns[5]
    assert [s.value for s in right.success] == ["Tersimpan."]
    assert "Tersimpan." in [t.value for t in at.toast]
    # It stays for the runs a double click or tap may add (and a few seconds, here
    # none), then goes.
    monkeypatch.setattr("pantau.ui.actions._FLASH_SECONDS", 0.0)
    at.run().run()
    assert [s.value for s in at.success if s.value == "Tersimpan."] == ["Tersimpan."]
    at.run()
    assert not [s for s in at.success if s.value == "Tersimpan."]


def test_report_status_form_asks_only_what_the_move_needs(app_env: Path) -> None:
    rid = _report(app_env)
    at = start("camat.penjaringan", query={"id": str(rid)}, page="pages/genangan.py")
    labels = {n.label for n in at.number_input} | {t.label for t in at.text_input}
    assert "Duplikat dari laporan #" not in labels and "Alasan ditolak" not in labels
    at.selectbox(key=f"rstatus_{rid}_to").select("Diverifikasi").run()
    labels = {n.label for n in at.number_input} | {t.label for t in at.text_input}
    assert "Duplikat dari laporan #" not in labels and "Alasan ditolak" not in labels
    at.selectbox(key=f"rstatus_{rid}_to").select("Duplikat").run()
    dup = next(n for n in at.number_input if n.label == "Duplikat dari laporan #")
    assert dup.value is None
    assert "Alasan ditolak" not in {t.label for t in at.text_input}
    at.selectbox(key=f"rstatus_{rid}_to").select("Ditolak").run()
    assert "Alasan ditolak" in {t.label for t in at.text_input}
    assert "Duplikat dari laporan #" not in {n.label for n in at.number_input}


def test_sweep_tapped_twice_records_one_sweep(app_env: Path) -> None:
    db = open_database(app_env)
    row = next(
        r for r in tables.rows(db.cursor(), "sites") if r["kelurahan_kode"] == "31.72.01.1005"
    )
    tables.update(db.cursor(), "sites", row["id"], {"status": "tertata", "last_sweep_at": None})
    db.close()
    sid = int(row["id"])
    at = start("lurah.pluit", page="pages/sisir.py")
    key = f"due_{sid}"
    assert at.radio(key=f"{key}_result").value is None  # nothing chosen beforehand
    at.radio(key=f"{key}_result").set_value("tertib")
    at.text_input(key=f"{key}_note").input("Trotoar bersih")
    _submit_twice(at, _save_button(at, "Simpan penyisiran", key))
    sweeps = [w for w in rows(app_env, "sweeps") if w["site_id"] == sid]
    assert len(sweeps) == 1 and sweeps[0]["note"] == "Trotoar bersih"
    assert [s.value for s in at.success] == ["Penyisiran tersimpan."]


def test_site_status_saved_once_and_the_form_comes_back_empty(app_env: Path) -> None:
    db = open_database(app_env)
    row = next(
        r for r in tables.rows(db.cursor(), "sites") if r["kelurahan_kode"] == "31.72.01.1005"
    )
    tables.update(db.cursor(), "sites", row["id"], {"status": "belum_ditangani"})
    db.close()
    sid = int(row["id"])
    at = start("lurah.pluit", query={"id": str(sid)}, page="pages/lokasi.py")
    before = len(_events(app_env, "site", sid))
    assert at.selectbox(key=f"status_{sid}_to").value is None
    at.selectbox(key=f"status_{sid}_to").select("Dalam penataan")
    at.text_area(key=f"status_{sid}_note").input("Mulai penataan PKL")
    _submit_twice(at, _save_button(at, "Simpan", f"status_{sid}"))
    changes = [e for e in _events(app_env, "site", sid)[before:] if e["field"] == "status"]
    assert [e["new_value"] for e in changes] == ["dalam_penataan"]
    status = next(s for s in at.selectbox if s.label == "Status berikutnya")
    assert status.value is None
    assert not [t for t in at.text_area if t.label == "Catatan" and t.value]


def test_report_form_starts_without_coordinates(app_env: Path) -> None:
    at = start("sda", page="pages/lapor.py")
    at.radio(key="lapor_how").set_value("koordinat").run()
    assert at.number_input(key="lapor_lat").value is None
    assert at.number_input(key="lapor_lon").value is None


def test_outside_the_city_is_said_once_latitude_first(app_env: Path) -> None:
    at = start("sda", page="pages/lapor.py")
    at.radio(key="lapor_how").set_value("koordinat").run()
    at.number_input(key="lapor_lat").set_value(-6.30)
    at.number_input(key="lapor_lon").set_value(106.80)
    next(b for b in at.button if b.label == "Kirim laporan").click().run()
    said = [e.value for e in at.error] + [c.value for c in at.caption]
    hits = [text for text in said if "berada di luar Jakarta Utara" in text]
    assert len(hits) == 1, hits
    assert "lintang -6.30000, bujur 106.80000" in hits[0].replace("\\", "")


def test_report_form_double_submit_makes_one_report(app_env: Path) -> None:
    before = len(rows(app_env, "reports"))
    at = start("lurah.pluit", page="pages/lapor.py")
    at.radio(key="lapor_how").set_value("koordinat").run()
    at.number_input(key="lapor_lat").set_value(-6.1180)
    at.number_input(key="lapor_lon").set_value(106.7905)
    at.text_input(key="lapor_name").input("Bu Ani")
    at.checkbox(key="lapor_not_dup").check()
    _submit_twice(at, next(b for b in at.button if b.label == "Kirim laporan"))
    assert len(rows(app_env, "reports")) == before + 1
    # The form is empty again: no coordinates, no reporter.
    assert all(n.value is None for n in at.number_input if n.label in ("Lintang", "Bujur"))
    assert not [t for t in at.text_input if t.label == "Pelapor" and t.value]
    assert any("tersimpan di titik genangan" in s.value for s in at.success)
