"""'Tugas saya': everything that waits for the signed-in user's action, most urgent first.

For whoever may act on a site (camat, lurah, admin) in their area: directives to
answer, overdue sites, sweeps due, and sites recently handed to their level. For
pimpinan: their own directives still unanswered past the due date. For whoever
handles genangan reports: every open report waiting for them (new ones to verify,
then those in progress), late ones flagged and first — with no age limit, so an old
late report never drops out. The water office's queue on the report list is the
same list (`sda_queue`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd

from pantau.access.permissions import Actor, Area, allowed
from pantau.city.timefmt import WIB, format_short_day, to_wib, wib_today
from pantau.floods.listing import allowed_rows, flag_reports, mask_personal
from pantau.floods.sla import ServiceLevel
from pantau.kernel.i18n import t, tn
from pantau.kernel.vocab import label
from pantau.sites.listing import flagged_sites
from pantau.store import Database, worklists

HANDOVER_DAYS = 14
LEVEL_OF_ROLE = {"lurah": "kelurahan", "camat": "kecamatan", "admin": "kota"}
# Among equally late items: a directive first, then a late report, an overdue site, a
# new report to verify, a sweep, a report in progress, a hand-over.
KIND_ORDER = {
    "directive": 0,
    "report_late": 1,
    "overdue": 2,
    "report_verify": 3,
    "sweep": 4,
    "report_progress": 5,
    "handover": 6,
    "waiting": 7,
}
KINDS = tuple(KIND_ORDER)
REPORT_LEVEL_OF_ROLE = {"lurah": "kelurahan", "camat": "kecamatan", "sda": "kota"}
STAGES = {"dilaporkan": 0, "diverifikasi": 1, "ditangani": 2}
STAGE_KIND = {
    "dilaporkan": "report_verify",
    "diverifikasi": "report_progress",
    "ditangani": "report_progress",
}


@dataclass(frozen=True)
class Item:
    kind: str  # one of KINDS
    record_id: int  # a site's id, or a report's for the report kinds
    code: str
    name: str
    kelurahan: str
    note: str  # a person's text: the directive, the hand-over note
    due: date | None
    days_late: int
    directive_id: int | None = None
    late: bool = False
    extra: str = ""  # sweep interval, former owner level, or the report's status code
    due_at: datetime | None = None

    @property
    def record_type(self) -> str:
        return "report" if self.kind.startswith("report_") else "site"

    @property
    def detail(self) -> str:
        return describe(self, "id")


def _area(row: pd.Series) -> Area:
    return Area(row["kecamatan_kode"], row["kelurahan_kode"])


@dataclass(frozen=True)
class QueuePage:
    """A page of the queue, most urgent first, with the size of the whole queue."""

    items: list[Item]
    counts: dict[str, int]  # items of each kind in the whole queue (KINDS order, no zeros)
    total: int


def my_queue(
    db: Database, actor: Actor, now: datetime, sla: ServiceLevel | None = None
) -> list[Item]:
    """The actor's work, most urgent first (most days late, then by kind)."""
    return queue_page(db, actor, now, sla).items


def _urgency(item: Item, now: datetime) -> tuple[int, bool, int, datetime, str]:
    return (-item.days_late, not item.late, KIND_ORDER[item.kind], item.due_at or now, item.code)


def queue_page(
    db: Database,
    actor: Actor,
    now: datetime,
    sla: ServiceLevel | None = None,
    *,
    offset: int = 0,
    limit: int | None = None,
) -> QueuePage:
    """`limit` items of the actor's queue from `offset` (all when None), in the order
    of `my_queue`, and how many of each kind the whole queue holds. Only the reports
    that can reach the page become items, so a page costs about the same however many
    open reports wait."""
    items = _site_items(db, actor, now)
    frame = _ranked_reports(report_worklist(db, actor, now, sla or ServiceLevel()))
    reach = None if limit is None else offset + limit
    items += _report_items(frame if reach is None else frame.head(reach))
    items.sort(key=lambda i: _urgency(i, now))
    kinds = Counter(i.kind for i in items if i.record_type == "site")
    for kind, n in frame["kind"].value_counts().items():
        kinds[str(kind)] += int(n)
    return QueuePage(
        items[offset:reach],
        {k: int(kinds[k]) for k in KINDS if kinds.get(k)},
        sum(kinds.values()),
    )


