"""Invariants of the sample data: counts, placement, labels, determinism."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pantau.admin.integrity import check
from pantau.city.areas import kecamatan_list, kelurahan_by_kode
from pantau.sample.floods import COASTAL
from pantau.store import Database
from tests.conftest import build_sample

pytestmark = pytest.mark.both_engines


def _frame(db: Database, table: str) -> pd.DataFrame:
    return db.read().records.read(table, order_by="id")


def test_46_sites_over_6_kecamatan_and_3_owner_levels(sample_copy: Database) -> None:
    sites = _frame(sample_copy, "sites")
    assert len(sites) == 46
    assert set(sites["kecamatan_kode"]) == {k.kode for k in kecamatan_list()}
    assert set(sites["owner_level"]) == {"kelurahan", "kecamatan", "kota"}
    assert set(sites["status"]) == {
        "belum_ditangani",
        "dalam_penataan",
        "tertata",
        "kembali_semrawut",
    }


def test_every_point_is_inside_its_own_kelurahan(sample_copy: Database) -> None:
    for table in ("sites", "reports", "pockets"):
        frame = _frame(sample_copy, table)
        assert (frame["placement"] == "inside").all(), table
        assert frame["kelurahan_kode"].map(lambda k: k in kelurahan_by_kode()).all()
        kec = frame["kelurahan_kode"].map(lambda k: kelurahan_by_kode()[k].kecamatan_kode)
        assert (kec == frame["kecamatan_kode"]).all()


def test_reports_span_a_year_and_cluster_into_recurring_pockets(sample_copy: Database) -> None:
    reports = _frame(sample_copy, "reports")
    assert 300 <= len(reports) <= 900
    span = reports["observed_at"].max() - reports["observed_at"].min()
    assert span.days >= 300
    per_pocket = reports.groupby("pocket_id").size()
    assert (per_pocket >= 9).sum() >= 10, "some pockets must flood again and again"
    assert set(reports["status"]) >= {"selesai", "duplikat"}


def test_coast_floods_more_and_mostly_by_rob(sample_copy: Database) -> None:
    reports = _frame(sample_copy, "reports")
    names = reports["kelurahan_kode"].map(lambda k: kelurahan_by_kode()[k].nama)
    coastal = names.isin(list(COASTAL))
    assert coastal.mean() > 0.6
    assert (reports.loc[coastal, "cause"] == "rob").mean() > 0.4


def test_everything_is_labelled_as_sample(sample_copy: Database) -> None:
    sites = _frame(sample_copy, "sites")
    assert sites["code"].str.startswith("CTH-").all()
    assert sites["name"].str.endswith("(contoh)").all()
    for table in ("sites", "reports", "community_groups", "tasks"):
        assert _frame(sample_copy, table)["is_sample"].all(), table
    users = _frame(sample_copy, "users")
    assert users["display_name"].str.contains("demo").all()
    assert sorted(users["role"]) == sorted(["admin", "pimpinan", "camat", "lurah", "sda", "tamu"])


def test_passwords_are_hashed_never_plain(sample_copy: Database) -> None:
    users = _frame(sample_copy, "users")
    assert users["password_hash"].str.startswith("$2b$").all()
    events = _frame(sample_copy, "events")
    assert not events["new_value"].fillna("").str.contains("demo-").any()


def test_sample_is_deterministic(sample_file: Path, tmp_path: Path) -> None:
    again = build_sample(tmp_path / "again.duckdb")
    first = build_sample(tmp_path / "first.duckdb")
    for table in ("sites", "reports", "pockets", "tasks", "community_groups", "sweeps"):
        pd.testing.assert_frame_equal(_frame(first, table), _frame(again, table))
    ev_cols = ["occurred_at", "record_type", "record_id", "action", "field", "new_value"]
    pd.testing.assert_frame_equal(
        _frame(first, "events")[ev_cols], _frame(again, "events")[ev_cols]
    )


def test_sample_database_passes_the_integrity_check(sample_copy: Database) -> None:
    report = check(sample_copy)
    assert report.ok, report.text()


def test_check_finds_a_record_that_disagrees_with_its_history(sample_copy: Database) -> None:
    s = sample_copy.read()
    s.records.update("sites", 1, {"status": "tertata", "name": "diam-diam diubah"})
    report = check(sample_copy)
    assert not report.ok
    assert any("sites tidak sama dengan log" in p for p in report.problems)


def test_check_finds_orphans(sample_copy: Database) -> None:
    sample_copy.read().records.update("reports", 1, {"pocket_id": 999999})
    assert any("titik genangan yang tidak ada" in p for p in check(sample_copy).problems)


def test_check_finds_an_usulan_whose_pocket_is_gone(sample_copy: Database) -> None:
    first = sample_copy.read().records.rows("usulan")[0]
    sample_copy.cursor().execute("DELETE FROM pockets WHERE id = ?", [first["pocket_id"]])
    problems = check(sample_copy).problems
    assert "1 usulan dengan titik genangan atau lokasi penataan yang tidak ada" in problems


def test_sample_points_also_fall_in_the_real_boundaries(
    sample_copy: Database, real_boundaries: Path
) -> None:
    """The sample stands on the real DKI boundaries; the shared survey file of Jakarta
    Utara must agree: every point inside, in the same kelurahan (the approximate
    boundaries once put 36 of 559 in the sea and moved 138)."""
    from pantau.geo import boundaries, spatial

    real = boundaries.match_boundaries(boundaries.read_boundary_file(real_boundaries)).boundaries
    for table in ("sites", "pockets", "reports"):
        frame = _frame(sample_copy, table)
        joined = spatial.join_points(real, frame["lon"].to_numpy(), frame["lat"].to_numpy())
        assert (joined["placement"] == "inside").all(), table
        same = joined["kelurahan_kode"].to_numpy() == frame["kelurahan_kode"].to_numpy()
        assert same.all(), (table, frame.loc[~same, "kelurahan_kode"].tolist())


def test_recent_reports_are_still_open_and_old_ones_closed(sample_copy: Database) -> None:
    from tests.conftest import NOW

    reports = _frame(sample_copy, "reports")
    recent = reports[reports["observed_at"] > NOW - pd.Timedelta(days=12)]
    old = reports[reports["observed_at"] < NOW - pd.Timedelta(days=60)]
    open_states = {"dilaporkan", "diverifikasi", "ditangani"}
    assert recent["status"].isin(open_states).sum() >= 3
    assert not old["status"].isin(open_states).any()


def test_every_sample_point_is_inside_its_real_kelurahan(sample_copy: Database) -> None:
    """On the shipped DKI coverage no sample point needs the gap tolerance: each is
    inside the kelurahan it is stored with (on land, not in the sea)."""
    from pantau.geo import boundaries, spatial

    real = boundaries.load_default_boundaries()
    for table in ("sites", "pockets", "reports"):
        frame = _frame(sample_copy, table)
        assert (frame["placement"] == "inside").all(), table
        joined = spatial.join_points(real, frame["lon"].to_numpy(), frame["lat"].to_numpy())
        assert (joined["kelurahan_kode"].to_numpy() == frame["kelurahan_kode"].to_numpy()).all()


def test_sample_usulan_show_every_step_of_the_forum(sample_copy: Database) -> None:
    from pantau.musrenbang.usulan import FORWARD_LIMIT, PRIORITY_LIMIT

    usulan = _frame(sample_copy, "usulan")
    assert usulan["is_sample"].all() and usulan["title"].str.endswith("(contoh)").all()
    assert {"draft", "diteruskan", "prioritas"} <= set(usulan["status"])
    assert usulan["evidence_json"].str.contains('"kind": "pocket"').all()
    per_kelurahan = usulan[usulan["status"] != "draft"].groupby("kelurahan_kode").size()
    assert per_kelurahan.max() <= FORWARD_LIMIT
    assert usulan.groupby("kecamatan_kode")["kecamatan_priority"].sum().max() <= PRIORITY_LIMIT
