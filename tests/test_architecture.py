"""The layering the README promises, checked: Streamlit code (pages, app.py,
pantau/ui) reads and writes only through the core, never the store (pantau/db), so
that a second store engine can come beside DuckDB without touching a page; and the
core's domain packages import only packages below them."""

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
            if node.module == "pantau.store.ports":  # the seam's Protocols and values
                continue
            if node.module.startswith("pantau.store"):
                found += [
                    f"{node.module}.{a.name}"
                    for a in node.names
                    if (node.module, a.name) not in TYPE_ONLY
                ]
            elif node.module == "pantau":
                found += [f"pantau.{a.name}" for a in node.names if a.name == "store"]
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
CITY_HOMES = (
    "pantau/city/seam.py", "pantau/city/facts.py", "pantau/sample/", "pantau/kernel/i18n.py",
    "pantau/locale/",
)  # fmt: skip
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


# The core's packages from the bottom up: a package may import its own modules and any
# package before it in this list, never one after it (README, "Where things live").
LAYERS = (
    "locale", "kernel", "city", "store", "access", "files", "geo", "sites", "floods",
    "community", "siaga", "dashboard", "meeting", "musrenbang", "sample", "map", "admin", "ui",
)  # fmt: skip


def _pantau_imports(path: Path) -> set[str]:
    """The pantau packages a module imports (first name after `pantau.`)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name.split(".")[1] for a in node.names if a.name.startswith("pantau.")}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            if node.module == "pantau":
                found |= {a.name for a in node.names}
            elif node.module.startswith("pantau."):
                found.add(node.module.split(".")[1])
    return found


def test_every_core_module_lives_in_a_package_of_the_layers() -> None:
    loose = [p.name for p in (ROOT / "pantau").glob("*.py") if p.name != "__init__.py"]
    assert loose == [], f"put {loose} in a package of LAYERS"
    packages = {p.name for p in (ROOT / "pantau").iterdir() if (p / "__init__.py").exists()}
    assert packages == set(LAYERS)


def test_packages_import_only_packages_below_them() -> None:
    rank = {name: i for i, name in enumerate(LAYERS)}
    upward = []
    for path in sorted((ROOT / "pantau").rglob("*.py")):
        here = path.relative_to(ROOT / "pantau").parts[0]
        for target in sorted(_pantau_imports(path)):
            if target in rank and rank[target] > rank[here]:
                upward.append(f"{path.relative_to(ROOT).as_posix()} -> pantau.{target}")
    assert upward == [], upward


# The store seam (pantau/store/ports.py): outside pantau/db, code asks a Session's repositories
# and never holds a DuckDB cursor, so a PostgreSQL engine can come beside DuckDB.
# Choosing and opening the engine (and restoring a backup file into it) is named here.
ENGINE_ENTRY = {"pantau/admin/bootstrap.py", "pantau/admin/cli.py", "pantau/admin/backup.py"}
ENGINE_NAMES = {"open_database", "latest_version"}
ENGINES = {"duckdb", "psycopg", "psycopg_pool"}  # the engines' Python drivers


def _outside_store() -> list[Path]:
    core = [p for p in sorted((ROOT / "pantau").rglob("*.py")) if "store" not in p.parts]
    return [*core, *_ui_files()]


def _engine_uses(source: str, name: str) -> list[str]:
    allowed = {n for n, _ in TYPE_ONLY} | {"Database"}
    if name in ENGINE_ENTRY:
        allowed |= ENGINE_NAMES
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [
                f"{node.lineno}: import {a.name}"
                for a in node.names
                if a.name.split(".")[0] in ENGINES or a.name.startswith("pantau.store")
            ]
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.module.split(".")[0] in ENGINES or (
                node.module.startswith("pantau.store.") and node.module != "pantau.store.ports"
            ):
                found.append(f"{node.lineno}: from {node.module}")
            elif node.module == "pantau.store":
                found += [
                    f"{node.lineno}: pantau.store.{a.name}"
                    for a in node.names
                    if a.name not in allowed
                ]
            elif node.module == "pantau":
                found += [f"{node.lineno}: pantau.store" for a in node.names if a.name == "store"]
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("cursor", "transaction")
        ):
            found.append(f"{node.lineno}: .{node.func.attr}()")
    return found


def test_outside_the_store_nothing_holds_a_cursor_or_imports_the_engine() -> None:
    offenders = {}
    for path in _outside_store():
        name = path.relative_to(ROOT).as_posix()
        if found := _engine_uses(path.read_text(encoding="utf-8"), name):
            offenders[name] = found
    assert offenders == {}, offenders


def test_the_engine_check_sees_a_cursor() -> None:
    """The check above fails on the code it forbids (not a vacuous pass)."""
    bad = (
        "import duckdb\nfrom pantau.store import tables\nfrom pantau.store.events import Event\n"
        "def f(db):\n    with db.transaction() as cur:\n        tables.rows(db.cursor(), 'x')\n"
    )
    found = _engine_uses(bad, "pantau/sites/rules.py")
    assert [f.split(": ", 1)[1] for f in found] == [
        "import duckdb",
        "pantau.store.tables",
        "from pantau.store.events",
        ".transaction()",
        ".cursor()",
    ], found


def test_the_duckdb_classes_are_the_store_protocols() -> None:
    """mypy checks the signatures (pantau/store/session.py); here: every repository the
    Session protocol names is there, and no repository method is missing from it."""
    import inspect

    from pantau.store import DuckSession, open_database
    from pantau.store import ports as store

    db = open_database(":memory:")
    try:
        session = db.read()
        assert isinstance(session, DuckSession)
        names = [n for n, v in vars(store.Session).items() if isinstance(v, property)]
        assert sorted(names) == sorted(vars(session)), names
        for name in names:
            protocol = inspect.get_annotations(store.Session.__dict__[name].fget)["return"]
            port = getattr(store, protocol)
            public = {m for m in dir(getattr(session, name)) if not m.startswith("_")}
            declared = {m for m in vars(port) if not m.startswith("_")}
            assert public == declared, (name, public ^ declared)
    finally:
        db.close()
