"""A year of sample genangan reports that cluster into recurring pockets,
heavier on the coast (rob) and in low-lying kelurahan."""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import Any

import duckdb
import pandas as pd

from pantau.city.areas import Kelurahan, kelurahan_list
from pantau.kernel.events import change_events, create_event
from pantau.sample.context import SampleContext, offset
from pantau.store import tables

# Pockets per kelurahan: coastal and low-lying kelurahan flood more often. The coast of
# the mainland is Jakarta Utara's (these kelurahan); every island of Kepulauan Seribu is
# coast too.
JAKARTA_UTARA, KEPULAUAN_SERIBU = "31.72.", "31.01."
ISLAND_POCKETS = 2
COASTAL = {
    "Kamal Muara": 4,
    "Kapuk Muara": 3,
    "Penjaringan": 4,
    "Pluit": 4,
    "Ancol": 3,
    "Pademangan Barat": 2,
    "Tanjung Priok": 2,
    "Koja": 2,
    "Kalibaru": 4,
    "Cilincing": 3,
    "Marunda": 3,
    "Semper Barat": 2,
}
INLAND_POCKETS = 1
# Causes by setting (weights).
COAST_CAUSES = {"rob": 6, "tanggul_bocor": 2, "pompa_mati": 1, "hujan_lebat": 1}
INLAND_CAUSES = {
    "saluran_tersumbat": 4,
    "hujan_lebat": 3,
    "luapan_kali": 2,
    "pompa_mati": 1,
    "lainnya": 1,
}
# Relative frequency by month (1..12): rain Nov–Mar, rob peaks Dec–Jan and May–Jun.
RAIN_MONTHS = {1: 5, 2: 5, 3: 3, 4: 2, 5: 1, 6: 1, 7: 1, 8: 1, 9: 1, 10: 2, 11: 4, 12: 5}
ROB_MONTHS = {1: 4, 2: 2, 3: 1, 4: 1, 5: 3, 6: 4, 7: 2, 8: 1, 9: 1, 10: 1, 11: 3, 12: 5}
SOURCES = {
    "warga": 4,
    "rt_rw": 3,
    "ppsu": 3,
    "sudin_sda": 1,
    "jaki": 3,
    "media_sosial": 1,
    "cctv": 1,
}


def _pockets(kel: Kelurahan) -> int:
    if kel.kode.startswith(KEPULAUAN_SERIBU):
        return ISLAND_POCKETS
    if kel.kode.startswith(JAKARTA_UTARA):
        return COASTAL.get(kel.nama, INLAND_POCKETS)
    return INLAND_POCKETS


def _pick(rng: Any, weights: dict[str, int]) -> str:
    return str(rng.choices(list(weights), weights=list(weights.values()))[0])


