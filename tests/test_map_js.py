"""The map's own JavaScript (`static/map/pantau-map.js`): it parses, every layer the
Python side asks for exists, every `pw…` helper it calls is defined, and the map
addresses the file by a hash of its content (no stale copy after an update)."""

from __future__ import annotations

import ast
import hashlib
import re

import esprima
import pytest

from pantau.map import assets as mapassets
from pantau.map.data import build_map_data
from pantau.map.filters import MapFilters
from pantau.store import Database
from pantau.ui.mapbuilder import build_map, map_html
from tests.conftest import NOW, ROOT

pytestmark = pytest.mark.both_engines

SOURCE = mapassets.MAP_JS_FILE.read_text(encoding="utf-8")


def _defined(prefix: str) -> set[str]:
    return set(re.findall(rf"^{re.escape(prefix)}(\w+) = ", SOURCE, flags=re.M))


def test_the_map_script_parses() -> None:
    esprima.parseScript(SOURCE)  # raises on a syntax error, with the line
    with pytest.raises(esprima.Error):
        esprima.parseScript("window.pwLayer.x = function(data, cfg) { return ; ")


def test_every_layer_asked_for_exists() -> None:
    builders = _defined("window.pwLayer.")
    asked = set()
    for path in (ROOT / "pantau" / "ui").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "JsLayer":
                builder = node.args[1]
                assert isinstance(builder, ast.Constant), f"{path.name}: builder not a literal"
                asked.add(builder.value)
    assert asked, "no JsLayer found"
    assert asked <= builders, asked - builders
    assert builders - asked == set(), f"builders nobody uses: {builders - asked}"


def test_every_helper_called_is_defined() -> None:
    defined = _defined("window.") | {"pwLayer"}
    called = set(re.findall(r"\b(pw[A-Z]\w*)\s*\(", SOURCE))
    assert called and called <= defined, called - defined


def test_the_map_loads_the_script_by_its_content_hash(sample_copy: Database) -> None:
    html = map_html(build_map(build_map_data(sample_copy, MapFilters(), NOW, "id"), "id", "none"))
    digest = hashlib.sha256(SOURCE.encode()).hexdigest()[:12]
    assert f'src="/app/static/map/pantau-map.js?v={digest}"' in html
    used = set(re.findall(r"pwLayer\.(\w+)\(", html))
    assert {"base", "boundaries", "labels", "sites", "reports", "pockets", "tasks"} <= used
