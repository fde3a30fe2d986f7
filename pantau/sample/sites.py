"""The sample penataan sites, with their status histories, sweeps and hand-overs: the
46 of Jakarta Utara (as the news the project grew from counts them), and for any other
wilayah about as many per kelurahan."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import duckdb

from pantau.city.areas import Kelurahan, kelurahan_list
from pantau.city.seam import city
from pantau.kernel.events import change_events, create_event
from pantau.sample.context import SampleContext
from pantau.store import tables

# Jakarta Utara's sites per kecamatan (sums to 46); elsewhere SITES_PER_KELURAHAN each.
JAKARTA_UTARA = "31.72"
SITES_PER_KELURAHAN = 46 / 31
SITES_PER_KECAMATAN = {
    "Penjaringan": 10,
    "Tanjung Priok": 9,
    "Koja": 7,
    "Cilincing": 9,
    "Pademangan": 5,
    "Kelapa Gading": 6,
}
CATEGORY_CYCLE = (
    "pkl",
    "parkir_liar",
    "sampah_liar",
    "kabel_semrawut",
    "saluran_tersumbat",
    "kolong_tol",
    "bangunan_liar",
)
NAME_PATTERNS = {
    "pkl": "PKL di trotoar Jl. {kel} Raya",
    "parkir_liar": "Parkir liar sekitar pasar {kel}",
    "sampah_liar": "Tumpukan sampah liar RW {rw:02d} {kel}",
    "kabel_semrawut": "Kabel semrawut Jl. {kel} {n}",
    "saluran_tersumbat": "Saluran tersumbat RW {rw:02d} {kel}",
    "kolong_tol": "Bangunan di kolong tol, {kel}",
    "bangunan_liar": "Bangunan liar bantaran kali, {kel}",
}
# The kota office for each category, "{kota}" being the site's kota.
KOTA_UNITS = {
    "pkl": "Sudin UKM {kota}",
    "parkir_liar": "Sudin Perhubungan {kota}",
    "sampah_liar": "Sudin Lingkungan Hidup {kota}",
    "kabel_semrawut": "Sudin Bina Marga {kota}",
    "saluran_tersumbat": "Sudin SDA {kota}",
    "kolong_tol": "Satpol PP {kota}",
    "bangunan_liar": "Satpol PP {kota}",
}
# Final statuses, shuffled over the sites: 10 + 12 + 19 + 5 of every 46.
FINAL_STATUS_SHARES = {
    "belum_ditangani": 10, "dalam_penataan": 12, "tertata": 19, "kembali_semrawut": 5,
}  # fmt: skip
OWNER_LEVEL_SHARES = {"kelurahan": 24, "kecamatan": 14, "kota": 8}
PING_PONG_SITES = 3  # sites handed back and forth (two or more reversals)


def generate_sites(ctx: SampleContext, cur: duckdb.DuckDBPyConnection) -> list[int]:
    """Insert the sample sites with events and sweeps; return their ids."""
    rng = ctx.rng
    plan = _plan()
    statuses = _spread(FINAL_STATUS_SHARES, len(plan))
    rng.shuffle(statuses)
    owners = _spread(OWNER_LEVEL_SHARES, len(plan))
    rng.shuffle(owners)
    ids: list[int] = []
    taken: set[str] = set()
    for n, (kel, i) in enumerate(plan):
        category = CATEGORY_CYCLE[(n * 3 + i) % len(CATEGORY_CYCLE)]
        ids.append(
            _one_site(
                ctx, cur, n, kel, category, owners[n], statuses[n], n < PING_PONG_SITES, taken
            )
        )
    return ids


def _plan() -> list[tuple[Kelurahan, int]]:
    """(kelurahan, number within its kecamatan) of every site: Jakarta Utara's
    kecamatan as counted in the news, any other about SITES_PER_KELURAHAN a kelurahan
    (at least one per kecamatan), spread over its kelurahan in turn."""
    by_kecamatan: dict[str, list[Kelurahan]] = {}
    for k in kelurahan_list():
        by_kecamatan.setdefault(k.kecamatan_kode, []).append(k)
    counts: list[tuple[str, int]] = []
    utara = {kec for kec in by_kecamatan if kec.startswith(JAKARTA_UTARA + ".")}
    for name, count in SITES_PER_KECAMATAN.items():  # Jakarta Utara first, in this order
        counts += [(kec, count) for kec in utara if by_kecamatan[kec][0].kecamatan == name]
    for kec, kels in by_kecamatan.items():
        if kec not in utara:
            counts.append((kec, max(1, round(SITES_PER_KELURAHAN * len(kels)))))
    plan: list[tuple[Kelurahan, int]] = []
    for kec, count in counts:
        kels = by_kecamatan[kec]
        plan += [(kels[i % len(kels)], i) for i in range(count)]
    return plan


def _spread(shares: dict[str, int], n: int) -> list[str]:
    """`n` values in the proportions of `shares` (largest remainder; exact for 46)."""
    total = sum(shares.values())
    exact = {k: v * n / total for k, v in shares.items()}
    counts = {k: int(x) for k, x in exact.items()}
    short = n - sum(counts.values())
    for k in sorted(exact, key=lambda k: exact[k] - counts[k], reverse=True)[:short]:
        counts[k] += 1
    return [k for k in shares for _ in range(counts[k])]


def _unique(name: str, taken: set[str]) -> str:
    """`name`, or `name II`, `name III`, … when a site already has it: two sites
    with one name cannot be told apart in a list or a meeting."""
    candidate, number = name, 1
    while candidate in taken:
        number += 1
        candidate = f"{name} {_ROMAN[number]}"
    taken.add(candidate)
    return candidate


_ROMAN = ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def _owner_unit(level: str, kel: Kelurahan, category: str) -> str:
    if level == "kelurahan":
        return f"Kelurahan {kel.nama}"
    if level == "kecamatan":
        return f"Kecamatan {kel.kecamatan}"
    return KOTA_UNITS[category].format(kota=city(kel.kode[:5]).nama)


def _one_site(
    ctx: SampleContext,
    cur: duckdb.DuckDBPyConnection,
    n: int,
    kel: Kelurahan,
    category: str,
    owner_level: str,
    final_status: str,
    ping_pong: bool,
    taken: set[str],
) -> int:
    rng = ctx.rng
    lon, lat = ctx.point_near(kel, max_m=350)
    created = ctx.days_ago(rng.uniform(240, 330))
    name = NAME_PATTERNS[category].format(kel=kel.nama, rw=rng.randint(1, 12), n=n + 1)
    name = _unique(name, taken)
    row: dict[str, Any] = {
        "code": f"CTH-{kel.kecamatan[:3].upper()}-{n + 1:02d}",
        "name": f"{name} (contoh)",
        "category": category,
        "lon": lon,
        "lat": lat,
        "line_wkb": None,
        "address": f"Kel. {kel.nama}, Kec. {kel.kecamatan}",
        "kelurahan_kode": kel.kode,
        "kecamatan_kode": kel.kecamatan_kode,
        "placement": "inside",
        "owner_level": "kelurahan" if ping_pong else owner_level,
        "owner_unit": _owner_unit("kelurahan" if ping_pong else owner_level, kel, category),
        "status": "belum_ditangani",
        "target_date": (created + timedelta(days=rng.randint(60, 200))).date(),
        "sweep_interval_days": rng.choice([7, 14, 14, 14, 30]),
        "last_sweep_at": None,
        "retired": False,
        "is_sample": True,
        "created_at": created,
        "updated_at": created,
    }
    site_id = tables.insert(cur, "sites", row)
    assert site_id is not None
    ctx.events.append(create_event("site", site_id, row, created, None, "Data contoh"))
    t = created
    history = _status_path(final_status)

    def move(changes: dict[str, Any], at: datetime, action: str, note: str) -> None:
        nonlocal row
        after = {**row, **changes, "updated_at": at}
        ctx.events.extend(change_events("site", site_id, row, after, at, None, action, note))
        row = after

    if ping_pong:
        t += timedelta(days=rng.uniform(3, 10))
        for level in ("kecamatan", "kelurahan", "kecamatan"):
            unit = _owner_unit(level, kel, category)
            move(
                {"owner_level": level, "owner_unit": unit},
                t,
                "handover",
                "Diserahkan: di luar kewenangan unit sebelumnya (contoh)",
            )
            t += timedelta(days=rng.uniform(4, 15))
    for status in history:
        t += timedelta(days=rng.uniform(10, 40))
        if status == "kembali_semrawut":
            t = _sweeps(ctx, cur, site_id, row, t, move, regress=True)
        move({"status": status}, t, "status", _STATUS_NOTES[status])
        if status == "tertata" and final_status == "tertata":
            _sweeps(ctx, cur, site_id, row, t, move, regress=False)
    tables.update(
        cur,
        "sites",
        site_id,
        {k: row[k] for k in ("owner_level", "owner_unit", "status", "last_sweep_at", "updated_at")},
    )
    return site_id


_STATUS_NOTES = {
    "dalam_penataan": "Penertiban dimulai bersama Satpol PP dan PPSU (contoh)",
    "tertata": "Lokasi sudah tertib, foto sesudah terlampir (contoh)",
    "kembali_semrawut": "Penyisiran: lokasi kembali semrawut (contoh)",
}


def _status_path(final: str) -> list[str]:
    return {
        "belum_ditangani": [],
        "dalam_penataan": ["dalam_penataan"],
        "tertata": ["dalam_penataan", "tertata"],
        "kembali_semrawut": ["dalam_penataan", "tertata", "kembali_semrawut"],
    }[final]


def _sweeps(
    ctx: SampleContext,
    cur: duckdb.DuckDBPyConnection,
    site_id: int,
    row: dict[str, Any],
    start: datetime,
    move: Any,
    regress: bool,
) -> datetime:
    """Record sweeps from `start`: every interval (some sites left overdue), or,
    when `regress`, a few tidy sweeps and then a disorderly one."""
    rng = ctx.rng
    interval = int(row["sweep_interval_days"])
    t = start
    stop = ctx.days_ago(rng.choice([1, 3, 5, interval + 6, interval + 20]))
    sweeps = 0
    while True:
        t += timedelta(days=interval * rng.uniform(0.6, 1.05), hours=rng.uniform(0, 6))
        if (regress and sweeps >= 2) or (not regress and t > stop):
            break
        result = "semrawut" if regress and sweeps == 1 else "tertib"
        sweep = {
            "site_id": site_id,
            "swept_at": t,
            "result": result,
            "note": "Penyisiran rutin (contoh)",
            "user_id": None,
            "created_at": t,
        }
        sweep_id = tables.insert(cur, "sweeps", sweep)
        assert sweep_id is not None
        ctx.events.append(create_event("sweep", sweep_id, sweep, t, None, "Data contoh"))
        move({"last_sweep_at": t}, t, "sweep", f"Penyisiran: {result} (contoh)")
        sweeps += 1
    return t
