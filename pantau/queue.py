"""'Tugas saya': everything that waits for the signed-in user's action, most urgent first.

For whoever may act on a site (camat, lurah, admin) in their area: directives to
answer, overdue sites, sweeps due, and sites recently handed to their level. For
pimpinan: their own directives still unanswered past the due date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pandas as pd

from pantau.db import Database, worklists
from pantau.db import reports as report_store
from pantau.permissions import Actor, Area, allowed
from pantau.site_list import flagged_sites
from pantau.sla import ServiceLevel
from pantau.timefmt import to_wib, wib_today

HANDOVER_DAYS = 14
LEVEL_OF_ROLE = {"lurah": "kelurahan", "camat": "kecamatan", "admin": "kota"}
# Among equally late items: a directive first, then an overdue site, a sweep, a hand-over.
KIND_ORDER = {
    "directive": 0,
    "report_late": 1,
    "overdue": 2,
    "sweep": 3,
    "report_handover": 4,
    "handover": 5,
    "waiting": 6,
}
REPORT_LEVEL_OF_ROLE = {"lurah": "kelurahan", "camat": "kecamatan", "sda": "kota"}


@dataclass(frozen=True)
class Item:
    kind: str  # directive | overdue | sweep | handover | waiting | report_late | report_handover
    record_id: int  # a site's id, or a report's for the report kinds
    code: str
    name: str
    kelurahan: str
    detail: str
    due: date | None
    days_late: int
    directive_id: int | None = None

    @property
    def record_type(self) -> str:
        return "report" if self.kind.startswith("report_") else "site"


def _area(row: pd.Series) -> Area:
    return Area(row["kecamatan_kode"], row["kelurahan_kode"])


def my_queue(
    db: Database, actor: Actor, now: datetime, sla: ServiceLevel | None = None
) -> list[Item]:
    """The actor's work, most urgent first (most days late, then by kind)."""
    today = wib_today(now)
    items: list[Item] = []
    sites = flagged_sites(db, now)
    mine = sites[[allowed(actor, "edit_site", _area(r)) for _, r in sites.iterrows()]]
    for _, r in mine[mine["overdue"]].iterrows():
        target = pd.Timestamp(r["target_date"]).date()
        items.append(
            Item(
                "overdue",
                int(r["id"]),
                r["code"],
                r["name"],
                r["kelurahan"] or "",
                f"Target {target.isoformat()} terlewati",
                target,
                (today - target).days,
            )
        )
    for _, r in mine[mine["due_sweep"]].iterrows():
        last = r["last_sweep_at"]
        ref = None if pd.isna(last) else to_wib(pd.Timestamp(last).to_pydatetime()).date()
        due = ref + timedelta(days=int(r["sweep_interval_days"])) if ref else today
        items.append(
            Item(
                "sweep",
                int(r["id"]),
                r["code"],
                r["name"],
                r["kelurahan"] or "",
                f"Disisir tiap {int(r['sweep_interval_days'])} hari",
                due,
                max(0, (today - due).days),
            )
        )
    by_id = {int(r["id"]): r for _, r in sites.iterrows()}
    for d in worklists.open_directives(db.cursor()).to_dict("records"):
        site = by_id.get(int(d["site_id"]))
        if site is None:
            continue
        due_on = None if pd.isna(d["due_date"]) else pd.Timestamp(d["due_date"]).date()
        late = (today - due_on).days if due_on else 0
        if allowed(actor, "answer_directive", _area(site)):
            kind = "directive"
        elif d["author_id"] == actor.id and due_on is not None and late > 0:
            kind = "waiting"
        else:
            continue
        items.append(
            Item(
                kind,
                int(site["id"]),
                site["code"],
                site["name"],
                site["kelurahan"] or "",
                str(d["text"]),
                due_on,
                max(0, late),
                int(d["id"]),
            )
        )
    level = LEVEL_OF_ROLE.get(actor.role)
    if level:
        recent = worklists.site_handovers(db.cursor(), now - timedelta(days=HANDOVER_DAYS))
        seen: set[int] = set()
        for h in recent.to_dict("records"):
            sid = int(h["site_id"])
            site = by_id.get(sid)
            if sid in seen or site is None:
                continue
            seen.add(sid)  # only the latest hand-over of each site counts
            if (
                h["new_value"] == level
                and site["owner_level"] == level
                and h["user_id"] != actor.id
                and allowed(actor, "edit_site", _area(site))
            ):
                items.append(
                    Item(
                        "handover",
                        sid,
                        site["code"],
                        site["name"],
                        site["kelurahan"] or "",
                        f"Diserahkan dari tingkat {h['old_value']}: {h['note'] or '-'}",
                        to_wib(pd.Timestamp(h["occurred_at"]).to_pydatetime()).date(),
                        0,
                    )
                )
    items += _report_items(db, actor, now, sla or ServiceLevel())
    items.sort(key=lambda i: (-i.days_late, KIND_ORDER[i.kind], i.code))
    return items


def _report_items(db: Database, actor: Actor, now: datetime, sla: ServiceLevel) -> list[Item]:
    """Open reports in my area past their service level, and reports handed to my level."""
    frame = report_store.report_frame(db.cursor(), now - timedelta(days=90))
    frame = frame[frame["status"].isin(["dilaporkan", "diverifikasi", "ditangani"])]
    today = wib_today(now)
    level = REPORT_LEVEL_OF_ROLE.get(actor.role)
    out: list[Item] = []
    for r in frame.to_dict("records"):
        if not allowed(actor, "edit_report", Area(r["kecamatan_kode"], r["kelurahan_kode"])):
            continue
        created = pd.Timestamp(r["created_at"]).to_pydatetime()
        name = f"{r['depth_cm']} cm · {r['address'] or ''}".strip(" ·")
        code = f"#{int(r['id'])}"
        kelurahan = str(r["kelurahan"] or "")
        if sla.response_late(r["status"], created, now) or sla.followup_late(
            r["status"], created, now
        ):
            due_at = (
                sla.response_due(created)
                if r["status"] == "dilaporkan"
                else sla.followup_due(created)
            )
            due = to_wib(due_at).date()
            out.append(
                Item(
                    "report_late",
                    int(r["id"]),
                    code,
                    name,
                    kelurahan,
                    "Batas layanan terlewati",
                    due,
                    max(0, (today - due).days),
                )
            )
        elif level is not None and r["owner_level"] == level and r["owner_level"] != "kelurahan":
            out.append(
                Item(
                    "report_handover",
                    int(r["id"]),
                    code,
                    name,
                    kelurahan,
                    "Laporan di tingkat Anda",
                    None,
                    0,
                )
            )
    return out
