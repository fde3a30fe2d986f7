"""A mistyped database path (issue 13 #13): `pantau --db <typo> check` once created an
empty database and said "Hasil: BAIK", and `backup` of it exited 0, so a cron backup
with a wrong path kept making good-looking empty backups. Only `init` (and `restore`,
which writes a database from a backup) may make a new file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pantau.admin.cli import main
from tests.conftest import ROOT

COMMANDS = [
    ["check"],
    ["backup", "{tmp}/cadangan"],
    ["users", "list"],
    ["users", "add", "lurah.x", "--name", "X", "--role", "admin"],
    ["sites", "export", "{tmp}/lokasi.csv"],
    ["reports", "export", "{tmp}/laporan.csv"],
    ["sites", "import", "{tmp}/lokasi.csv"],
    ["reports", "import", "{tmp}/laporan.csv"],
    ["boundaries", "export", "{tmp}/batas.geojson"],
    ["boundaries", "import", "{tmp}/batas.geojson"],
    ["brief", "--out", "{tmp}/rapat.txt"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_a_missing_database_is_refused_naming_the_path(
    tmp_path: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    typo = tmp_path / "pantua.duckdb"
    args = [a.replace("{tmp}", str(tmp_path)) for a in command]
    assert main(["--db", str(typo), *args]) == 1
    err = capsys.readouterr().err
    assert f"Basis data {typo} tidak ada" in err and "init" in err
    assert not typo.exists()
    assert not (tmp_path / "cadangan").exists()


def test_a_cron_check_and_backup_with_a_wrong_path_fail(tmp_path: Path) -> None:
    typo = tmp_path / "data" / "pantau.duckdb"
    for args in (["check"], ["backup", str(tmp_path / "bk")]):
        done = subprocess.run(
            [sys.executable, "-m", "pantau.admin.cli", "--db", str(typo), *args],
            cwd=ROOT, capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert done.returncode == 1, done.stdout
        assert "BAIK" not in done.stdout and str(typo) in done.stderr
    assert not typo.parent.exists()


def test_pantau_db_from_the_environment_is_checked_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    typo = tmp_path / "salah.duckdb"
    monkeypatch.setenv("PANTAU_DB", str(typo))
    assert main(["check"]) == 1
    assert "PANTAU_DB" in capsys.readouterr().err and not typo.exists()


def test_a_directory_is_not_a_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(tmp_path), "check"]) == 1
    assert "bukan berkas" in capsys.readouterr().err


def test_init_creates_it_and_then_everything_works(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "baru.duckdb"
    assert main(["--db", str(db), "init"]) == 0
    assert main(["--db", str(db), "check"]) == 0
    assert "Hasil: BAIK" in capsys.readouterr().out
    assert main(["--db", str(db), "backup", str(tmp_path / "bk")]) == 0
    restored = tmp_path / "pulih.duckdb"
    assert main(["--db", str(restored), "restore", str(tmp_path / "bk")]) == 0
    assert main(["--db", str(restored), "check"]) == 0


def test_a_database_url_in_db_is_refused(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pantau.admin.cli", "--db", "mysql://u:geheim@h/db", "check"],
        cwd=tmp_path, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 1
    assert "--db=mysql://u:***@h/db" in done.stderr and "belum didukung" in done.stderr
    assert "geheim" not in done.stderr + done.stdout
    assert list(tmp_path.iterdir()) == []
