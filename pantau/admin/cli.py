"""`pantau`: the administrator's command line.

Exit codes: 0 done, 1 bad input or a refused operation (the message says what
to fix), 2 wrong usage. Writes need the database file to themselves: while the
app is running it holds the file, and commands say so.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from pantau.access import accounts
from pantau.access.permissions import SYSTEM
from pantau.admin import backup as backups
from pantau.admin import integrity
from pantau.admin.bootstrap import activate, initialise, stored_wilayah
from pantau.admin.config import (
    Settings,
    hide_password,
    is_server_url,
    load_settings,
    refuse_url,
)
from pantau.city import areas
from pantau.city import names as area_names
from pantau.city.seam import DEFAULT_CITY, all_cities, city
from pantau.city.timefmt import format_wib, wib_today
from pantau.files import importing
from pantau.floods import importer as report_import
from pantau.floods import listing as report_list
from pantau.floods.sla import ServiceLevel
from pantau.geo import boundaries
from pantau.geo.locations import current_boundaries, import_boundaries
from pantau.kernel.clock import now_utc
from pantau.kernel.errors import InvalidInput, NotFound, PantauError
from pantau.kernel.vocab import codes
from pantau.meeting import brief as brief_files
from pantau.meeting.review import build_brief
from pantau.sites import importer as site_import
from pantau.sites import listing as site_list
from pantau.store import open_database
from pantau.store.ports import Store


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="pantau", description="Pantau Wilayah — perintah untuk administrator."
    )
    p.add_argument("--db", help="berkas DuckDB (bawaan: PANTAU_DB atau data/pantau.duckdb)")
    sub = p.add_subparsers(dest="command", required=True)

    init = sub.add_parser("init", help="buat/migrasikan basis data")
    init.add_argument("--sample", action="store_true", help="isi dengan data contoh")
    init.add_argument(
        "--wilayah",
        help="wilayah yang dilayani basis data baru: kode atau nama ("
        + ", ".join(f"{c.kode} {c.nama}" for c in all_cities())
        + f"; bawaan: PANTAU_WILAYAH, {DEFAULT_CITY})",
    )

    b = sub.add_parser("boundaries", help="batas wilayah kelurahan")
    bsub = b.add_subparsers(dest="action", required=True)
    bi = bsub.add_parser("import", help="impor batas resmi (GeoJSON, GeoPackage, Shapefile .zip)")
    bi.add_argument("file", type=Path)
    bi.add_argument(
        "--force",
        action="store_true",
        help="impor walau ada data yang jatuh di luar semua kelurahan (lalu pindahkan atau "
        "konfirmasi di halaman Admin)",
    )
    be = bsub.add_parser("export", help="ekspor batas yang berlaku sebagai GeoJSON")
    be.add_argument("file", type=Path)

    u = sub.add_parser("users", help="akun pengguna")
    usub = u.add_subparsers(dest="action", required=True)
    ua = usub.add_parser("add", help="buat akun; mencetak kata sandi sekali pakai")
    ua.add_argument("username")
    ua.add_argument("--name", required=True, help="nama yang ditampilkan")
    ua.add_argument("--role", required=True, choices=codes("role"))
    _area_options(ua, "camat", "lurah")
    ua.add_argument("--kota", help=KOTA_HELP)
    uc = usub.add_parser("change", help="ubah nama, peran atau wilayah akun")
    uc.add_argument("username")
    uc.add_argument("--name", help="nama yang ditampilkan")
    uc.add_argument("--role", choices=codes("role"))
    _area_options(uc, "camat", "lurah")
    uc.add_argument("--kota", help=KOTA_HELP)
    usub.add_parser("list", help="daftar akun")
    for name, text in (
        ("reset", "buat kata sandi sekali pakai baru (juga membuka kunci)"),
        ("deactivate", "nonaktifkan akun"),
        ("activate", "aktifkan kembali akun"),
        ("unlock", "buka kunci akun setelah salah kata sandi"),
    ):
        usub.add_parser(name, help=text).add_argument("username")

    st = sub.add_parser("sites", help="lokasi penataan")
    ssub = st.add_subparsers(dest="action", required=True)
    si = ssub.add_parser("import", help="impor lokasi dari CSV/XLSX (semua atau tidak sama sekali)")
    si.add_argument("file", type=Path)
    si.add_argument("--check", action="store_true", help="hanya periksa, jangan simpan")
    se = ssub.add_parser("export", help="ekspor daftar lokasi (.csv, .xlsx atau .geojson)")
    se.add_argument("file", type=Path)
    _area_options(se, "hanya", "hanya")

    rp = sub.add_parser("reports", help="laporan genangan")
    rsub = rp.add_subparsers(dest="action", required=True)
    ri = rsub.add_parser(
        "import", help="impor laporan dari CSV/XLSX (kolom dipetakan menurut nama)"
    )
    ri.add_argument("file", type=Path)
    ri.add_argument("--check", action="store_true", help="hanya periksa, jangan simpan")
    re_ = rsub.add_parser("export", help="ekspor laporan (.csv, .xlsx atau .geojson)")
    re_.add_argument("file", type=Path)
    _area_options(re_, "hanya", "hanya")

    br = sub.add_parser("brief", help="bahan rapat mingguan (PDF, XLSX atau teks WhatsApp)")
    br.add_argument("--date", type=_day, help="tanggal rapat YYYY-MM-DD (bawaan: hari ini, WIB)")
    br.add_argument("--compare", type=_day, help="dibanding tanggal (bawaan: seminggu sebelumnya)")
    br.add_argument("--out", type=Path, required=True, help="berkas .pdf, .xlsx atau .txt")

    sub.add_parser("check", help="periksa keutuhan data")
    bk = sub.add_parser("backup", help="buat cadangan ke folder")
    bk.add_argument("dir", type=Path)
    rs = sub.add_parser("restore", help="pulihkan dari folder cadangan")
    rs.add_argument("dir", type=Path)
    sv = sub.add_parser(
        "serve",
        help="jalankan aplikasi: N proses di belakang nginx (PostgreSQL untuk N > 1)",
    )
    sv.add_argument("--replicas", type=int, default=2, help="jumlah proses aplikasi (bawaan 2)")
    sv.add_argument("--host", default="127.0.0.1", help="alamat nginx (bawaan 127.0.0.1)")
    sv.add_argument("--port", type=int, default=8080, help="port nginx (bawaan 8080)")
    sv.add_argument(
        "--app-port", type=int, default=8601, help="port proses pertama (bawaan 8601, lalu +1)"
    )
    ms = sub.add_parser(
        "migrate-store",
        help="salin seluruh basis data ke basis data baru yang kosong (berkas DuckDB ⇄ "
        "PostgreSQL), lalu periksa salinannya",
    )
    ms.add_argument("source", help="berkas DuckDB atau postgresql://… sumber")
    ms.add_argument("target", help="berkas DuckDB baru atau postgresql://… yang kosong")
    return p


def _area_options(parser: argparse.ArgumentParser, kec_use: str, kel_use: str) -> None:
    kel = areas.kelurahan_list()[0]  # an example from the wilayah in force
    parser.add_argument(
        "--kecamatan",
        help=f"kecamatan ({kec_use}): nama atau kode, mis. {kel.kecamatan} atau "
        f"{kel.kecamatan_kode}",
    )
    parser.add_argument(
        "--kelurahan",
        help=f"kelurahan ({kel_use}): nama atau kode, mis. 'Kel. {kel.nama}' atau {kel.kode}",
    )


KOTA_HELP = (
    "basis data seluruh provinsi saja: kota pimpinan ini, kode atau nama kotanya; "
    "tanpa --kota: seluruh wilayah"
)


def _kota(args: argparse.Namespace) -> str | None:
    """--kota as a kota code (a name is looked up). Raises InvalidInput if unknown."""
    if not getattr(args, "kota", None):
        return None
    return city(args.kota).kode


def _areas(args: argparse.Namespace) -> tuple[str | None, str | None]:
    """(kecamatan code, kelurahan code) from --kecamatan/--kelurahan written as names or
    codes; a kelurahan implies its kecamatan. Raises InvalidInput naming the closest
    names, or the candidates of an ambiguous one."""
    kec = area_names.kecamatan_kode(args.kecamatan) if args.kecamatan else None
    kel = area_names.kelurahan_kode(args.kelurahan, args.kecamatan) if args.kelurahan else None
    if kel and kec and not kel.startswith(kec + "."):
        kelurahan = areas.kelurahan(kel)
        raise InvalidInput(
            f"Kelurahan {kelurahan.nama} ada di Kecamatan {kelurahan.kecamatan}, "
            f"bukan {args.kecamatan}."
        )
    return kec, kel


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: tulis tanggal sebagai YYYY-MM-DD") from None


# Commands that may make a new database file; every other one refuses a path that does
# not exist, so a mistyped --db (or PANTAU_DB) in a cron job fails instead of checking
# and backing up a fresh, empty database as "good".
CREATES_DATABASE = frozenset({"init", "restore"})


def _db_path(args: argparse.Namespace, settings: Settings) -> Path | str:
    """The database the command acts on (a file, or a postgresql:// URL). Raises
    NotFound when a file does not exist and the command is not one that creates it."""
    if args.db:
        refuse_url(args.db, "--db")
    if is_server_url(args.db or settings.db_path):
        return str(args.db or settings.db_path)
    path = Path(args.db) if args.db else Path(settings.db_path)
    if args.command not in CREATES_DATABASE and str(path) != ":memory:" and not path.is_file():
        where = "--db" if args.db else "PANTAU_DB"
        what = "bukan berkas" if path.exists() else "tidak ada"
        raise NotFound(
            f"Basis data {path} {what}. Periksa jalurnya ({where}); untuk membuat basis "
            f"data baru jalankan: pantau --db {path} init"
        )
    return path


def _open(args: argparse.Namespace, settings: Settings) -> Store:
    db = open_database(_db_path(args, settings))
    if args.command != "init":
        activate(db)  # every command speaks of the wilayah stored in the file
    return db


def _progress(fraction: float, message: str) -> None:
    print(f"  [{fraction * 100:3.0f}%] {message}", file=sys.stderr)


def run(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    settings = load_settings()
    now = now_utc()
    if args.command == "migrate-store":
        return _migrate_store(args.source, args.target)
    if args.command == "serve":
        return _serve(args, settings, now)
    if args.command == "restore":
        target = _db_path(args, settings)
        if isinstance(target, Path):
            counts = backups.restore(args.dir, target)
        else:  # PostgreSQL: into an empty database, verified per table
            counts = backups.restore_into(args.dir, target)
            target = hide_password(target)
        print(f"Dipulihkan ke {target}: " + ", ".join(f"{t} {n}" for t, n in counts.items()))
        return 0
    db = _open(args, settings)
    try:
        if args.command == "init":
            wanted = city(args.wilayah or settings.wilayah)
            held = stored_wilayah(db)
            if args.wilayah and held is not None and held != wanted:
                raise InvalidInput(
                    f"Basis data {db.path} melayani {held.nama} ({held.kode}); wilayahnya tidak "
                    f"dapat diganti. Buat basis data baru untuk {wanted.nama}."
                )
            result = initialise(
                db, now, sample=args.sample, tolerance_m=settings.gap_tolerance_m,
                wilayah=wanted.kode,
            )  # fmt: skip
            print(f"Basis data siap: {db.path} · wilayah {areas.kota_name()} ({areas.kota_kode()})")
            if result.sample:
                s = result.sample
                print(
                    f"Data contoh: {s.sites} lokasi penataan, {s.reports} laporan genangan "
                    f"di {s.pockets} titik, {s.groups} kelompok, {s.tasks} tugas, "
                    f"{s.users} akun demo."
                )
            return 0
        if args.command == "boundaries" and args.action == "import":
            initialise(db, now, sample=False)
            res = import_boundaries(
                db, args.file, now, None, settings.gap_tolerance_m, _progress, force=args.force
            )
            print(res.report)
            placed = ", ".join(f"{k} {v}" for k, v in sorted(res.rejoin.by_placement.items()))
            print(
                f"Titik digabung ulang: {res.rejoin.checked} ({placed}); "
                f"{res.rejoin.moved} berubah kelurahan/penempatan."
            )
            if res.rejoin.changes:
                print(f"Pindah kelurahan ({len(res.rejoin.changes)}):")
                print("\n".join(f"  {c.text()}" for c in res.rejoin.changes))
            if res.rejoin.stranded:
                print(
                    f"Di luar semua kelurahan ({len(res.rejoin.stranded)}; tetap di kelurahan "
                    "lamanya sampai dipindahkan atau dikonfirmasi di halaman Admin):"
                )
                print("\n".join(f"  {c.text()}" for c in res.rejoin.stranded))
            return 0
        if args.command == "boundaries" and args.action == "export":
            gdf = current_boundaries(db)
            args.file.write_text(boundaries.boundaries_to_geojson(gdf), encoding="utf-8")
            print(f"{len(gdf)} kelurahan ditulis ke {args.file}")
            return 0
        if args.command == "users":
            return _users(db, args, now)
        if args.command == "reports":
            return _reports(db, args, now, settings)
        if args.command == "sites":
            return _sites(db, args, now, settings.gap_tolerance_m)
        if args.command == "brief":
            return _brief(db, args, now)
        if args.command == "check":
            report = integrity.check(db)
            print(report.text())
            return 0 if report.ok else 1
        if args.command == "backup":
            counts = backups.backup(db, args.dir, now)
            print(f"Cadangan ditulis ke {args.dir}: {sum(counts.values())} baris.")
            return 0
    finally:
        db.close()
    return 2


def _serve(args: argparse.Namespace, settings: Settings, now: datetime) -> int:
    """`pantau serve`: the database made ready once, then the app servers and nginx."""
    from pantau.admin import serve

    if not 1 <= args.replicas <= 32:
        raise InvalidInput("--replicas harus antara 1 dan 32.")
    target = _db_path(args, settings)
    if args.replicas > 1 and not is_server_url(target):
        raise InvalidInput(
            f"Berkas DuckDB {target} hanya dapat dibuka satu proses. Untuk beberapa proses "
            "aplikasi pakai PostgreSQL: PANTAU_DB=postgresql://pengguna:sandi@host/nama "
            "(salin data yang ada dengan pantau migrate-store), atau --replicas 1."
        )
    db = open_database(target)  # migrated once, before the app servers race to it
    try:
        initialise(
            db, now, sample=settings.sample, tolerance_m=settings.gap_tolerance_m,
            wilayah=settings.wilayah,
        )  # fmt: skip
    finally:
        db.close()
    try:
        return serve.run(str(target), args.replicas, args.host, args.port, args.app_port)
    except RuntimeError as exc:
        print(f"Galat: {exc}", file=sys.stderr)
        return 1


def _migrate_store(source: str, target: str) -> int:
    """`pantau migrate-store FROM TO`: copy, verify, report per table."""
    from pantau.admin.transfer import copy_store

    refuse_url(source, "FROM")
    refuse_url(target, "TO")
    if not is_server_url(source) and not Path(source).is_file():
        raise NotFound(f"Basis data sumber {source} tidak ada.")
    src = open_database(source)
    try:
        dst = open_database(target)
        try:
            copied = copy_store(
                src, dst, lambda table, n: print(f"  {table}: {n} baris", file=sys.stderr)
            )
        finally:
            dst.close()
    finally:
        src.close()
    total = sum(c.rows for c in copied)
    print(f"Disalin {total} baris dari {src.path} ke {dst.path}; diperiksa ulang per tabel:")
    for c in copied:
        print(f"  {c.table:<18} {c.rows:>8}  sha256 {c.digest[:16]}")
    return 0


def _users(db: Store, args: argparse.Namespace, now: datetime) -> int:
    """`pantau users …`, acting as the system administrator (logged without a user id)."""
    if args.action == "add":
        kec, kel = _areas(args)
        _, password = accounts.create_user(
            db, SYSTEM, now, args.username, args.name, args.role, kec, kel, kota_kode=_kota(args)
        )
        print(f"Akun {args.username.strip().lower()} dibuat.")
        print(f"Kata sandi sekali pakai: {password}")
        print("Sampaikan secara pribadi; pengguna wajib menggantinya saat pertama masuk.")
        return 0
    if args.action == "list":
        for row in accounts.list_users(db, SYSTEM):
            print(_user_line(row, now))
        return 0
    row = _account(db, args.username)
    if args.action == "change":
        kec, kel = _areas(args)
        kota = _kota(args)
        role = args.role or row["role"]
        if not (args.kecamatan or args.kelurahan or args.kota) and role == row["role"]:
            kec, kel, kota = row["kecamatan_kode"], row["kelurahan_kode"], row.get("kota_kode")
        changed = accounts.update_user(
            db, SYSTEM, now, row["id"], row["version"], args.name or row["display_name"], role,
            kec, kel, kota,
        )  # fmt: skip
        print(f"Akun {row['username']}: {_user_line(changed, now)}")
        return 0
    if args.action == "reset":
        password = accounts.reset_password(db, SYSTEM, now, row["id"])
        print(f"Kata sandi sekali pakai untuk {row['username']}: {password}")
        print("Sampaikan secara pribadi; pengguna wajib menggantinya saat masuk.")
    elif args.action in ("deactivate", "activate"):
        active = args.action == "activate"
        accounts.set_active(db, SYSTEM, now, row["id"], row["version"], active)
        print(f"Akun {row['username']} {'diaktifkan' if active else 'dinonaktifkan'}.")
    else:
        accounts.unlock(db, SYSTEM, now, row["id"])
        print(f"Kunci akun {row['username']} dibuka.")
    return 0


def _sites(db: Store, args: argparse.Namespace, now: datetime, tolerance_m: float) -> int:
    """`pantau sites import|export`, as the system administrator."""
    if args.action == "export":
        writers = {".csv": site_list.to_csv, ".xlsx": site_list.to_xlsx,
                   ".geojson": site_list.to_geojson}  # fmt: skip
        writer = writers.get(args.file.suffix.lower())
        if writer is None:
            raise InvalidInput("Akhiran berkas harus .csv, .xlsx atau .geojson.")
        kec, kel = _areas(args)
        query = site_list.SiteQuery(kecamatan=kec, kelurahan=kel)
        frame = site_list.site_rows(db, query, now)
        args.file.write_bytes(writer(frame))
        print(f"{len(frame)} lokasi ditulis ke {args.file}")
        return 0
    if not args.file.exists():
        raise InvalidInput(f"Berkas {args.file} tidak ada.")
    frame = importing.read_table(
        args.file.name, args.file.read_bytes(), max_rows=site_import.MAX_ROWS
    )
    report = site_import.import_sites(db, SYSTEM, frame, now, tolerance_m, dry_run=args.check)
    if args.check and report.ok:
        print(f"{len(frame)} baris lolos pemeriksaan; belum ada yang disimpan.")
    else:
        print(report.text())
    return 0 if report.ok else 1


def _brief(db: Store, args: argparse.Namespace, now: datetime) -> int:
    """`pantau brief`: the same brief as the meeting page, as a file."""
    meeting = args.date or wib_today(now)
    compare = args.compare or meeting - timedelta(days=7)
    if compare >= meeting:
        raise InvalidInput("Tanggal pembanding harus sebelum tanggal rapat.")
    result = build_brief(db, meeting, compare, now)
    suffix = args.out.suffix.lower()
    if suffix == ".pdf":
        args.out.write_bytes(brief_files.pdf(db, result))
    elif suffix == ".xlsx":
        args.out.write_bytes(brief_files.workbook(result))
    elif suffix == ".txt":
        args.out.write_text(brief_files.whatsapp(result), encoding="utf-8")
    else:
        raise InvalidInput("Akhiran berkas harus .pdf, .xlsx atau .txt.")
    print(
        f"Bahan rapat {meeting.isoformat()} (dibanding {compare.isoformat()}) ditulis ke {args.out}"
    )
    return 0


def _reports(db: Store, args: argparse.Namespace, now: datetime, settings: Settings) -> int:
    """`pantau reports import|export`, as the system administrator (personal data is
    exported: the command line is for administrators)."""
    if args.action == "export":
        writers = {
            ".csv": report_list.to_csv,
            ".xlsx": report_list.to_xlsx,
            ".geojson": report_list.to_geojson,
        }
        writer = writers.get(args.file.suffix.lower())
        if writer is None:
            raise InvalidInput("Akhiran berkas harus .csv, .xlsx atau .geojson.")
        sla = ServiceLevel(settings.sla_response_hours, settings.sla_followup_days)
        kec, kel = _areas(args)
        query = report_list.ReportQuery(kecamatan=kec, kelurahan=kel)
        frame = report_list.report_rows(db, SYSTEM, query, now, sla)
        args.file.write_bytes(writer(frame, SYSTEM))
        print(f"{len(frame)} laporan ditulis ke {args.file}")
        return 0
    if not args.file.exists():
        raise InvalidInput(f"Berkas {args.file} tidak ada.")
    frame = importing.read_table(
        args.file.name, args.file.read_bytes(), max_rows=report_import.MAX_ROWS
    )
    mapping = report_import.suggest_mapping(list(frame.columns))
    for name in report_import.FIELDS:
        print(f"  {name:<15} <- {mapping[name] or '-'}")
    result = report_import.import_reports(
        db,
        SYSTEM,
        frame,
        mapping,
        now,
        radius_m=settings.pocket_radius_m,
        tolerance_m=settings.gap_tolerance_m,
        dry_run=args.check,
    )
    if args.check and result.ok:
        print(f"{len(frame)} baris lolos pemeriksaan; belum ada yang disimpan.")
    else:
        print(result.text())
    return 0 if result.ok else 1


def _account(db: Store, username: str) -> dict[str, Any]:
    wanted = username.strip().lower()
    for row in accounts.list_users(db, SYSTEM):
        if row["username"] == wanted:
            return row
    raise NotFound(f"Akun {wanted!r} tidak ada. Lihat daftar: pantau users list")


def _user_line(row: dict[str, Any], now: datetime) -> str:
    state = "aktif" if row["active"] else "nonaktif"
    if row["locked_until"] is not None and row["locked_until"] > now:
        state = f"terkunci s.d. {format_wib(row['locked_until'])}"
    flags = [
        flag
        for flag, on in (
            ("kata sandi demo", row["default_password"]),
            ("wajib ganti kata sandi", row["must_change_password"]),
        )
        if on
    ]
    area = row["kelurahan_kode"] or row["kecamatan_kode"] or row.get("kota_kode") or "kota"
    extra = f" ({', '.join(flags)})" if flags else ""
    return f"{row['username']:<24} {row['role']:<9} {area:<14} {state}{extra}"


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return run(argv)
    except PantauError as exc:
        print(f"Galat: {exc}", file=sys.stderr)
        for field, message in getattr(exc, "fields", {}).items():
            print(f"  - {field}: {message}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
