"""Sample community groups and tasks, and one demo account per role."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import duckdb

from pantau.access.passwords import hash_password
from pantau.city.areas import kelurahan_list
from pantau.city.seam import DEFAULT_CITY, current
from pantau.kernel.events import create_event
from pantau.sample.context import SampleContext
from pantau.store import tables

# username, display name, role, kecamatan, kelurahan, password (Jakarta Utara's;
# `demo_accounts()` gives those of the wilayah in force)
DEMO_ACCOUNTS = (
    ("admin", "Admin Kota (demo)", "admin", None, None, "demo-admin"),
    ("sekko", "Sekretaris Kota (demo)", "pimpinan", None, None, "demo-sekko"),
    ("camat.penjaringan", "Camat Penjaringan (demo)", "camat", "31.72.01", None, "demo-camat"),
    ("lurah.pluit", "Lurah Pluit (demo)", "lurah", "31.72.01", "31.72.01.1005", "demo-lurah"),
    ("sda", "Petugas Sudin SDA (demo)", "sda", None, None, "demo-sda"),
    ("tamu", "Tamu (demo)", "tamu", None, None, "demo-tamu"),
)

DemoAccount = tuple[str, str, str, str | None, str | None, str]


def demo_accounts() -> tuple[DemoAccount, ...]:
    """One demo account per role for the wilayah in force: Jakarta Utara's camat of
    Penjaringan and lurah of Pluit; elsewhere the first kecamatan (by code) and the
    first kelurahan of it, each named after its real place."""
    here = current()
    if here.kode == DEFAULT_CITY:
        return DEMO_ACCOUNTS
    kel = here.kelurahan[0]
    title = {"31": "Sekretaris Daerah", "31.01": "Sekretaris Kabupaten"}.get(
        here.kode, "Sekretaris Kota"
    )
    head = "Admin Provinsi" if here.level == "provinsi" else "Admin Kota"
    return (
        ("admin", f"{head} (demo)", "admin", None, None, "demo-admin"),
        ("sekko", f"{title} (demo)", "pimpinan", None, None, "demo-sekko"),
        (f"camat.{_slug(kel.kecamatan)}", f"Camat {kel.kecamatan} (demo)", "camat",
         kel.kecamatan_kode, None, "demo-camat"),
        (f"lurah.{_slug(kel.nama)}", f"Lurah {kel.nama} (demo)", "lurah",
         kel.kecamatan_kode, kel.kode, "demo-lurah"),
        ("sda", "Petugas Sudin SDA (demo)", "sda", None, None, "demo-sda"),
        ("tamu", "Tamu (demo)", "tamu", None, None, "demo-tamu"),
    )  # fmt: skip


def _slug(name: str) -> str:
    """ "Kepulauan Seribu Utara" -> "kepulauan.seribu.utara" (a username part)."""
    return ".".join(re.findall(r"[a-z0-9]+", name.lower()))


GROUPS_PER_KELURAHAN = (
    ("rt_rw", "Pengurus RW {rw:02d} {kel}"),
    ("pkk", "PKK Kelurahan {kel}"),
    ("karang_taruna", "Karang Taruna {kel}"),
)
TASK_TITLES = {
    "kerja_bakti_saluran": "Kerja bakti bersihkan saluran",
    "angkat_sampah": "Angkat sampah dari saluran",
    "pantau_hujan": "Pantau titik genangan saat hujan",
    "sosialisasi": "Sosialisasi buang sampah pada tempatnya",
    "biopori": "Pembuatan lubang biopori",
    "piket_pompa": "Piket pompa saat pasang laut",
}


def generate_users(
    ctx: SampleContext, cur: duckdb.DuckDBPyConnection, rounds: int = 12
) -> list[int]:
    ids: list[int] = []
    for username, name, role, kec, kel, password in demo_accounts():
        row = {
            "username": username,
            "display_name": name,
            "password_hash": hash_password(password, rounds),
            "role": role,
            "kecamatan_kode": kec,
            "kelurahan_kode": kel,
            "active": True,
            "default_password": True,
            "created_at": ctx.now,
        }
        uid = tables.insert(cur, "users", row)
        assert uid is not None
        logged = {k: v for k, v in row.items() if k != "password_hash"}
        ctx.events.append(create_event("user", uid, logged, ctx.now, None, "Akun demo"))
        ids.append(uid)
    return ids


def generate_community(ctx: SampleContext, cur: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    """Insert groups (3 per kelurahan) and their tasks; return (groups, tasks)."""
    rng = ctx.rng
    pocket_rows = _ids_by_kelurahan(cur, "pockets")
    site_rows = _ids_by_kelurahan(cur, "sites")
    n_groups = n_tasks = 0
    for kel in kelurahan_list():
        group_ids: list[int] = []
        for gtype, pattern in GROUPS_PER_KELURAHAN:
            rw = rng.randint(1, 12)
            row: dict[str, Any] = {
                "kelurahan_kode": kel.kode,
                "group_type": gtype,
                "name": pattern.format(rw=rw, kel=kel.nama) + " (contoh)",
                "rw": f"{rw:02d}" if gtype == "rt_rw" else None,
                "rt": None,
                "contact_name": f"Ketua Contoh {rng.randint(1, 999)}",
                "contact_phone": f"0813-0000-{rng.randint(0, 9999):04d}",
                "active": True,
                "is_sample": True,
                "created_at": ctx.days_ago(360),
            }
            gid = tables.insert(cur, "community_groups", row)
            assert gid is not None
            ctx.events.append(
                create_event("group", gid, row, row["created_at"], None, "Data contoh")
            )
            group_ids.append(gid)
            n_groups += 1
        pockets = [p for p, k in pocket_rows if k == kel.kode]
        sites = [s for s, k in site_rows if k == kel.kode]
        for _ in range(rng.randint(2, 5)):
            n_tasks += _task(ctx, cur, kel.kode, kel.kecamatan_kode, group_ids, pockets, sites)
    return n_groups, n_tasks


def _ids_by_kelurahan(cur: duckdb.DuckDBPyConnection, table: str) -> list[tuple[int, str]]:
    frame = tables.read(cur, table, ["id", "kelurahan_kode"], "id")
    return [(int(i), str(k)) for i, k in zip(frame["id"], frame["kelurahan_kode"], strict=True)]


def _task(
    ctx: SampleContext,
    cur: duckdb.DuckDBPyConnection,
    kelurahan_kode: str,
    kecamatan_kode: str,
    group_ids: list[int],
    pockets: list[int],
    sites: list[int],
) -> int:
    rng = ctx.rng
    task_type = rng.choice(list(TASK_TITLES))
    pocket = rng.choice(pockets) if pockets and task_type != "sosialisasi" else None
    site = rng.choice(sites) if sites and pocket is None and rng.random() < 0.5 else None
    planned = ctx.days_ago(rng.uniform(-20, 150)).replace(minute=0, second=0, microsecond=0)
    past = planned < ctx.now - timedelta(days=1)
    status = rng.choice(["selesai"] * 5 + ["batal"]) if past else "direncanakan"
    row: dict[str, Any] = {
        "task_type": task_type,
        "title": TASK_TITLES[task_type] + " (contoh)",
        "pocket_id": pocket,
        "site_id": site,
        "kelurahan_kode": kelurahan_kode,
        "kecamatan_kode": kecamatan_kode,
        "planned_at": planned,
        "status": status,
        "participants": rng.randint(8, 45) if status == "selesai" else None,
        "result_note": "Saluran bersih, sampah diangkut (contoh)" if status == "selesai" else None,
        "series_id": None,
        "recurrence": None,
        "is_sample": True,
        "created_at": min(planned - timedelta(days=7), ctx.now),
        "updated_at": min(planned - timedelta(days=7), ctx.now),
    }
    tid = tables.insert(cur, "tasks", row)
    assert tid is not None
    ctx.events.append(create_event("task", tid, row, row["created_at"], None, "Data contoh"))
    for gid in rng.sample(group_ids, k=rng.randint(1, 2)):
        tables.insert(cur, "task_groups", {"task_id": tid, "group_id": gid})
    return 1
