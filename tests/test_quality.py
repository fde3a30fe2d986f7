"""Lint, format and types run with the tests, so they cannot be forgotten."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PY_DIRS = ["pantau", "pages", "tests", "bench", "app.py"]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )


@pytest.mark.quality
def test_ruff_lint() -> None:
    result = _run("ruff", "check", *PY_DIRS)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.quality
def test_ruff_format() -> None:
    result = _run("ruff", "format", "--check", *PY_DIRS)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.quality
def test_mypy() -> None:
    """Types of the core, the pages, the app and the benchmarks (pages call the core
    the most; benchmarks drive it from outside and rot first)."""
    result = _run("mypy", "pantau", "pages", "app.py", "bench")
    assert result.returncode == 0, result.stdout + result.stderr


def test_only_pages_app_and_ui_import_streamlit() -> None:
    offenders = []
    for path in (ROOT / "pantau").rglob("*.py"):
        if "ui" in path.relative_to(ROOT / "pantau").parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n == "streamlit" or n.startswith("streamlit") for n in names):
                offenders.append(str(path.relative_to(ROOT)))
    assert not offenders


def test_sql_lives_only_in_the_store() -> None:
    keywords = ("SELECT ", "INSERT INTO", "UPDATE ", "DELETE FROM", "CREATE TABLE")
    offenders = []
    for base in ("pantau", "pages"):
        for path in (ROOT / base).rglob("*.py"):
            rel = path.relative_to(ROOT)
            if rel.parts[:2] == ("pantau", "store"):
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.Constant)
                    and isinstance(node.value, str)
                    and any(node.value.lstrip().upper().startswith(k) for k in keywords)
                ):
                    offenders.append(f"{rel}:{node.lineno}")
    assert not offenders, offenders


def test_every_page_signs_in_first() -> None:
    """The sign-in gate lives in chrome(); a page that skipped it would be open to all."""
    import ast

    for path in sorted((ROOT / "pages").glob("*.py")):
        body = [
            node
            for node in ast.parse(path.read_text("utf-8")).body
            if not isinstance(node, (ast.Import, ast.ImportFrom))
            and not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant))
        ]
        first = body[0]
        call = first.value if isinstance(first, (ast.Assign, ast.Expr)) else None
        assert isinstance(call, ast.Call) and getattr(call.func, "id", "") == "chrome", path.name


def test_the_event_log_has_no_update_or_delete_path() -> None:
    import re

    pattern = re.compile(r"(UPDATE\s+events\b|DELETE\s+FROM\s+events\b)", re.IGNORECASE)
    for path in sorted((ROOT / "pantau").rglob("*.py")) + sorted((ROOT / "pantau").rglob("*.sql")):
        assert not pattern.search(path.read_text("utf-8")), path
