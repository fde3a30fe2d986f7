from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pantau.admin.cli import main
from tests.conftest import ROOT

pytestmark = pytest.mark.both_engines


def _cli(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pantau.admin.cli", "--db", str(db), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_usage_error_exits_2(tmp_path: Path) -> None:
    result = _cli("frobnicate", db=tmp_path / "x.duckdb")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr or "pilihan" in result.stderr


def test_init_check_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "p.duckdb"
    assert main(["--db", str(db), "init"]) == 0
    assert main(["--db", str(db), "check"]) == 0
    assert "Hasil: BAIK" in capsys.readouterr().out
    out = tmp_path / "b.geojson"
    assert main(["--db", str(db), "boundaries", "export", str(out)]) == 0
    features = json.loads(out.read_text())["features"]
    assert len(features) == 31


def test_import_real_boundaries_reports_31(
    sample_file: Path, tmp_path: Path, real_boundaries: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "p.duckdb"
    db.write_bytes(sample_file.read_bytes())
    assert main(["--db", str(db), "boundaries", "import", str(real_boundaries)]) == 0
    out = capsys.readouterr().out
    assert "31" in out
    assert "0 berubah kelurahan/penempatan" in out  # no record stranded or moved
    # every point is still joined (gaps within tolerance are flagged, not lost)
    assert main(["--db", str(db), "check"]) == 0, capsys.readouterr().out


def test_bad_boundary_file_exits_1_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "p.duckdb"
    main(["--db", str(db), "init"])
    before = tmp_path / "before.geojson"
    main(["--db", str(db), "boundaries", "export", str(before)])
    bad = tmp_path / "bad.geojson"
    bad.write_text("ini bukan geojson")
    assert main(["--db", str(db), "boundaries", "import", str(bad)]) == 1
    assert "Galat" in capsys.readouterr().err
    after = tmp_path / "after.geojson"
    main(["--db", str(db), "boundaries", "export", str(after)])
    assert before.read_text() == after.read_text()


def test_busy_database_is_reported_not_a_traceback(tmp_path: Path) -> None:
    db = tmp_path / "held.duckdb"
    assert main(["--db", str(db), "init"]) == 0
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb,sys,time; c=duckdb.connect(sys.argv[1]); print('held', flush=True);"
            " time.sleep(30)",
            str(db),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        result = _cli("check", db=db)
        assert result.returncode == 1
        assert "sedang dipakai" in result.stderr
        assert "Traceback" not in result.stderr
    finally:
        holder.kill()
        holder.wait()


def test_backup_and_restore_commands(sample_file: Path, tmp_path: Path) -> None:
    db = tmp_path / "p.duckdb"
    db.write_bytes(sample_file.read_bytes())
    assert main(["--db", str(db), "backup", str(tmp_path / "bk")]) == 0
    assert main(["--db", str(db), "backup", str(tmp_path / "bk")]) == 1  # not empty
    assert main(["--db", str(tmp_path / "r.duckdb"), "restore", str(tmp_path / "bk")]) == 0
    assert main(["--db", str(tmp_path / "r.duckdb"), "check"]) == 0


def test_users_add_list_reset_deactivate(
    sample_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from datetime import datetime

    from pantau.access.auth import authenticate, must_change_password
    from pantau.kernel.errors import NotAllowed
    from pantau.store import open_database

    db = tmp_path / "u.duckdb"
    db.write_bytes(sample_file.read_bytes())
    args = ["--db", str(db), "users"]
    assert main([*args, "add", "lurah.kamal", "--name", "Lurah Kamal Muara", "--role", "lurah",
                 "--kelurahan", "31.72.01.1001"]) == 0  # fmt: skip
    out = capsys.readouterr().out
    otp = out.split("Kata sandi sekali pakai: ")[1].split()[0]
    assert main([*args, "list"]) == 0
    listing = capsys.readouterr().out
    line = next(x for x in listing.splitlines() if x.startswith("lurah.kamal"))
    assert "31.72.01.1001" in line and "wajib ganti kata sandi" in line
    assert "kata sandi demo" in next(x for x in listing.splitlines() if x.startswith("tamu"))
    assert main([*args, "reset", "lurah.kamal"]) == 0
    new = capsys.readouterr().out.split(": ")[1].split()[0]
    assert new != otp
    assert main([*args, "deactivate", "tamu"]) == 0
    now = datetime(2026, 11, 24, 3)
    store = open_database(db)
    try:
        actor = authenticate(store, "lurah.kamal", new, now)
        assert must_change_password(store, actor)
        with pytest.raises(NotAllowed):
            authenticate(store, "lurah.kamal", otp, now)
        with pytest.raises(NotAllowed, match="dinonaktifkan"):
            authenticate(store, "tamu", "demo-tamu", now)
    finally:
        store.close()


def test_users_bad_input_exits_1_with_the_field(
    sample_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "u.duckdb"
    db.write_bytes(sample_file.read_bytes())
    assert main(["--db", str(db), "users", "add", "camat.x", "--name", "X", "--role", "camat"]) == 1
    err = capsys.readouterr().err
    assert "Camat harus ditempatkan" in err and "kecamatan_kode" in err
    assert main(["--db", str(db), "users", "reset", "tidak.ada"]) == 1
    assert "pantau users list" in capsys.readouterr().err
    assert main(["--db", str(db), "users", "deactivate", "admin"]) == 1
    assert "setidaknya satu admin aktif" in capsys.readouterr().err


def test_sites_import_check_then_import_then_export(
    sample_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "s.duckdb"
    db.write_bytes(sample_file.read_bytes())
    good = tmp_path / "lokasi.csv"
    good.write_text(
        "kode;nama;kategori;bujur;lintang;tingkat;unit\n"
        "JU-100;Parkir liar Jl. Muara Baru;parkir_liar;106.8010;-6.1050;kelurahan;Kel. PJR\n",
        encoding="utf-8",
    )
    bad = tmp_path / "salah.csv"
    bad.write_text(
        "kode;nama;kategori;bujur;lintang;tingkat;unit\n"
        "JU-101;Di Jakarta Selatan;pkl;106.80;-6.30;kelurahan;Kel. X\n",
        encoding="utf-8",
    )
    args = ["--db", str(db), "sites"]
    assert main([*args, "import", str(good), "--check"]) == 0
    assert "belum ada yang disimpan" in capsys.readouterr().out
    assert main([*args, "import", str(bad)]) == 1
    assert "baris 2, lokasi: di luar Jakarta Utara" in capsys.readouterr().out
    assert main([*args, "import", str(good)]) == 0
    assert "1 lokasi ditambahkan" in capsys.readouterr().out
    out = tmp_path / "semua.geojson"
    assert main([*args, "export", str(out)]) == 0
    features = json.loads(out.read_text(encoding="utf-8"))["features"]
    assert len(features) == 47 and any(f["properties"]["code"] == "JU-100" for f in features)
    assert main([*args, "export", str(tmp_path / "x.pdf")]) == 1


def test_reports_import_check_import_export(
    sample_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "r.duckdb"
    db.write_bytes(sample_file.read_bytes())
    good = tmp_path / "laporan.csv"
    good.write_text(
        "waktu,bujur,lintang,kedalaman,penyebab,sumber,tiket\n"
        "2026-11-20 14:30,106.7905,-6.1180,45,rob,JAKI,JAKI-X-1\n",
        encoding="utf-8",
    )
    args = ["--db", str(db), "reports"]
    assert main([*args, "import", str(good), "--check"]) == 0
    assert "lolos pemeriksaan" in capsys.readouterr().out
    assert main([*args, "import", str(good)]) == 0
    assert "1 laporan disimpan" in capsys.readouterr().out
    assert main([*args, "import", str(good)]) == 1  # the same ticket again
    assert "sudah tersimpan" in capsys.readouterr().out
    out = tmp_path / "laporan.xlsx"
    assert main([*args, "export", str(out)]) == 0
    assert out.stat().st_size > 1000
