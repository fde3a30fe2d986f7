"""AppTest of the site list, a site's page, Perlu disisir and Tugas saya."""

from __future__ import annotations

from pathlib import Path

from pantau.store import open_database, tables
from tests.app.conftest import rows, start


def _pluit_site(path: Path, status: str) -> dict:
    return next(
        r for r in rows(path, "sites")
        if r["kelurahan_kode"] == "31.72.01.1005" and r["status"] == status
    )  # fmt: skip


def test_list_shows_all_sites_and_filters(app_env: Path) -> None:
    at = start("sekko", page="pages/lokasi.py")
    assert at.title[0].value == "Lokasi penataan"
    assert len(at.dataframe[0].value) == 46
    at.sidebar.checkbox(key="l_overdue").check().run()
    overdue = at.dataframe[0].value
    assert 0 < len(overdue) < 46 and overdue["overdue"].all()
    at.sidebar.text_input(key="l_text").input("zzz-tidak-ada").run()
    assert len(at.dataframe[0].value) == 0
    assert [b.label for b in at.get("download_button")] == ["CSV", "XLSX", "GeoJSON"]


def test_readers_get_no_bulk_table_camat_gets_own_kecamatan(app_env: Path) -> None:
    at = start("sekko", page="pages/lokasi.py")
    assert len(at.dataframe) == 1 and "Ubah beberapa lokasi sekaligus" not in [
        h.value for h in at.subheader
    ]
    at = start("camat.penjaringan", page="pages/lokasi.py")
    assert len(at.dataframe) == 2  # the list and the bulk table (a data editor)
    codes = list(at.dataframe[1].value["code"])
    kec = {r["code"]: r["kecamatan_kode"] for r in rows(app_env, "sites")}
    assert codes and {kec[c] for c in codes} == {"31.72.01"}
    assert len(codes) == sum(1 for k in kec.values() if k == "31.72.01")
    bulk = next(b for b in at.button if b.label.startswith("Simpan 0"))
    assert bulk.disabled


def test_site_page_moves_status_with_a_note(app_env: Path) -> None:
    site = (
        _pluit_site(app_env, "belum_ditangani")
        if any(
            r["status"] == "belum_ditangani" and r["kelurahan_kode"] == "31.72.01.1005"
            for r in rows(app_env, "sites")
        )
        else None
    )
    if site is None:
        db = open_database(app_env)
        row = next(r for r in tables.rows(db.cursor(), "sites")
                   if r["kelurahan_kode"] == "31.72.01.1005")  # fmt: skip
        tables.update(db.cursor(), "sites", row["id"], {"status": "belum_ditangani"})
        db.close()
        site = {**row, "status": "belum_ditangani"}
    at = start("lurah.pluit", query={"id": str(site["id"])}, page="pages/lokasi.py")
    assert not at.exception, at.exception
    sid = site["id"]
    assert at.selectbox(key=f"status_{sid}_to").options == ["Dalam penataan"]
    at.selectbox(key=f"status_{sid}_to").select("Dalam penataan")  # nothing pre-selected
    next(b for b in at.button if b.label == "Simpan" and "status" in str(b.form_id)).click().run()
    assert any("catatan" in e.value for e in at.error)
    at.text_area(key=f"status_{sid}_note").input("Mulai penataan PKL")
    next(b for b in at.button if b.label == "Simpan" and "status" in str(b.form_id)).click().run()
    assert not at.exception, at.exception
    stored = next(r for r in rows(app_env, "sites") if r["id"] == sid)
    assert stored["status"] == "dalam_penataan"
    history = at.dataframe[-1].value
    assert history.iloc[0]["Oleh"] == "Lurah Pluit (demo)"
    assert history.iloc[0]["Catatan"] == "Mulai penataan PKL"


def test_tamu_sees_a_site_page_without_forms(app_env: Path) -> None:
    site = rows(app_env, "sites")[0]
    at = start("tamu", query={"id": str(site["id"])}, page="pages/lokasi.py")
    assert not at.exception, at.exception
    assert not [b for b in at.button if b.label in ("Simpan", "Serahkan", "Simpan penyisiran")]


def test_sweep_page_records_a_semrawut_sweep(app_env: Path) -> None:
    db = open_database(app_env)
    row = next(
        r for r in tables.rows(db.cursor(), "sites") if r["kelurahan_kode"] == "31.72.01.1005"
    )
    tables.update(db.cursor(), "sites", row["id"], {"status": "tertata", "last_sweep_at": None})
    db.close()
    at = start("lurah.pluit", page="pages/sisir.py")
    assert at.title[0].value == "Perlu disisir"
    key = f"due_{row['id']}"
    at.radio(key=f"{key}_result").set_value("semrawut")
    at.text_input(key=f"{key}_note").input("PKL kembali berjualan")
    next(b for b in at.button if b.label == "Simpan penyisiran").click().run()
    assert not at.exception, at.exception
    stored = next(r for r in rows(app_env, "sites") if r["id"] == row["id"])
    assert stored["status"] == "kembali_semrawut" and stored["last_sweep_at"] is not None
    sweeps = [w for w in rows(app_env, "sweeps") if w["site_id"] == row["id"]]
    assert sweeps[-1]["note"] == "PKL kembali berjualan"


def test_queue_page_lists_urgent_work(app_env: Path) -> None:
    at = start("camat.penjaringan", page="pages/tugas.py")
    assert at.title[0].value == "Tugas saya"
    metrics = {m.label: int(m.value) for m in at.metric}
    assert metrics["Terlambat"] > 0
    empty = start("tamu", page="pages/tugas.py")
    assert "Tidak ada yang menunggu" in empty.success[0].value


def test_admin_retires_a_site_with_a_reason(app_env: Path) -> None:
    site = rows(app_env, "sites")[0]
    at = start("admin", query={"id": str(site["id"])}, page="pages/lokasi.py")
    sid = site["id"]
    button = next(b for b in at.button if b.label == "Hapus dari daftar")
    button.click().run()
    assert any("Alasan" in e.value for e in at.error)
    at.text_input(key=f"retire_{sid}_why").input("Dobel dengan lokasi lain")
    next(b for b in at.button if b.label == "Hapus dari daftar").click().run()
    assert not at.exception, at.exception
    assert next(r for r in rows(app_env, "sites") if r["id"] == sid)["retired"]
    assert any("riwayatnya tetap" in s.value for s in at.success)
