"""The admin page lists records a forced boundary import left outside every kelurahan;
the admin moves one to its right point and confirms another; the list empties."""

from __future__ import annotations

from pathlib import Path

from pantau.geo.locations import current_boundaries, import_boundaries
from pantau.store import open_database
from tests.app.conftest import rows, start
from tests.conftest import NOW
from tests.test_stranding import PLUIT, _shrunk_pluit


def _force_stranding(path: Path, tmp_path: Path) -> tuple[float, float]:
    """Strand Pluit's records; return a point inside what is left of Pluit (lon, lat)."""
    db = open_database(path)
    try:
        import_boundaries(db, _shrunk_pluit(tmp_path), NOW, force=True)
        bounds = current_boundaries(db)
        spot = bounds.loc[bounds["kode"] == PLUIT, "geometry"].iloc[0].representative_point()
        return float(spot.x), float(spot.y)
    finally:
        db.close()


def _outside(path: Path) -> int:
    return sum(r["placement"] == "outside" for t in ("sites", "reports", "pockets")
               for r in rows(path, t))  # fmt: skip


def test_admin_moves_one_and_confirms_another(app_env: Path, tmp_path: Path) -> None:
    lon, lat = _force_stranding(app_env, tmp_path)
    before = _outside(app_env)
    assert before >= 2
    at = start("admin", page="pages/admin.py")
    assert any(f"Data di luar batas wilayah ({before})" in h.value for h in at.subheader)
    listed = at.dataframe[1].value
    assert len(listed) == before and set(listed["kelurahan"]) == {"Pluit"}
    options = at.selectbox(key="stranded_pick").options
    at.selectbox(key="stranded_pick").set_value(at.selectbox(key="stranded_pick").options[0])
    at.run()
    # An empty move is refused with a sentence; nothing changes.
    next(b for b in at.button if b.label == "Pindahkan").click().run()
    assert not at.exception, at.exception
    assert any("berupa angka" in e.value for e in at.error)
    assert _outside(app_env) == before
    lat_input = next(n for n in at.number_input if n.label == "Lintang")
    lon_input = next(n for n in at.number_input if n.label == "Bujur")
    lat_input.set_value(lat)
    lon_input.set_value(lon)
    next(b for b in at.button if b.label == "Pindahkan").click().run()
    assert not at.exception, at.exception
    assert _outside(app_env) == before - 1
    assert any(f"({before - 1})" in h.value for h in at.subheader)
    at.selectbox(key="stranded_pick").set_value(at.selectbox(key="stranded_pick").options[0])
    at.run()
    next(b for b in at.button if b.label == "Konfirmasi").click().run()
    assert not at.exception, at.exception
    assert _outside(app_env) == before - 2
    assert len(options) == before
