"""One source per rule: the status groups (open / fixed / closed) of reports and tasks
live in `pantau/kernel/vocab.py` only. Elsewhere a group is asked for
(`vocab.codes_in_group`, or the workflow table for the final statuses), never spelled
out as literals — neither as a Python tuple, list or set of two or more status codes
of one vocabulary nor inside an SQL string, where the codes go as bound parameters.

(Site statuses are not checked: the sample data's status sequences and the map's
drawing order list them legitimately.)"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from pantau.kernel.vocab import codes

ROOT = Path(__file__).resolve().parent.parent
CHECKED = ("report_status", "task_status")
# The only home of the groups.
EXEMPT = {"pantau/kernel/vocab.py"}
QUOTED_CODE = re.compile(r"'([a-z_]+)'")


def _sources() -> list[Path]:
    files = [*sorted((ROOT / "pantau").rglob("*.py")), *sorted((ROOT / "pages").glob("*.py"))]
    return [*files, ROOT / "app.py"]


def _status_literals(node: ast.AST, statuses: frozenset[str]) -> int:
    """How many elements of a tuple/list/set literal are status codes."""
    if not isinstance(node, ast.Tuple | ast.List | ast.Set):
        return 0
    return sum(
        1
        for e in node.elts
        if isinstance(e, ast.Constant) and isinstance(e.value, str) and e.value in statuses
    )


def _sql_statuses(text: str, statuses: frozenset[str]) -> set[str]:
    """Status codes quoted the SQL way ('dilaporkan') in a string."""
    return {m for m in QUOTED_CODE.findall(text) if m in statuses}


def spelled_groups(source: str, vocabulary: str = "report_status") -> list[tuple[int, str]]:
    """(line, what) for each group of `vocabulary`'s status codes written out in `source`."""
    statuses = frozenset(codes(vocabulary))
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if _status_literals(node, statuses) >= 2:
            found.append((node.lineno, ast.unparse(node)))
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and len(_sql_statuses(node.value, statuses)) >= 2
        ):
            found.append((node.lineno, node.value.strip()[:80]))
    return sorted(found)


def test_the_checker_finds_what_it_should_and_nothing_else() -> None:
    flagged = spelled_groups(
        'A = ("dilaporkan", "diverifikasi")\n'
        'B = frozenset({"duplikat", "ditolak"})\n'
        "C = \"SELECT 1 WHERE status IN ('surut', 'selesai')\"\n"
        "D = \"x\" + f\"WHERE s NOT IN ('duplikat','ditolak') AND {1}\"\n"
    )
    assert [line for line, _ in flagged] == [1, 2, 3, 4]
    assert not spelled_groups(
        'if status == "dilaporkan": pass\n'
        "E = \"SELECT 1 WHERE new_value = 'selesai'\"\n"
        'F = ("selesai", "batal")\n'  # one report code only
        'G = {"dilaporkan": 0, "ditangani": 2}\n'  # a mapping per status, not a group
    )
    assert [line for line, _ in spelled_groups('F = ("selesai", "batal")\n', "task_status")] == [1]


@pytest.mark.parametrize("vocabulary", CHECKED)
def test_status_groups_are_spelled_only_in_vocab(vocabulary: str) -> None:
    offenders = [
        f"{path.relative_to(ROOT)}:{line}: {what}"
        for path in _sources()
        if str(path.relative_to(ROOT)) not in EXEMPT
        for line, what in spelled_groups(path.read_text("utf-8"), vocabulary)
    ]
    assert offenders == [], "use pantau.kernel.vocab.codes_in_group:\n" + "\n".join(offenders)
