from __future__ import annotations

import re

import pytest

from pantau.admin.config import ENV_VARS, ROOT, load_settings
from pantau.kernel.errors import BadSetting, InvalidInput


def test_every_setting_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [name for name in ENV_VARS if not re.search(rf"`{name}`", readme)]
    assert not missing, f"undocumented settings: {missing}"


def test_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ENV_VARS:
        monkeypatch.delenv(name, raising=False)
    s = load_settings()
    assert s.db_path == ROOT / "data" / "pantau.duckdb"
    assert (s.lang, s.demo, s.tiles, s.gap_tolerance_m) == ("id", True, "osm", 250.0)
    assert s.photo_max_bytes == 8 * 1024 * 1024


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("PANTAU_LANG", "fr", "PANTAU_LANG"),
        ("PANTAU_TILES", "google", "PANTAU_TILES"),
        ("PANTAU_GAP_TOLERANCE_M", "dua ratus", "bukan angka"),
        ("PANTAU_POCKET_RADIUS_M", "-5", "lebih dari 0"),
        ("PANTAU_DEMO", "maybe", "1 atau 0"),
        ("PANTAU_LIVE_SECONDS", "0", "PANTAU_LIVE_SECONDS harus lebih dari 0"),
    ],
)
def test_bad_values_name_the_variable(monkeypatch, name, value, message) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(InvalidInput, match=message):
        load_settings()


@pytest.mark.parametrize(
    "url",
    [
        "mysql://pantau:rahasia@db.kota.go.id:3306/pantau",
        "sqlite:///data/pantau.db",
        "duckdb:data/pantau.duckdb",
    ],
)
def test_a_database_url_is_refused_not_taken_for_a_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path, url: str
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PANTAU_DB", url)
    with pytest.raises(BadSetting, match="PANTAU_DB") as err:
        load_settings()
    assert "belum didukung" in err.value.message() and "data/pantau.duckdb" in err.value.message()
    assert "rahasia" not in err.value.message()  # a password is never repeated
    assert list(tmp_path.iterdir()) == [] and not (ROOT / (url.split(":")[0] + ":")).exists()


def test_the_live_check_interval_is_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PANTAU_LIVE_SECONDS", "10")
    assert load_settings().live_seconds == 10.0


@pytest.mark.parametrize(
    "url", ["postgresql://pantau:rahasia@db.kota.go.id:5432/pantau", "postgres://db/pantau"]
)
def test_a_postgresql_url_is_taken_as_written(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    monkeypatch.setenv("PANTAU_DB", url)
    assert load_settings().db_path == url


@pytest.mark.parametrize("path", [":memory:", "data/x.duckdb", "/tmp/a:b/x.duckdb", "C:/x.duckdb"])
def test_paths_that_look_a_little_like_urls_are_still_paths(
    monkeypatch: pytest.MonkeyPatch, path: str
) -> None:
    monkeypatch.setenv("PANTAU_DB", path)
    assert load_settings().db_path.name == path.rsplit("/", 1)[-1]