def _ranked_reports(frame: pd.DataFrame) -> pd.DataFrame:
    """The worklist with each report's `kind`, in queue order (see `_urgency`)."""
    if frame.empty:
        return frame.assign(kind=pd.Series(dtype=object))
    kind = np.where(frame["late"], "report_late", frame["status"].map(STAGE_KIND))
    ranked = frame.assign(
        kind=kind,
        _kind_order=pd.Series(kind).map(KIND_ORDER).to_numpy(),
        _code="#" + frame["id"].astype("int64").astype(str),
    )
    ranked = ranked.sort_values(
        ["days_late", "late", "_kind_order", "due_at", "_code"],
        ascending=[False, False, True, True, True],
        kind="stable",
    )
    return ranked.drop(columns=["_kind_order", "_code"]).reset_index(drop=True)


def _site_items(db: Database, actor: Actor, now: datetime) -> list[Item]:
    """Overdue sites, sweeps due, directives and hand-overs waiting for the actor."""
    today = wib_today(now)
    items: list[Item] = []
    sites = flagged_sites(db, now)
    mine = sites[allowed_rows(sites, actor, "edit_site")] if not sites.empty else sites
    for _, r in mine[mine["overdue"]].iterrows():
        target = pd.Timestamp(r["target_date"]).date()
        items.append(
            Item(
                "overdue",
                int(r["id"]),
                r["code"],
                r["name"],
                r["kelurahan"] or "",
                "",
                target,
                (today - target).days,
                late=True,
            )
        )
    for _, r in mine[mine["due_sweep"]].iterrows():
        late_by = int(r["sweep_days_late"])
        items.append(
            Item(
                "sweep",
                int(r["id"]),
                r["code"],
                r["name"],
                r["kelurahan"] or "",
                "",
                r["sweep_due_on"] or today,
                late_by,
                late=late_by > 0,
                extra=str(int(r["sweep_interval_days"])),
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
                late=late > 0,
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
                        str(h["note"] or ""),
                        to_wib(pd.Timestamp(h["occurred_at"]).to_pydatetime()).date(),
                        0,
                        extra=str(h["old_value"] or ""),
                    )
                )
    return items


def _report_items(frame: pd.DataFrame) -> list[Item]:
    """Rows of the report worklist (with `kind`) as queue items."""
    out: list[Item] = []
    for r in frame.to_dict("records"):
        due_at = pd.Timestamp(r["due_at"]).to_pydatetime()
        out.append(
            Item(
                str(r["kind"]),
                int(r["id"]),
                f"#{int(r['id'])}",
                f"{r['depth_cm']} cm · {r['address'] or ''}".strip(" ·"),
                str(r["kelurahan"] or ""),
                "",
                to_wib(due_at).date(),
                int(r["days_late"]),
                late=bool(r["late"]),
                extra=str(r["status"]),
                due_at=due_at,
            )
        )
    return out


def _needs(actor: Actor, frame: pd.DataFrame) -> np.ndarray:
    """Which open reports in the actor's editing area wait for this actor: every late
    one; for the water office (sda) every new report city-wide and, once verified,
    those at city or province level; for a lurah or camat those at their level."""
    late = frame["late"].to_numpy(dtype=bool)
    level = frame["owner_level"].astype(object)
    if actor.role == "sda":
        mine = (frame["status"] == "dilaporkan") | level.isin(("kota", "provinsi"))
    else:
        mine = level == REPORT_LEVEL_OF_ROLE.get(actor.role)
    return np.asarray(late | mine.to_numpy(dtype=bool), dtype=bool)


