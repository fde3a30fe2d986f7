"""Two past sample warnings — a rob warning on the coast and a heavy-rain warning for
the whole city — each with watch tasks in a few kelurahan, placed around reports the
sample already has so that the after-window figures show something. Deterministic:
no random draws, everything follows from the sample's own reports and `now`."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pandas as pd

from pantau.city.areas import Kelurahan, kelurahan_by_kode
from pantau.floods.pockets import chronic_window, is_chronic
from pantau.kernel.events import create_event
from pantau.sample.context import SampleContext
from pantau.siaga.risk import rank_pockets
from pantau.siaga.warnings import KIND_CAUSES, KIND_COVERS
from pantau.siaga.watch import WATCH_TASK_TYPE, watch_title
from pantau.store.ports import Session

# kind, level, source, reference, hours before / after the anchoring report, kelurahan
# that organised a watch (the demo lurah's Pluit among them), pockets each watched
SAMPLE_WARNINGS = (
    ("rob", "siaga", "bmkg", "Peringatan dini banjir pesisir BMKG Maritim (contoh)", 2, 6,
     ("Kalibaru", "Pluit"), 3),
    ("hujan_lebat", "waspada", "bpbd", "Peringatan dini cuaca BPBD DKI (contoh)", 3, 21,
     ("Tugu Selatan", "Lagoa"), 2),
)  # fmt: skip


def generate_siaga(ctx: SampleContext, s: Session) -> tuple[int, int]:
    """Insert the sample warnings and their watch tasks; return (warnings, tasks)."""
    warnings = tasks = 0
    latest = ctx.now - timedelta(days=1)
    for kind, level, source, ref, before, after, organisers, per_kel in SAMPLE_WARNINGS:
        anchor = _anchor(s, kind, ctx.now - timedelta(days=7), latest)
        starts = (anchor - timedelta(hours=before)).replace(minute=0, second=0, microsecond=0)
        ends = starts + timedelta(hours=before + after)
        latest = starts - timedelta(days=1)  # the next (older) warning comes before this one
        since, until = chronic_window(starts)
        stats = s.reports.pocket_stats(since, until)
        stats["chronic"] = [is_chronic(int(n)) for n in stats["floods"]]
        cover = KIND_COVERS[kind]
        kodes = (
            sorted(kelurahan_by_kode())
            if cover is None
            else sorted(set(s.siaga.cause_reports((cover,), since, until)["kelurahan_kode"]))
        )
        row: dict[str, Any] = {
            "kind": kind, "level": level, "source": source, "source_ref": ref,
            "starts_at": starts, "ends_at": ends, "kelurahan_kodes": ",".join(kodes),
            "coverage": "otomatis", "note": None, "status": "aktif", "cancel_reason": None,
            "is_sample": True, "created_at": starts - timedelta(hours=5),
            "updated_at": starts - timedelta(hours=5),
        }  # fmt: skip
        warning_id = s.records.insert("warnings", row)
        assert warning_id is not None
        ctx.events.append(
            create_event("warning", warning_id, row, row["created_at"], None, "Data contoh")
        )
        warnings += 1
        matching = s.siaga.cause_reports(KIND_CAUSES[kind], since, until)
        ranked = rank_pockets(stats, matching, kodes)
        for kel in _organisers(organisers, ranked):
            pockets = ranked[ranked["kelurahan_kode"] == kel.kode].head(per_kel)
            groups = s.records.read("community_groups", ["id", "kelurahan_kode"], "id")
            group_ids = [int(g) for g, k in zip(groups["id"], groups["kelurahan_kode"], strict=True)
                         if k == kel.kode]  # fmt: skip
            for n, pocket in enumerate(pockets.to_dict("records")):
                tasks += _watch(ctx, s, {**row, "id": warning_id}, kel.kode, kel.kecamatan_kode,
                                pocket, group_ids[n % len(group_ids)], n)  # fmt: skip
    return warnings, tasks


def _organisers(names: tuple[str, ...], ranked: pd.DataFrame) -> list[Kelurahan]:
    """The kelurahan that organised a watch: those named (Jakarta Utara's), or in another
    wilayah the two with most pockets at risk."""
    here = kelurahan_by_kode()
    named = [k for k in here.values() if k.nama in names]
    if named:
        return sorted(named, key=lambda k: names.index(k.nama))
    counts = ranked["kelurahan_kode"].value_counts()
    return [here[str(kode)] for kode in sorted(counts.index, key=lambda c: (-counts[c], c))[:2]]


def _anchor(s: Session, kind: str, since: datetime, until: datetime) -> datetime:
    """The latest report in [since, until) with a cause the kind is about (the
    warning is placed around it); `until` minus a day when there is none."""
    found = s.siaga.reports_in(sorted(kelurahan_by_kode()), since, until)
    found = found[found["cause"].isin(KIND_CAUSES[kind])]
    if found.empty:
        return until - timedelta(days=1)
    return pd.Timestamp(found["observed_at"].max()).to_pydatetime()


def _watch(
    ctx: SampleContext,
    s: Session,
    warning: dict[str, Any],
    kelurahan: str,
    kecamatan: str,
    pocket: dict[Any, Any],
    group_id: int,
    n: int,
) -> int:
    done = n < 2  # the first two pockets were watched; a third watcher could not come
    name = pocket.get("name")
    title = watch_title(warning, int(pocket["id"]), None if pd.isna(name) else str(name))
    created = warning["starts_at"] - timedelta(hours=3)
    row: dict[str, Any] = {
        "task_type": WATCH_TASK_TYPE, "title": f"{title} (contoh)"[:120],
        "pocket_id": int(pocket["id"]), "site_id": None, "kelurahan_kode": kelurahan,
        "kecamatan_kode": kecamatan, "planned_at": warning["starts_at"],
        "status": "selesai" if done else "batal", "participants": 4 + 3 * n if done else None,
        "result_note": "Titik dijaga, saluran dan pompa dicek (contoh)" if done
        else "Penjaga berhalangan (contoh)",
        "series_id": None, "recurrence": None, "is_sample": True,
        "warning_id": int(warning["id"]), "created_at": created, "updated_at": created,
    }  # fmt: skip
    task_id = s.records.insert("tasks", row)
    assert task_id is not None
    s.records.insert("task_groups", {"task_id": task_id, "group_id": group_id})
    s.siaga.add_watch(int(warning["id"]), int(pocket["id"]), task_id, created)
    ctx.events.append(create_event("task", task_id, row, created, None, "Data contoh"))
    return 1
