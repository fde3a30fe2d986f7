"""The layering the README promises, checked: Streamlit code (pages, app.py,
pantau/ui) reads and writes only through the core, never the store (pantau/db), so
that a second store engine can come beside DuckDB without touching a page."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

# the connection's type may be named (a page passes it along); nothing else of the store
TYPE_ONLY = {("pantau.db", "Database")}
# still to move behind core functions (each listed must still import the store, so
# the list can only shrink)
PENDING = {"pantau/ui/community.py", "pantau/ui/pocketpage.py"}


def _ui_files() -> list[Path]:
    return [*sorted((ROOT / "pantau" / "ui").glob("*.py")), *sorted((ROOT / "pages").glob("*.py")),
            ROOT / "app.py"]  # fmt: skip


def _store_imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.startswith("pantau.db")]
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.module.startswith("pantau.db"):
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
