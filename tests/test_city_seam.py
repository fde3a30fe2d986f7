"""The city seam holds (issue 14 #3): no module but `pantau/city/seam.py` spells a code, a
name, a CRS or a coordinate of a particular kota. Docstrings and comments may use
Jakarta Utara as an example; code may not.

`pantau/sample/` is the one exception: the sample data of Jakarta Utara follows its real
places as the news the project grew from describes them (46 sites by kecamatan, the
coastal kelurahan, the demo camat of Penjaringan and lurah of Pluit); for any other
wilayah it is derived from the city value. `pantau/city/areas.py` reads Jakarta Utara's
reference file by its file name."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tests.conftest import ROOT

SEAM = {Path("pantau/city/seam.py")}
EXEMPT = {Path("pantau/sample")}
SPELLED = re.compile(
    r"31\.(01|7[1-5])\b|\b31(01|7[1-5])\d*\b|EPSG:327|Jakarta (Utara|Pusat|Barat|Selatan|Timur)"
    r"|(North|Central|West|South|East) Jakarta|Kepulauan Seribu"
)


def _docstrings(tree: ast.AST) -> set[int]:
    found: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            value = body[0].value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                found.add(id(value))
    return found


def _spelled(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = _docstrings(tree)
    hits: list[str] = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.UnaryOp)
            and isinstance(node.op, ast.USub)
            and isinstance(node.operand, ast.Constant)
            and isinstance(node.operand.value, float)
            and 5.0 < node.operand.value < 7.0
        ):
            hits.append(f"{path}:{node.lineno}: -{node.operand.value}")  # a latitude
        if not isinstance(node, ast.Constant) or id(node) in docs:
            continue
        value = node.value
        if isinstance(value, str) and SPELLED.search(value):
            hits.append(f"{path}:{node.lineno}: {value[:60]!r}")
        # A longitude or latitude of Jakarta written into code.
        if isinstance(value, float) and (105.5 < value < 107.5 or -7.0 < value < -5.0):
            hits.append(f"{path}:{node.lineno}: {value}")
    return hits


def test_no_module_but_the_seam_spells_a_kota() -> None:
    hits: list[str] = []
    for path in sorted((ROOT / "pantau").rglob("*.py")):
        rel = path.relative_to(ROOT)
        if rel in SEAM or any(parent in EXEMPT for parent in rel.parents):
            continue
        hits += _spelled(path)
    assert not hits, "\n".join(hits)


def test_pages_spell_no_kota_either() -> None:
    hits = [h for path in sorted((ROOT / "pages").glob("*.py")) for h in _spelled(path)]
    hits += _spelled(ROOT / "app.py")
    assert not hits, "\n".join(hits)


def test_the_check_finds_a_spelled_kota(tmp_path: Path) -> None:
    """The rule can fail: a module that spells a code, a name or a coordinate is found,
    and its docstring is not."""
    bad = tmp_path / "bad.py"
    bad.write_text(
        '"""Jakarta Utara in a docstring is fine."""\n'
        'KOTA = "31.72"\n'
        'NAME = f"Kelurahan di {1} Jakarta Pusat"\n'
        "LAT = -6.13\n"
        'CRS = "EPSG:32748"\n',
        encoding="utf-8",
    )
    hits = _spelled(bad)
    assert sorted(int(h.removeprefix(f"{bad}:").split(":")[0]) for h in hits) == [2, 3, 4, 5]
