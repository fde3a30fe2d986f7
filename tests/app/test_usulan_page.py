"""AppTest of the usulan page: the lurah's suggestions and list (drafting, ordering,
forwarding), the camat's forwarded list with priority marking, a reader who sees no
buttons, one usulan with its evidence and the decision form, both languages."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.app.conftest import rows, start

PAGE = "pages/usulan.py"


def _labels(at: AppTest) -> list[str]:
    return [b.label for b in at.button]


def _text(at: AppTest) -> str:
    return " ".join(m.value for m in at.markdown)


def test_the_lurah_sees_suggestions_and_the_kelurahan_list(app_env: Path) -> None:
    at = start("lurah.pluit", page=PAGE)
    assert at.title[0].value == "Usulan musrenbang 2026"
    assert "Saran dari bukti" in [h.value for h in at.subheader]
    assert "Buat usulan" in _labels(at)
    assert "Usulan Kelurahan Pluit (urutan lurah)" in [h.value for h in at.subheader]
    assert "Tarik kembali" in _labels(at)  # the sample's forwarded one
    assert "Tandai prioritas" not in _labels(at)  # the camat's move


def test_the_lurah_drafts_from_a_pocket_and_the_usulan_opens(app_env: Path) -> None:
    before = len(rows(app_env, "usulan"))
    at = start("lurah.pluit", page=PAGE)
    next(b for b in at.button if b.label == "Buat usulan").click().run()
    assert not at.exception, at.exception
    assert len(rows(app_env, "usulan")) == before + 1
    assert at.query_params["id"]
    assert "titik genangan #" in at.title[0].value.replace("\\", "")  # as shown: unescaped
    assert "Bukti dari catatan" in [h.value for h in at.subheader]
    assert any(m.label == "Hari banjir dalam 12 bulan" for m in at.metric)
    assert [d.label for d in at.get("download_button")] == ["Lembar bukti (PDF)"]


def test_the_lurah_forwards_and_reorders(app_env: Path) -> None:
    at = start("lurah.pluit", page=PAGE)
    next(b for b in at.button if b.label == "Buat usulan").click().run()
    new = int(at.query_params["id"])
    at.query_params.pop("id")
    at.run()
    assert not at.exception, at.exception
    stored = {r["id"]: r for r in rows(app_env, "usulan")}
    assert stored[new]["kelurahan_rank"] == 2
    up = next(b for b in at.button if b.key.startswith(f"u_kelurahan_-1_{new}_"))
    up.click().run()
    assert not at.exception, at.exception
    assert {r["id"]: r for r in rows(app_env, "usulan")}[new]["kelurahan_rank"] == 1
    forward = next(b for b in at.button if b.key.startswith(f"u_to_diteruskan_{new}_"))
    forward.click().run()  # no volume yet: the core says so
    assert any("volume" in e.value for e in at.error)
    assert {r["id"]: r for r in rows(app_env, "usulan")}[new]["status"] == "draft"


def test_the_camat_marks_a_priority_within_the_limit(app_env: Path) -> None:
    at = start("camat.penjaringan", page=PAGE)
    assert "Saran dari bukti" not in [h.value for h in at.subheader]  # camat does not draft
    assert "Prioritas kecamatan: 1 dari paling banyak 3." in [c.value for c in at.caption]
    marks = [b for b in at.button if b.label == "Tandai prioritas"]
    assert len(marks) == 2
    marks[0].click().run()
    assert not at.exception, at.exception
    assert sum(r["kecamatan_priority"] for r in rows(app_env, "usulan")) == 2


def test_a_reader_sees_the_lists_without_buttons(app_env: Path) -> None:
    at = start("tamu", page=PAGE)
    at.selectbox(key="u_kec").select("31.72.01").run()
    assert not at.exception, at.exception
    labels = _labels(at)
    assert "Buat usulan" not in labels and "Tandai prioritas" not in labels
    assert "Buka" in labels
    assert [d.label for d in at.get("download_button")] == ["CSV", "XLSX"]


def test_pimpinan_decides_on_a_forwarded_usulan(app_env: Path) -> None:
    forwarded = next(r for r in rows(app_env, "usulan") if r["status"] == "diteruskan")
    at = start("sekko", query={"id": str(forwarded["id"])}, page=PAGE)
    assert "Keputusan" in [h.value for h in at.subheader]
    next(b for b in at.button if b.label == "Tidak diterima").click().run()
    assert any("alasan" in e.value for e in at.error)
    at.text_input(key=f"u_decide_{forwarded['id']}_reason").input("Sudah ada di rencana")
    next(b for b in at.button if b.label == "Tidak diterima").click().run()
    assert not at.exception, at.exception
    after = {r["id"]: r for r in rows(app_env, "usulan")}[forwarded["id"]]
    assert (after["status"], after["decision_reason"]) == ("tidak_diterima", "Sudah ada di rencana")


def test_the_page_speaks_english(app_env: Path) -> None:
    at = start("lurah.pluit", page=PAGE)
    at.selectbox(key="lang").select("en").run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Musrenbang proposals 2026"
    assert "Draft proposal" in _labels(at) and "Suggested by the evidence" in [
        h.value for h in at.subheader
    ]
