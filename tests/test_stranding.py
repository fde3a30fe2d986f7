"""A boundary import never strands a record silently (issue 14 #5).

A file whose Pluit is only a small box around its inside point leaves Pluit's sample
records outside every kelurahan (or in another one): the import is refused naming
each, unless forced; forced, they keep their kelurahan and are listed by `pantau
check` and `stranded()` until an admin moves or confirms each."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pytest
import shapely
from shapely.geometry import Point

from pantau.access.auth import authenticate
from pantau.admin.cli import main
from pantau.admin.integrity import check
from pantau.city import areas
from pantau.geo import stranded
from pantau.geo.boundaries import load_default_boundaries, write_boundaries
from pantau.geo.locations import current_boundaries, import_boundaries
from pantau.kernel.errors import InvalidInput, NotAllowed
from pantau.store import Database
from pantau.store.ports import LOCATED_TABLES
from tests.conftest import NOW

pytestmark = pytest.mark.both_engines

PLUIT = "31.72.01.1005"


def _shrunk_pluit(tmp_path: Path) -> Path:
    """The shipped boundaries with Pluit cut down to a 100 m box in its far corner,
    away from its inside point, around which the sample places Pluit's records."""
    gdf = load_default_boundaries()
    k = areas.kelurahan(PLUIT)
    pluit = gdf.loc[gdf["kode"] == PLUIT, "geometry"].iloc[0]
    centre = Point(k.inside_lon, k.inside_lat)
    far = max(shapely.get_coordinates(pluit), key=lambda c: centre.distance(Point(c)))
    corner = Point(k.inside_lon + 0.85 * (far[0] - k.inside_lon),
                   k.inside_lat + 0.85 * (far[1] - k.inside_lat))  # fmt: skip
    assert pluit.contains(corner)
    small = corner.buffer(0.0005, cap_style="square")
    gdf.loc[gdf["kode"] == PLUIT, "geometry"] = gpd.GeoSeries([small], crs="EPSG:4326").values
    path = tmp_path / "pluit_kecil.geojson"
    write_boundaries(gdf, path)
    return path


def _placements(db: Database) -> dict[tuple[str, int], tuple[str, str]]:
    session = db.read()
    return {
        (t, int(r["id"])): (r["kelurahan_kode"], r["placement"])
        for t in LOCATED_TABLES
        for r in session.records.rows(t)
    }


def test_an_import_that_would_strand_records_is_refused_naming_them(
    sample_copy: Database, tmp_path: Path
) -> None:
    before = _placements(sample_copy)
    source = current_boundaries(sample_copy)
    with pytest.raises(InvalidInput) as exc:
        import_boundaries(sample_copy, _shrunk_pluit(tmp_path), NOW)
    message = str(exc.value)
    assert "di luar semua kelurahan; tidak ada yang diimpor" in message
    assert "Lokasi CTH-PEN-" in message and "(Kel. Pluit)" in message
    assert " km dari Kel. " in message or " m dari Kel. " in message
    assert "--force" in message
    assert _placements(sample_copy) == before  # nothing changed
    assert current_boundaries(sample_copy).geometry.equals(source.geometry)


def test_forced_import_keeps_them_in_their_kelurahan_and_lists_them(
    sample_copy: Database, tmp_path: Path
) -> None:
    result = import_boundaries(sample_copy, _shrunk_pluit(tmp_path), NOW, force=True)
    assert result.rejoin.stranded
    assert all(c.old_kode == PLUIT and c.new_kode is None for c in result.rejoin.stranded)
    after = _placements(sample_copy)
    out = [key for key, (kel, placement) in after.items() if placement == "outside"]
    assert len(out) == len(result.rejoin.stranded)
    assert {after[key][0] for key in out} == {PLUIT}  # the lurah of Pluit still holds them
    listed = stranded.stranded(sample_copy)
    assert len(listed) == len(out)
    assert (listed["distance_m"] > 250).all() and set(listed["kelurahan"]) == {"Pluit"}
    report = check(sample_copy)
    assert not report.ok
    assert any("di luar semua kelurahan" in p and "halaman Admin" in p for p in report.problems)


