"""Sample usulan for musrenbang, drafted from the sample's chronic pockets with their
evidence, for the wilayah in force: in the demo camat's kecamatan one kecamatan
priority and two more forwarded (one of them the demo lurah's second most flooded
pocket, leaving the first for the demo lurah to draft), and a draft in the next
kecamatan. Deterministic: no random draws; fewer when there are fewer chronic pockets."""

from __future__ import annotations

from typing import Any

import pandas as pd

from pantau.city.areas import kecamatan_list
from pantau.floods.pockets import chronic_window, is_chronic
from pantau.kernel.events import change_events, create_event
from pantau.kernel.vocab import label
from pantau.musrenbang.evidence import dumps, gather
from pantau.musrenbang.usulan import WATER_OFFICE, WORK_FOR_CAUSE, musrenbang_year
from pantau.sample.community import demo_accounts
from pantau.sample.context import SampleContext
from pantau.store.ports import Session

# status, volume, rw, budget (rupiah), participation offered — in the order of `_picks`
SAMPLE_USULAN = (
    ("prioritas", 450.0, "08", 1_850_000_000,
     "Pengurus RW 08 siap kerja bakti bulanan dan piket pompa saat pasang"),
    ("diteruskan", 600.0, "01", 2_400_000_000, "Karang Taruna memantau tinggi air saat rob"),
    ("diteruskan", 250.0, "04", None, "PKK dan RW 04 membuat lubang biopori di halaman warga"),
    ("draft", 120.0, "07", None, None),
)  # fmt: skip


def _picks(chronic: pd.DataFrame) -> list[int]:
    """The pockets the sample usulan come from (see the module docstring)."""
    accounts = {role: (kec, kel) for _, _, role, kec, kel, _ in demo_accounts()}
    kecamatan, _ = accounts.get("camat", (None, None))
    _, lurah_kel = accounts.get("lurah", (None, None))
    here = chronic[chronic["kecamatan_kode"] == kecamatan]
    others = here[here["kelurahan_kode"] != lurah_kel].drop_duplicates("kelurahan_kode")
    picks = [int(i) for i in others["id"].head(2)]
    lurah_own = here[here["kelurahan_kode"] == lurah_kel]
    if len(lurah_own) > 1:
        picks.append(int(lurah_own.iloc[1]["id"]))
    codes = [k.kode for k in kecamatan_list()]
    after = [c for c in codes if c != kecamatan]
    if after:
        elsewhere = chronic[chronic["kecamatan_kode"] == after[0]]
        picks += [int(i) for i in elsewhere["id"].head(1)]
    return picks


def generate_usulan(ctx: SampleContext, s: Session) -> list[int]:
    """Insert the sample usulan with their create and status events; return the ids."""
    year = musrenbang_year(ctx.now)
    since, until = chronic_window(ctx.now)
    ids: list[int] = []
    ranks: dict[str, int] = {}
    kecamatan_ranks: dict[str, int] = {}
    stats = s.reports.pocket_stats(since, until)
    chronic = stats[[is_chronic(int(n)) for n in stats["floods"]]]
    by_id = {int(r["id"]): r for r in chronic.to_dict("records")}
    for pocket_id, (status, volume, rw, budget, offered) in zip(
        _picks(chronic), SAMPLE_USULAN, strict=False
    ):
        pocket = by_id[pocket_id]
        kelurahan, kecamatan = str(pocket["kelurahan_kode"]), str(pocket["kecamatan_kode"])
        evidence = gather(s, ctx.now, kelurahan, pocket_id=pocket_id)
        cause = evidence["causes"][0][0] if evidence["causes"] else ""
        work = WORK_FOR_CAUSE.get(cause, "normalisasi_saluran")
        ranks[kelurahan] = ranks.get(kelurahan, 0) + 1
        created = ctx.days_ago(21 - len(ids))
        row: dict[str, Any] = {
            "year": year,
            "title": f"{label('usulan_work', work)} di titik genangan #{pocket_id} (contoh)",
            "work_type": work,
            "kelurahan_kode": kelurahan,
            "kecamatan_kode": kecamatan,
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
            "kelurahan_rank": ranks[kelurahan],
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
        usulan_id = s.records.insert("usulan", row)
        assert usulan_id is not None
        ctx.events.append(create_event("usulan", usulan_id, row, created, None))
        final = dict(row)
        if status != "draft":
            kecamatan_ranks[kecamatan] = kecamatan_ranks.get(kecamatan, 0) + 1
            forwarded = {**final, "status": "diteruskan",
                         "kecamatan_rank": kecamatan_ranks[kecamatan]}  # fmt: skip
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
            s.records.update("usulan", usulan_id, changed)
        ids.append(usulan_id)
    return ids
