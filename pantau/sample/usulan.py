"""Sample usulan for musrenbang, drafted from the sample's chronic pockets with their
evidence: in Penjaringan one kecamatan priority and two more forwarded (one of them
Pluit's second most flooded pocket, leaving its first for the demo lurah to draft),
in Koja one forwarded and one still a draft. Deterministic: no random draws."""

from __future__ import annotations

from typing import Any

import duckdb

from pantau.db import reports as report_store
from pantau.db import tables
from pantau.events import change_events, create_event
from pantau.pockets import chronic_window, is_chronic
from pantau.sample.context import SampleContext, by_name
from pantau.usulan import WATER_OFFICE, WORK_FOR_CAUSE, musrenbang_year
from pantau.usulan_evidence import dumps, gather
from pantau.vocab import label

# kelurahan, which of its chronic pockets (0 = most flood days), status, volume, rw,
# budget (rupiah), participation offered
SAMPLE_USULAN = (
    ("Penjaringan", 0, "prioritas", 450.0, "08", 1_850_000_000,
     "Pengurus RW 08 siap kerja bakti bulanan dan piket pompa saat pasang"),
    ("Kamal Muara", 0, "diteruskan", 600.0, "01", 2_400_000_000,
     "Karang Taruna memantau tinggi air saat rob"),
    ("Pluit", 1, "diteruskan", 250.0, "04", None,
     "PKK dan RW 04 membuat lubang biopori di halaman warga"),
    ("Koja", 0, "diteruskan", 300.0, "05", 950_000_000, None),
    ("Koja", 1, "draft", 120.0, "07", None, None),
)  # fmt: skip


def generate_usulan(ctx: SampleContext, cur: duckdb.DuckDBPyConnection) -> list[int]:
    """Insert the sample usulan with their create and status events; return the ids."""
    year = musrenbang_year(ctx.now)
    since, until = chronic_window(ctx.now)
    ids: list[int] = []
    ranks: dict[str, int] = {}
    kecamatan_ranks: dict[str, int] = {}
    for name, nth, status, volume, rw, budget, offered in SAMPLE_USULAN:
        kel = by_name(name)
        stats = report_store.pocket_stats(cur, since, until, kelurahan=kel.kode)
        chronic = stats[[is_chronic(int(n)) for n in stats["floods"]]]
        pocket = chronic.iloc[nth]
        pocket_id = int(pocket["id"])
        evidence = gather(cur, ctx.now, kel.kode, pocket_id=pocket_id)
        cause = evidence["causes"][0][0] if evidence["causes"] else ""
        work = WORK_FOR_CAUSE.get(cause, "normalisasi_saluran")
        ranks[kel.kode] = ranks.get(kel.kode, 0) + 1
        created = ctx.days_ago(21 - len(ids))
        row: dict[str, Any] = {
            "year": year,
            "title": f"{label('usulan_work', work)} di titik genangan #{pocket_id} (contoh)",
            "work_type": work,
            "kelurahan_kode": kel.kode,
            "kecamatan_kode": kel.kecamatan_kode,
            "rw": rw,
            "rt": None,
            "lon": float(pocket["lon"]),
            "lat": float(pocket["lat"]),
            "pocket_id": pocket_id,
            "site_id": None,
            "volume": volume,
            "unit": "m" if work != "biopori" else "titik",
            "budget": budget,
            "office": WATER_OFFICE,
            "participation": offered or ", ".join(evidence["groups"]) or None,
            "status": "draft",
            "kelurahan_rank": ranks[kel.kode],
            "kecamatan_rank": None,
            "kecamatan_priority": False,
            "decision_reason": None,
            "evidence_json": dumps(evidence),
            "evidence_at": ctx.now,
            "source_key": f"pocket:{pocket_id}:{year}",
            "is_sample": True,
            "created_at": created,
            "updated_at": created,
        }
        usulan_id = tables.insert(cur, "usulan", row)
        assert usulan_id is not None
        ctx.events.append(create_event("usulan", usulan_id, row, created, None))
        final = dict(row)
        if status != "draft":
            kecamatan_ranks[kel.kecamatan_kode] = kecamatan_ranks.get(kel.kecamatan_kode, 0) + 1
            forwarded = {**final, "status": "diteruskan",
                         "kecamatan_rank": kecamatan_ranks[kel.kecamatan_kode]}  # fmt: skip
            ctx.events += change_events(
                "usulan", usulan_id, final, forwarded, ctx.days_ago(10), None, "status"
            )
            final = forwarded
        if status == "prioritas":
            marked = {**final, "status": "prioritas", "kecamatan_priority": True}
            ctx.events += change_events(
                "usulan", usulan_id, final, marked, ctx.days_ago(5), None, "status"
            )
            final = marked
        if final != row:
            changed = {k: final[k] for k in ("status", "kecamatan_rank", "kecamatan_priority")}
            tables.update(cur, "usulan", usulan_id, changed)
        ids.append(usulan_id)
    return ids
