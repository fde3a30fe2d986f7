"""The evidence an usulan stands on, pulled from the record: for a flood pocket its
flood days per year, depth (max, typical), typical hours to recede, causes, reports
and photos over the chronic window (`pantau.floods.pockets.chronic_window`); for a penataan
site its sweeps and regressions; for both the community's groups and the tasks they
did there. Kept with the usulan as a JSON snapshot (so the forum sees what the
proposal was based on) and recomputed on request.
"""

from __future__ import annotations

import json
import math
from datetime import datetime
from typing import Any

from pantau.floods.pockets import chronic_window, is_chronic
from pantau.store.ports import Session

MAX_TASKS = 10
MAX_SWEEPS = 20


def _num(value: Any) -> float | int | None:
    """A figure as plain JSON: None for missing, int when whole, else rounded."""
    if value is None:
        return None
    number = float(value)
    if math.isnan(number):
        return None
    return int(number) if number.is_integer() else round(number, 1)


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    try:
        return str(value.isoformat(sep=" "))
    except (AttributeError, TypeError, ValueError):
        return None


def gather(
    s: Session,
    now: datetime,
    kelurahan: str,
    pocket_id: int | None = None,
    site_id: int | None = None,
) -> dict[str, Any]:
    """The evidence as a JSON-ready dict (see the module docstring); `kind` is
    "pocket", "site" or "none"."""
    since, until = chronic_window(now)
    out: dict[str, Any] = {
        "kind": "none",
        "computed_at": _iso(now),
        "since": _iso(since),
        "until": _iso(now),
    }
    if pocket_id is not None:
        out.update(_pocket(s, pocket_id, now, kelurahan))
    elif site_id is not None:
        out.update(_site(s, site_id, since, until))
    groups, tasks = s.usulan.community_at(kelurahan, since, pocket_id, site_id)
    out["groups"] = groups
    out["tasks_done"] = len(tasks)
    out["participants"] = int(sum(int(t["participants"] or 0) for t in tasks))
    out["tasks"] = [
        {
            "day": _iso(t["planned_at"]),
            "title": str(t["title"]),
            "groups": str(t["groups"] or ""),
            "participants": _num(t["participants"]),
        }
        for t in tasks[:MAX_TASKS]
    ]
    return out


def _pocket(s: Session, pocket_id: int, now: datetime, kelurahan: str) -> dict[str, Any]:
    since, until = chronic_window(now)
    stats = s.reports.pocket_stats(since, until, kelurahan=kelurahan)
    mine = stats[stats["id"] == pocket_id]
    row = mine.iloc[0].to_dict() if not mine.empty else {}
    reports = s.usulan.pocket_reports(pocket_id, since, until)
    photos, _ = s.usulan.report_photos(reports["id"].tolist(), limit=0)
    floods = int(row.get("floods") or 0)
    return {
        "kind": "pocket",
        "pocket_id": int(pocket_id),
        "flood_days_by_year": [[y, n] for y, n in s.usulan.flood_days_by_year(pocket_id, until)],
        "floods": floods,
        "chronic": is_chronic(floods),
        "max_depth": _num(row.get("max_depth")),
        "typical_depth": _num(row.get("typical_depth")),
        "typical_hours": _num(row.get("typical_hours")),
        "causes": [[c, n] for c, n in s.reports.pocket_causes(pocket_id, since, until)],
        "reports": len(reports),
        "photos": photos,
        "last_flood": _iso(row.get("last_flood")),
    }


def _site(s: Session, site_id: int, since: datetime, until: datetime) -> dict[str, Any]:
    site = s.usulan.site_record(site_id) or {}
    sweeps = s.sites.sweeps_of_site(site_id)
    recent = [s for s in sweeps if since <= s["swept_at"] < until]
    return {
        "kind": "site",
        "site_id": int(site_id),
        "site_code": site.get("code"),
        "site_name": site.get("name"),
        "site_status": site.get("status"),
        "sweeps": len(recent),
        "regressions": sum(1 for s in recent if s["result"] == "semrawut"),
        "sweeps_ever": len(sweeps),
        "regressions_ever": sum(1 for s in sweeps if s["result"] == "semrawut"),
        "history": [[_iso(s["swept_at"]), str(s["result"])] for s in sweeps[:MAX_SWEEPS]],
    }


def dumps(evidence: dict[str, Any]) -> str:
    return json.dumps(evidence, ensure_ascii=False, sort_keys=True)


def loads(text: str | None) -> dict[str, Any]:
    """The stored snapshot; an empty one (kind "none") when there is none."""
    if not text:
        return {"kind": "none"}
    value = json.loads(text)
    return value if isinstance(value, dict) else {"kind": "none"}
