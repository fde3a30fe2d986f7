"""The Siaga page as each role uses it, in both languages: the water office enters a
warning, the lurah of Pluit plans the watch in one action and gets the WhatsApp text,
a guest reads without contacts."""

from __future__ import annotations

from pathlib import Path

from tests.app.conftest import rows, start


def test_the_sample_warnings_show_with_their_outcome(app_env: Path) -> None:
    at = start("sekko", page="pages/siaga.py")
    assert at.title[0].value.startswith("Siaga")
    assert any(s.value == "Sesudah peringatan" for s in at.subheader)
    labels = [m.label for m in at.metric]
    assert "Titik rawan" in labels and "Laporan penjaga" in labels
    assert not any(e.label == "Masukkan peringatan" for e in at.expander)


def test_english_page(app_env: Path) -> None:
    at = start("sekko", page="pages/siaga.py")
    at.selectbox(key="lang").set_value("en").run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Siaga: before the water comes"
    assert any(s.value == "After the warning" for s in at.subheader)
    assert "Pockets at risk" in [m.label for m in at.metric]


def test_sda_enters_a_warning_and_the_lurah_plans_the_watch(app_env: Path) -> None:
    at = start("sda", page="pages/siaga.py")
    assert any(e.label == "Masukkan peringatan" for e in at.expander)
    at.selectbox(key="sg_new_kind").set_value("rob")
    at.selectbox(key="sg_new_level").set_value("awas")
    at.text_input(key="sg_new_ref").input("Peringatan rob BMKG uji")
    next(b for b in at.button if b.label == "Simpan peringatan").click().run()
    assert not at.exception, at.exception
    warnings = rows(app_env, "warnings")
    assert [w["level"] for w in warnings][-1] == "awas"
    lurah = start("lurah.pluit", page="pages/siaga.py")
    go = [b for b in lurah.button if b.label.startswith("Buat tugas jaga")]
    assert len(go) == 1
    go[0].click().run()
    assert not lurah.exception, lurah.exception
    watch = [t for t in rows(app_env, "tasks") if t["warning_id"] == warnings[-1]["id"]]
    assert watch and {t["kelurahan_kode"] for t in watch} == {"31.72.01.1005"}
    assert any("AWAS: ROB" in c.value and "Kel. Pluit" in c.value for c in lurah.code)
    assert not [b for b in lurah.button if b.label.startswith("Buat tugas jaga")]


def test_a_guest_sees_no_contacts_and_no_buttons(app_env: Path) -> None:
    at = start("tamu", page="pages/siaga.py")
    text = " ".join(m.value for m in at.markdown)
    assert "0813-0000-" not in text
    assert not [b for b in at.button if b.label.startswith("Buat tugas jaga")]
