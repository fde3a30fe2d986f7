"""The layering the README promises, checked: Streamlit code (pages, app.py,
pantau/ui) reads and writes only through the core, never the store (pantau/db), so
that a second store engine can come beside DuckDB without touching a page."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tests.conftest import ROOT

# the connection's type may be named (a page passes it along); nothing else of the store
TYPE_ONLY = {("pantau.store", "Database")}
# still to move behind core functions (each listed must still import the store, so
# the list can only shrink)
PENDING: set[str] = set()


def _ui_files() -> list[Path]:
    return [*sorted((ROOT / "pantau" / "ui").glob("*.py")), *sorted((ROOT / "pages").glob("*.py")),
            ROOT / "app.py"]  # fmt: skip


def _store_imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.startswith("pantau.store")]
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.module.startswith("pantau.store"):
                found += [
                    f"{node.module}.{a.name}"
                    for a in node.names
                    if (node.module, a.name) not in TYPE_ONLY
                ]
            elif node.module == "pantau":
                found += [f"pantau.{a.name}" for a in node.names if a.name == "db"]
    return found


def test_the_ui_reaches_the_store_only_through_the_core() -> None:
    offenders = {}
    for path in _ui_files():
        name = path.relative_to(ROOT).as_posix()
        if name not in PENDING and (found := _store_imports(path)):
            offenders[name] = found
    assert offenders == {}, offenders


def test_the_pending_list_is_not_stale() -> None:
    for name in PENDING:
        assert _store_imports(ROOT / name), f"{name} no longer imports the store: unlist it"


# What differs between cities lives in pantau/city/seam.py (and the sample data, which is
# a city's by nature); UI text may name places. Nowhere else is a code, name, zone,
# CRS or coordinate of Jakarta Utara spelled.
CITY_HOMES = ("pantau/city/seam.py", "pantau/sample/", "pantau/i18n", "pantau/locale/")
CITY_LITERAL = re.compile(
    r"^31\.7[1-5]|^31\.01|^317[1-5]$|EPSG:32748|Jakarta Utara|Jakut|INTERVAL 7 HOUR|Asia/Jakarta"
)
CITY_PENDING: set[str] = set()  # none left


def _city_literals(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Constant) or id(node) in docstrings:
            continue
        v = node.value
        if isinstance(v, str) and CITY_LITERAL.search(v):
            found.append(f"{node.lineno}: {v[:40]!r}")
        elif isinstance(v, float) and (-6.5 < v < -5.5 or 106.0 <= v <= 107.5):
            found.append(f"{node.lineno}: {v}")  # a latitude or longitude of DKI
    return found


def test_no_city_literal_outside_the_city_seam() -> None:
    offenders = {}
    for path in [*sorted((ROOT / "pantau").rglob("*.py")), *_ui_files()]:
        name = path.relative_to(ROOT).as_posix()
        if name.startswith(CITY_HOMES) or name in CITY_PENDING:
            continue
        if found := _city_literals(path):
            offenders[name] = found
    assert offenders == {}, offenders
    for name in CITY_PENDING:
        assert _city_literals(ROOT / name), f"{name} no longer spells the city: unlist it"


def test_pages_gate_by_permission_actions_not_by_role_names() -> None:
    """`actor.role == "admin"` in a page is a rule outside the permission table."""
    offenders = []
    for path in _ui_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Compare) and any(
                isinstance(side, ast.Attribute) and side.attr == "role"
                for side in [node.left, *node.comparators]
            ):
                offenders.append(f"{path.relative_to(ROOT).as_posix()}:{node.lineno}")
    assert offenders == [], offenders