def generate_floods(ctx: SampleContext, cur: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    """Insert pockets and reports with their events; return (pockets, reports)."""
    rng = ctx.rng
    pockets: list[dict[str, Any]] = []
    for kel in kelurahan_list():
        n = _pockets(kel)
        coastal = n > INLAND_POCKETS or kel.kode.startswith(KEPULAUAN_SERIBU)
        for _ in range(n):
            lon, lat = ctx.point_near(kel, max_m=500, margin_m=40)
            chronic = rng.random() < (0.45 if coastal else 0.25)
            pockets.append(
                {
                    "kel": kel,
                    "lon": lon,
                    "lat": lat,
                    "coastal": coastal,
                    "per_year": rng.randint(9, 20) if chronic else rng.randint(1, 5),
                }
            )
    report_rows: list[dict[str, Any]] = []
    for p in pockets:
        row = {
            "lon": p["lon"],
            "lat": p["lat"],
            "name": None,
            "kelurahan_kode": p["kel"].kode,
            "kecamatan_kode": p["kel"].kecamatan_kode,
            "placement": "inside",
            "created_at": ctx.days_ago(366),
        }
        pocket_id = tables.insert(cur, "pockets", row)
        assert pocket_id is not None
        ctx.events.append(
            create_event("pocket", pocket_id, row, row["created_at"], None, "Data contoh")
        )
        for t in _flood_times(ctx, p["per_year"], p["coastal"]):
            report_rows.append(_report(ctx, p, pocket_id, t))
            if rng.random() < 0.12:  # the same flood reported again through another channel
                again = t + timedelta(minutes=rng.randint(20, 180))
                report_rows.append(_report(ctx, p, pocket_id, again))
    report_rows.sort(key=lambda r: r["observed_at"])
    _lifecycles(ctx, cur, report_rows)
    return len(pockets), len(report_rows)


def _flood_times(ctx: SampleContext, per_year: int, coastal: bool) -> list[datetime]:
    months = ROB_MONTHS if coastal else RAIN_MONTHS
    days = list(range(2, 365))
    weights = [months[(ctx.days_ago(d)).month] for d in days]
    picked = ctx.rng.choices(days, weights=weights, k=per_year)
    return sorted(ctx.days_ago(d) + timedelta(hours=ctx.rng.uniform(-10, 10)) for d in set(picked))


def _report(ctx: SampleContext, p: dict[str, Any], pocket_id: int, t: datetime) -> dict[str, Any]:
    rng = ctx.rng
    cause = _pick(rng, COAST_CAUSES if p["coastal"] else INLAND_CAUSES)
    lon, lat = offset(p["lon"], p["lat"], rng.uniform(0, 25), rng.uniform(0, 2 * math.pi))
    depth = int(min(220, max(10, rng.gauss(45 if cause != "rob" else 60, 30))))
    source = _pick(rng, SOURCES)
    n = rng.randint(1, 9999)
    return {
        "observed_at": t.replace(microsecond=0),
        "lon": round(lon, 6),
        "lat": round(lat, 6),
        "address": f"RW {rng.randint(1, 15):02d}, Kel. {p['kel'].nama}",
        "kelurahan_kode": p["kel"].kode,
        "kecamatan_kode": p["kel"].kecamatan_kode,
        "placement": "inside",
        "source": source,
        "source_ref": f"JAKI-CTH-{n:05d}" if source == "jaki" else None,
        "reporter_name": f"Pelapor Contoh {n}",
        "reporter_phone": f"0812-0000-{n:04d}",
        "depth_cm": depth,
        "cause": cause,
        "note": "Laporan contoh",
        "owner_level": "kelurahan",
        "status": "dilaporkan",
        "duplicate_of": None,
        "reject_reason": None,
        "pocket_id": pocket_id,
        "verified_at": None,
        "handled_at": None,
        "receded_at": None,
        "closed_at": None,
        "is_sample": True,
        "created_at": t.replace(microsecond=0) + timedelta(minutes=rng.randint(5, 90)),
        "updated_at": t.replace(microsecond=0),
    }


def _lifecycles(
    ctx: SampleContext, cur: duckdb.DuckDBPyConnection, rows: list[dict[str, Any]]
) -> None:
    """Insert the reports as created, then walk each through its lifecycle."""
    rng = ctx.rng
    ids = tables.reserve_ids(cur, "reports", len(rows))
    finals: list[dict[str, Any]] = []
    last_in_pocket: dict[int, tuple[int, datetime]] = {}
    for rid, row in zip(ids, rows, strict=True):
        row["updated_at"] = row["created_at"]
        ctx.events.append(create_event("report", rid, row, row["created_at"], None, "Data contoh"))
        steps = _steps(ctx, row)
        if ctx.now - row["observed_at"] < timedelta(days=12):
            steps = steps[: rng.randint(0, len(steps) - 1)]  # recent: still being worked on
        prior = last_in_pocket.get(row["pocket_id"])
        if prior and row["observed_at"] - prior[1] < timedelta(hours=6):
            steps = [
                (
                    {"status": "duplikat", "duplicate_of": prior[0]},
                    timedelta(hours=2),
                    "Laporan ganda dari titik yang sama (contoh)",
                )
            ]
        elif rng.random() < 0.03:
            steps = [
                (
                    {"status": "ditolak", "reject_reason": "Bukan genangan (contoh)"},
                    timedelta(hours=3),
                    "Ditolak setelah dicek lapangan (contoh)",
                )
            ]
        else:
            last_in_pocket[row["pocket_id"]] = (rid, row["observed_at"])
        t = row["created_at"]
        for changes, delay, note in steps:
            t = t + delay
            if t >= ctx.now:
                break
            action = "handover" if "owner_level" in changes else "status"
            after = {**row, **changes, "updated_at": t}
            for key in ("verified_at", "handled_at", "receded_at", "closed_at"):
                if after.get(key) == "now":
                    after[key] = t
            ctx.events.extend(change_events("report", rid, row, after, t, None, action, note))
            row = after
        finals.append({"id": rid, **row})
    tables.insert_frame(cur, "reports", pd.DataFrame(finals))


_NOTES = {
    "diverifikasi": "Dicek PPSU di lapangan (contoh)",
    "ditangani": "Pompa mobile dan pembersihan saluran dikerahkan (contoh)",
    "surut": "Air sudah surut (contoh)",
    "selesai": "Penanganan selesai (contoh)",
}


def _steps(ctx: SampleContext, row: dict[str, Any]) -> list[tuple[dict[str, Any], timedelta, str]]:
    rng = ctx.rng
    recede_hours = rng.uniform(3, 9) if row["cause"] == "rob" else rng.uniform(2, 30)
    steps: list[tuple[dict[str, Any], timedelta, str]] = [
        (
            {"status": "diverifikasi", "verified_at": "now"},
            timedelta(hours=rng.uniform(0.5, 30)),
            _NOTES["diverifikasi"],
        ),
    ]
    if row["depth_cm"] > 100 or rng.random() < 0.08:
        steps.append(
            (
                {"owner_level": "kota"},
                timedelta(hours=rng.uniform(0.5, 6)),
                "Diserahkan ke Sudin SDA: perlu pompa besar (contoh)",
            )
        )
    steps += [
        (
            {"status": "ditangani", "handled_at": "now"},
            timedelta(hours=rng.uniform(1, 48)),
            _NOTES["ditangani"],
        ),
        ({"status": "surut", "receded_at": "now"}, timedelta(hours=recede_hours), _NOTES["surut"]),
        (
            {"status": "selesai", "closed_at": "now"},
            timedelta(days=rng.uniform(1, 6)),
            _NOTES["selesai"],
        ),
    ]
    return steps