def report_worklist(
    db: Database, actor: Actor, now: datetime, sla: ServiceLevel | None = None
) -> pd.DataFrame:
    """Open reports (however old) that wait for the actor's action, with `late`,
    `response_late`, `followup_late`, `ping_pong`, `stage` (0 to verify, 1 verified,
    2 being handled), `due_at` (the next deadline, or the first one missed) and
    `days_late` (WIB days past it). Late ones first, most late first; then new ones to
    verify, then those in progress, oldest first. Reporter fields are masked for those
    who may not see them.

    The water office (sda) gets every new report city-wide, open reports at city or
    province level and every late report; a lurah or camat the open reports at their
    level in their area and every late report there; an admin every late report.
    """
    sla = sla or ServiceLevel()
    frame = worklists.open_reports(db.cursor())
    frame = frame[allowed_rows(frame, actor, "edit_report")] if not frame.empty else frame
    if frame.empty:
        return _empty_worklist(frame)
    frame = flag_reports(db, frame.reset_index(drop=True), now, sla)
    frame = frame[_needs(actor, frame)]
    if frame.empty:
        return _empty_worklist(frame)
    frame = _worklist_columns(frame.reset_index(drop=True), now, sla)
    # Late ones first, the earliest missed deadline (most late) first; then new ones to
    # verify, then those in progress, each oldest first.
    late = frame[frame["late"]].sort_values(["due_at", "id"])
    waiting = frame[~frame["late"]].sort_values(["stage", "created_at", "id"])
    return mask_personal(pd.concat([late, waiting]).reset_index(drop=True), actor)


def _empty_worklist(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.iloc[0:0].copy()
    for column in ("response_late", "followup_late", "late", "ping_pong"):
        out[column] = pd.Series(dtype=bool)
    for column in ("stage", "days_late"):
        out[column] = pd.Series(dtype="int64")
    out["due_at"] = pd.Series(dtype="datetime64[us]")
    return out


def _worklist_columns(frame: pd.DataFrame, now: datetime, sla: ServiceLevel) -> pd.DataFrame:
    out = frame.copy()
    today = pd.Timestamp(wib_today(now))
    due = sla.deadline_column(out["status"], out["created_at"])
    out["stage"] = out["status"].map(STAGES).astype("int64")
    out["due_at"] = due.to_numpy()
    due_day = due.dt.tz_localize("UTC").dt.tz_convert(WIB).dt.tz_localize(None).dt.normalize()
    behind = (today - due_day).dt.days.clip(lower=0).fillna(0).astype("int64")
    out["days_late"] = np.where(out["late"].to_numpy(dtype=bool), behind.to_numpy(), 0)
    return out


def sda_queue(db: Database, actor: Actor, now: datetime, sla: ServiceLevel) -> pd.DataFrame:
    """The water office's queue on the report list: `report_worklist` for the actor (an
    admin sees the queue as the water office would, across the city)."""
    if actor.role == "admin":
        actor = replace(actor, role="sda")
    return report_worklist(db, actor, now, sla)


def describe(item: Item, lang: str = "id") -> str:
    """What the item asks for, in the user's language."""
    if item.kind == "overdue" and item.due:
        return t("queue_why_overdue", lang, day=format_short_day(item.due, lang))
    if item.kind == "sweep":
        return tn("queue_why_sweep", int(item.extra), lang)
    if item.kind in ("directive", "waiting"):
        return item.note
    if item.kind == "handover":
        level = label("owner_level", item.extra, lang)
        return t("queue_why_handover", lang, level=level, note=item.note or "–")
    status = label("report_status", item.extra, lang)
    if item.kind == "report_late":
        return t("queue_why_report_late", lang, status=status)
    if item.kind == "report_verify":
        return t("queue_why_report_verify", lang, status=status)
    return t("queue_why_report_progress", lang, status=status)
