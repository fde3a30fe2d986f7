"""`pantau … --kelurahan/--kecamatan` take names as an administrator writes them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pantau.admin.cli import main

pytestmark = pytest.mark.both_engines


@pytest.fixture
def db_file(sample_file: Path, tmp_path: Path) -> Path:
    db = tmp_path / "u.duckdb"
    db.write_bytes(sample_file.read_bytes())
    return db


def _line(db: Path, username: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["--db", str(db), "users", "list"]) == 0
    return next(x for x in capsys.readouterr().out.splitlines() if x.startswith(username))


def test_users_add_with_a_kelurahan_name(db_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["--db", str(db_file), "users", "add"]
    assert main([*args, "lurah.pluit2", "--name", "Lurah Pluit", "--role", "lurah",
                 "--kelurahan", "Kel. Pluit"]) == 0  # fmt: skip
    assert main([*args, "lurah.kalibaru", "--name", "Lurah Kalibaru", "--role", "lurah",
                 "--kelurahan", "kali baru"]) == 0  # fmt: skip
    assert main([*args, "camat.koja", "--name", "Camat Koja", "--role", "camat",
                 "--kecamatan", "Kec. Koja"]) == 0  # fmt: skip
    capsys.readouterr()
    assert "31.72.01.1005" in _line(db_file, "lurah.pluit2", capsys)
    assert "31.72.04.1004" in _line(db_file, "lurah.kalibaru", capsys)
    assert "31.72.03 " in _line(db_file, "camat.koja", capsys)


def test_an_unknown_or_ambiguous_name_is_refused(
    db_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--db", str(db_file), "users", "add", "lurah.x", "--name", "X", "--role", "lurah"]
    assert main([*args, "--kelurahan", "Plut"]) == 1
    err = capsys.readouterr().err
    assert "'Plut' tidak ada di Jakarta Utara" in err and "Pluit (Kec. Penjaringan)" in err
    assert main([*args, "--kelurahan", "Semper"]) == 1
    err = capsys.readouterr().err
    assert "Semper Timur (Kec. Cilincing)" in err and "Semper Barat (Kec. Cilincing)" in err
    assert main([*args, "--kelurahan", "Pluit", "--kecamatan", "Koja"]) == 1
    assert "ada di Kecamatan Penjaringan" in capsys.readouterr().err
    assert main(["--db", str(db_file), "users", "list"]) == 0
    assert "lurah.x" not in capsys.readouterr().out  # nothing was created


def test_users_change_moves_an_account_by_name(
    db_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["--db", str(db_file), "users"]
    assert main([*base, "change", "lurah.pluit", "--kelurahan", "Pejagalan"]) == 0
    capsys.readouterr()
    assert "31.72.01.1004" in _line(db_file, "lurah.pluit", capsys)
    assert main([*base, "change", "camat.penjaringan", "--kecamatan", "cilincing"]) == 0
    capsys.readouterr()
    assert "31.72.04 " in _line(db_file, "camat.penjaringan", capsys)
    assert main([*base, "change", "lurah.pluit", "--name", "Ibu Lurah"]) == 0  # area kept
    capsys.readouterr()
    assert "31.72.01.1004" in _line(db_file, "lurah.pluit", capsys)


def test_exports_filtered_by_area_name(
    db_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "pluit.geojson"
    assert main(["--db", str(db_file), "sites", "export", str(out), "--kelurahan", "pluit"]) == 0
    features = json.loads(out.read_text(encoding="utf-8"))["features"]
    assert features and {f["properties"]["kelurahan_kode"] for f in features} == {"31.72.01.1005"}
    assert main(["--db", str(db_file), "reports", "export", str(out),
                 "--kecamatan", "Penjaringan"]) == 0  # fmt: skip
    features = json.loads(out.read_text(encoding="utf-8"))["features"]
    assert features and all(
        f["properties"]["kelurahan_kode"].startswith("31.72.01.") for f in features
    )
