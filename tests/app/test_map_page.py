"""AppTest of the map page's non-map parts (st_folium is an unknown element here)."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.app.conftest import start


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_home_is_the_map_with_headline_numbers(app_env: Path) -> None:
    at = start()
    assert at.title[0].value == "Peta penataan dan genangan"
    m = _metrics(at)
    assert m["Lokasi"] == "46"
    parts = [
        int(m[k]) for k in ("Belum ditangani", "Dalam penataan", "Tertata", "Kembali semrawut")
    ]
    assert sum(parts) == 46


def test_filters_come_from_the_url_and_narrow_the_numbers(app_env: Path) -> None:
    at = start(query={"kec": "31.72.05", "status": "tertata"})
    assert at.selectbox(key="f_kec").value == "31.72.05"
    m = _metrics(at)
    assert int(m["Lokasi"]) == int(m["Tertata"]) < 46
    assert m["Belum ditangani"] == "0"


def test_choosing_a_kecamatan_writes_the_url(app_env: Path) -> None:
    at = start()
    at.selectbox(key="f_kec").set_value("31.72.04").run()
    assert at.query_params["kec"] == "31.72.04"
    assert int(_metrics(at)["Lokasi"]) < 46


def test_selection_from_the_url_shows_details(app_env: Path) -> None:
    at = start(query={"pilih": "site-1"})
    assert any(r"\(contoh\)" in h.value for h in at.subheader)  # escaped Markdown source


def test_site_text_with_markdown_is_shown_literally(app_env: Path) -> None:
    from pantau.store import open_database, tables

    db = open_database(app_env)
    tables.update(db.cursor(), "sites", 1, {"name": "[klik](http://x) :red[merah]"})
    db.close()
    at = start(query={"pilih": "site-1"})
    from pantau.ui.text import plain

    assert plain("[klik](http://x) :red[merah]") in [h.value for h in at.subheader]


def _site_in_pluit(path) -> dict:
    from pantau.store import open_database, tables

    db = open_database(path)
    try:
        return next(
            r for r in tables.rows(db.cursor(), "sites") if r["kelurahan_kode"] == "31.72.01.1005"
        )
    finally:
        db.close()


def test_lurah_edits_own_site_and_history_names_them(app_env) -> None:
    site = _site_in_pluit(app_env)
    at = start("lurah.pluit", query={"pilih": f"site-{site['id']}"})
    sid = site["id"]
    at.text_input(key=f"site_{sid}_address").input("Jl. Pluit Karang Utara")
    at.text_input(key=f"site_{sid}_note").input("Alamat diperjelas")
    next(b for b in at.button if b.label == "Simpan").click().run()
    assert not at.exception, at.exception
    # The panel shows recent changes as lines (a table would be cut off there).
    history = [c.value.replace("\\", "") for c in at.caption if "WIB**" in c.value]
    top = history[0]
    assert "· Lurah Pluit (demo)" in top
    assert "Alamat:" in top and "→ Jl. Pluit Karang Utara" in top
    assert "Alamat diperjelas" in top


def test_conflict_names_the_other_editor_and_keeps_the_input(app_env) -> None:
    from datetime import datetime

    from pantau.access.auth import authenticate
    from pantau.sites.rules import edit_site
    from pantau.store import open_database

    site = _site_in_pluit(app_env)
    sid = site["id"]
    at = start("lurah.pluit", query={"pilih": f"site-{sid}"})
    at.text_input(key=f"site_{sid}_name").input("Nama dari lurah")
    # Meanwhile the camat saves the same site.
    db = open_database(app_env)
    camat = authenticate(db, "camat.penjaringan", "demo-camat", datetime(2026, 11, 24))
    edit_site(
        db, camat, sid, site["version"], {"sweep_interval_days": 7}, datetime(2026, 11, 24, 2)
    )
    db.close()
    next(b for b in at.button if b.label == "Simpan").click().run()
    assert not at.exception, at.exception
    message = next(e.value for e in at.error if "diubah oleh" in e.value).replace("\\", "")
    assert "Camat Penjaringan (demo)" in message and "24 Nov 2026 09.00 WIB" in message
    assert at.text_input(key=f"site_{sid}_name").value == "Nama dari lurah"
    assert _site_in_pluit(app_env)["name"] == site["name"]  # nothing overwritten
    next(b for b in at.button if b.label == "Muat ulang data terbaru").click().run()
    assert at.number_input(key=f"site_{sid}_interval").value == 7
    assert at.text_input(key=f"site_{sid}_name").value == site["name"]


def test_readers_get_no_edit_form(app_env) -> None:
    site = _site_in_pluit(app_env)
    for who in ("tamu", "sekko", "sda"):
        at = start(who, query={"pilih": f"site-{site['id']}"})
        assert not [b for b in at.button if b.label == "Simpan"], who
        assert any("WIB**" in c.value for c in at.caption), "history is shown to readers too"
