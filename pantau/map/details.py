"""The details shown beside the map for one selected site, report or pocket."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pandas as pd

from pantau.access.permissions import Actor
from pantau.access.privacy import redact
from pantau.city.timefmt import wib_today
from pantau.kernel.errors import NotFound, msg
from pantau.sites import rules as site_rules
from pantau.store import Database, worklists
from pantau.store import mapdata as queries
from pantau.store import reports as report_store


@dataclass
class SiteDetail:
    record: dict[str, Any]
    overdue: bool
    due_sweep: bool
    ping_pong: bool
    photos: int


def site_detail(db: Database, site_id: int, now: datetime) -> SiteDetail:
    """Raises NotFound when the site does not exist."""
    cur = db.cursor()
    record = queries.site_record(cur, site_id)
    if record is None:
        raise NotFound("err_record_not_found", what=msg("record_site"), id=site_id)
    changes = queries.owner_level_changes(cur, "site", site_id)
    seq = site_rules.level_sequences(changes).get(site_id, [])
    return SiteDetail(
        record=record,
        overdue=site_rules.is_overdue(record["status"], record["target_date"], wib_today(now)),
        due_sweep=site_rules.is_due_for_sweep(
            record["status"],
            record["last_sweep_at"],
            int(record["sweep_interval_days"]),
            now,
            worklists.tidied_at(cur).get(site_id) or record["updated_at"],
        ),
        ping_pong=site_rules.reversals(seq) >= site_rules.PING_PONG_REVERSALS,
        photos=queries.photo_count(cur, "site", site_id),
    )


def pocket_detail(db: Database, pocket_id: int, since: datetime, until: datetime) -> pd.DataFrame:
    """The pocket's reports in the period (no personal data), newest first."""
    return queries.pocket_reports(db.cursor(), pocket_id, since, until)


def report_detail(db: Database, actor: Actor, report_id: int) -> dict[str, Any]:
    """One report as `actor` may see it (personal data masked for others).

    Raises NotFound when the report does not exist.
    """
    stored = report_store.report_record(db.cursor(), report_id)
    if stored is None:
        raise NotFound("err_record_not_found", what=msg("record_report"), id=report_id)
    return redact(actor, "report", stored)