def test_each_is_moved_or_confirmed_then_check_is_clean(
    sample_copy: Database, tmp_path: Path
) -> None:
    import_boundaries(sample_copy, _shrunk_pluit(tmp_path), NOW, force=True)
    admin = authenticate(sample_copy, "admin", "demo-admin", NOW)
    lurah = authenticate(sample_copy, "lurah.pluit", "demo-lurah", NOW)
    listed = stranded.stranded(sample_copy)
    first, *rest = listed.to_dict("records")
    with pytest.raises(NotAllowed):
        stranded.confirm(sample_copy, lurah, first["table"], first["id"], first["version"], NOW)
    bounds = current_boundaries(sample_copy)
    spot = bounds.loc[bounds["kode"] == PLUIT, "geometry"].iloc[0].representative_point()
    with pytest.raises(InvalidInput, match="di luar Jakarta Utara"):  # still outside
        stranded.move(sample_copy, admin, first["table"], first["id"], first["version"],
                      first["lon"], first["lat"], NOW)  # fmt: skip
    moved = stranded.move(sample_copy, admin, first["table"], first["id"], first["version"],
                          spot.x, spot.y, NOW)  # fmt: skip
    assert moved["kelurahan_kode"] == PLUIT and moved["placement"] == "inside"
    for row in rest:
        stranded.confirm(sample_copy, admin, row["table"], row["id"], row["version"], NOW)
    assert stranded.stranded(sample_copy).empty
    report = check(sample_copy)
    assert report.ok, report.text()
    assert any("dikonfirmasi admin" in n for n in report.notes)
    # A later import that covers them again joins them normally, and keeps nothing stranded.
    import_boundaries(sample_copy, _default_file(tmp_path), NOW)
    assert {p for _, p in _placements(sample_copy).values()} == {"inside"}


def _default_file(tmp_path: Path) -> Path:
    path = tmp_path / "asli.geojson"
    write_boundaries(load_default_boundaries(), path)
    return path


def test_cli_refuses_then_forces(
    sample_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "p.duckdb"
    db.write_bytes(sample_file.read_bytes())
    file = _shrunk_pluit(tmp_path)
    assert main(["--db", str(db), "boundaries", "import", str(file)]) == 1
    refused = capsys.readouterr()
    assert "tidak ada yang diimpor" in refused.out + refused.err
    assert main(["--db", str(db), "boundaries", "import", str(file), "--force"]) == 0
    out = capsys.readouterr().out
    assert "Di luar semua kelurahan (" in out
    assert main(["--db", str(db), "check"]) == 1


def test_every_record_that_changes_kelurahan_is_named(
    sample_copy: Database, tmp_path: Path
) -> None:
    """A file that gives the heart of Pluit to Penjaringan lands (nothing stranded) and
    names each record it moves, with both kelurahan."""
    gdf = load_default_boundaries()
    k = areas.kelurahan(PLUIT)
    penjaringan = "31.72.01.1001"
    disc = Point(k.inside_lon, k.inside_lat).buffer(0.006)
    geoms = gdf.set_index("kode").geometry
    given = geoms[PLUIT].intersection(disc)
    gdf.loc[gdf["kode"] == PLUIT, "geometry"] = gpd.GeoSeries(
        [geoms[PLUIT].difference(disc)], crs="EPSG:4326"
    ).values
    gdf.loc[gdf["kode"] == penjaringan, "geometry"] = gpd.GeoSeries(
        [geoms[penjaringan].union(given)], crs="EPSG:4326"
    ).values
    path = tmp_path / "pluit_ke_penjaringan.geojson"
    write_boundaries(gdf, path)
    result = import_boundaries(sample_copy, path, NOW)
    assert not result.rejoin.stranded
    changes = result.rejoin.changes
    assert changes and {(c.old_kode, c.new_kode) for c in changes} == {(PLUIT, penjaringan)}
    assert all(c.text().endswith(": Kel. Pluit → Kel. Penjaringan") for c in changes)
    moved = {(c.table, c.id) for c in changes}
    after = _placements(sample_copy)
    assert all(after[key][0] == penjaringan for key in moved)
