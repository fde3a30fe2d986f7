"""After the window: did anticipation work? Per warned pocket: was it watched (its
watch task done), did it flood (reports within the window and a margin), did reports
come from the watchers; per warning, the figures; per week, the meeting's
"Siaga minggu ini".

"From the watchers": reports at a pocket under watch for the warning, made through
the community's own channels (RT/RW or a resident) during the window and margin —
the report records its channel, not the group, so this is as close as the record
allows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import pandas as pd

from pantau.city.timefmt import format_wib
from pantau.kernel.vocab import codes_in_group, label
from pantau.siaga.risk import at_risk
from pantau.siaga.warnings import covered, phase
from pantau.store.ports import Store

MARGIN = timedelta(hours=6)  # water that comes a little after the window still counts
WATCHER_SOURCES = ("rt_rw", "warga")


@dataclass(frozen=True)
class Outcome:
    warned: int  # pockets at risk
    planned: int  # with a watch task
    watched: int  # whose watch task is done
    flooded: int  # warned pockets with a report within the window and margin
    flooded_watched: int  # of those, watched
    watcher_reports: int  # reports from the watchers (see the module)
    unwarned: int  # reports in covered kelurahan outside the warned pockets


def review(db: Store, warning: dict[str, Any], now: datetime) -> pd.DataFrame:
    """Per warned pocket (ranked as `siaga_risk.at_risk`): `task_status` of its watch
    (None: not planned), `watched`, `reports` and `deepest` within the window and margin,
    `flooded`, `watcher_reports`. Reports not yet made are not counted: before the end
    of the margin the figures are provisional."""
    ranked = at_risk(db, warning, now)
    s = db.read()
    watches = s.siaga.watches(int(warning["id"]))
    status = dict(zip(watches["pocket_id"].astype(int), watches["status"], strict=True))
    reports = s.siaga.reports_in(
        covered(warning), warning["starts_at"], warning["ends_at"] + MARGIN
    )
    done = set(codes_in_group("task_status", "fixed"))
    out = ranked[["id", "name", "kelurahan_kode", "kelurahan", "rank", "chronic"]].copy()
    out["task_status"] = [status.get(int(i)) for i in out["id"]]
    out["watched"] = [s in done for s in out["task_status"]]
    at = reports[reports["pocket_id"].notna()]
    per = at.groupby(at["pocket_id"].astype(int))
    n = per.size().to_dict()
    deepest = per["depth_cm"].max().to_dict()
    from_watch = at[at["source"].isin(WATCHER_SOURCES)].groupby(at["pocket_id"].astype(int)).size()
    out["reports"] = [int(n.get(int(i), 0)) for i in out["id"]]
    out["deepest"] = [deepest.get(int(i)) for i in out["id"]]
    out["flooded"] = out["reports"] > 0
    out["watcher_reports"] = [
        int(from_watch.get(int(i), 0)) if status.get(int(i)) is not None else 0 for i in out["id"]
    ]
    return out.reset_index(drop=True)


def outcome(db: Store, warning: dict[str, Any], now: datetime) -> Outcome:
    """The warning's figures (see `Outcome`)."""
    frame = review(db, warning, now)
    reports = db.read().siaga.reports_in(
        covered(warning), warning["starts_at"], warning["ends_at"] + MARGIN
    )
    warned = set(frame["id"].astype(int))
    unwarned = [p is None or pd.isna(p) or int(p) not in warned for p in reports["pocket_id"]]
    return Outcome(
        warned=len(frame),
        planned=int(frame["task_status"].notna().sum()),
        watched=int(frame["watched"].sum()),
        flooded=int(frame["flooded"].sum()),
        flooded_watched=int((frame["flooded"] & frame["watched"]).sum()),
        watcher_reports=int(frame["watcher_reports"].sum()),
        unwarned=int(sum(unwarned)),
    )


WEEK_COLUMNS = [
    "peringatan",
    "waktu",
    "kelurahan",
    "titik_rawan",
    "dijaga",
    "tergenang",
    "laporan_penjaga",
    "di_luar_daftar",
    "tautan",
]


def week_summary(
    db: Store, since: datetime, until: datetime, now: datetime, lang: str = "id"
) -> pd.DataFrame:
    """ "Siaga minggu ini": every warning (not cancelled) whose window overlaps
    [since, until), oldest first, with its figures as of `now` (WEEK_COLUMNS)."""
    frame = db.read().siaga.warnings_overlapping(since, until)
    rows = []
    for record in reversed(frame.to_dict("records")):
        warning = {str(k): v for k, v in record.items()}
        for key in ("starts_at", "ends_at"):
            warning[key] = pd.Timestamp(warning[key]).to_pydatetime()
        if phase(warning, now) == "batal":
            continue
        got = outcome(db, warning, now)
        kind = label("warning_kind", str(warning["kind"]), lang)
        level = label("warning_level", str(warning["level"]), lang)
        rows.append(
            {
                "peringatan": f"{kind} · {level}",
                "waktu": f"{format_wib(warning['starts_at'], lang)} – "
                f"{format_wib(warning['ends_at'], lang)}",
                "kelurahan": len(covered(warning)),
                "titik_rawan": got.warned,
                "dijaga": f"{got.watched}/{got.planned}",
                "tergenang": f"{got.flooded} ({got.flooded_watched})",
                "laporan_penjaga": got.watcher_reports,
                "di_luar_daftar": got.unwarned,
                "tautan": f"/siaga?id={int(warning['id'])}",
            }
        )
    return pd.DataFrame(rows, columns=WEEK_COLUMNS)
