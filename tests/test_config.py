from __future__ import annotations

import re

import pytest

from pantau.admin.config import ENV_VARS, ROOT, load_settings
from pantau.kernel.errors import InvalidInput


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
    ],
)
def test_bad_values_name_the_variable(monkeypatch, name, value, message) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(InvalidInput, match=message):
        load_settings()
