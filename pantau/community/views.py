"""What the community pages read: groups with their contact already masked for the
reader, tasks with their flags, where a task's pocket or site is, and involvement
per kelurahan. Privacy is decided here, once, not by each page."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pandas as pd

from pantau.access.permissions import Actor, Area
from pantau.access.privacy import HIDDEN, may_see_personal
from pantau.community.tasks import flag_tasks
from pantau.store import Database
from pantau.store import community as community_store

CONTACT_FIELDS = ("contact_name", "contact_phone")


def groups(db: Database, actor: Actor, kelurahan: str | None = None) -> pd.DataFrame:
    """Community groups by kelurahan and name; a group's contact is HIDDEN where the
    actor may not see personal data (see `privacy.may_see_personal`)."""
    frame = community_store.groups(db.cursor(), kelurahan)
    if frame.empty:
        return frame
    visible = [
        may_see_personal(actor, Area(kec, kel))
        for kec, kel in zip(frame["kecamatan_kode"], frame["kelurahan_kode"], strict=True)
    ]
    out = frame.copy()
    for column in CONTACT_FIELDS:
        out[column] = [
            value if ok else HIDDEN for value, ok in zip(out[column], visible, strict=True)
        ]
    return out


def group_names(db: Database, kelurahan: str) -> dict[int, str]:
    """Active groups of a kelurahan, id -> name (for choosing who does a task)."""
    frame = community_store.groups(db.cursor(), kelurahan)
    return {int(g["id"]): str(g["name"]) for g in frame.to_dict("records") if g["active"]}


def recent_tasks(
    db: Database, now: datetime, kelurahan: str | None, days: int = 60
) -> pd.DataFrame:
    """Tasks planned from `days` ago on, flagged (overdue …) at `now`."""
    return flag_tasks(
        community_store.tasks(db.cursor(), now - timedelta(days=days), kelurahan=kelurahan), now
    )


def tasks_at(db: Database, record_type: str, record_id: int, now: datetime) -> pd.DataFrame:
    """The tasks linked to a pocket or a site, flagged at `now`."""
    if record_type not in ("pocket", "site"):
        raise ValueError(f"tasks are linked to pockets and sites, not {record_type!r}")
    cur = db.cursor()
    linked = (
        community_store.tasks(cur, pocket_id=record_id)
        if record_type == "pocket"
        else community_store.tasks(cur, site_id=record_id)
    )
    return flag_tasks(linked, now)


def place_of_task(db: Database, task: dict[str, Any]) -> dict[str, Any] | None:
    """lon, lat, kelurahan and kecamatan of the task's pocket or site, if it has one."""
    place = None
    for table, column in (("pockets", "pocket_id"), ("sites", "site_id")):
        value = task.get(column)
        if value is not None and not pd.isna(value):
            place = community_store.place_of(db.cursor(), table, int(str(value)))
    return place


def involvement(db: Database, now: datetime, days: int = 90) -> pd.DataFrame:
    """Per kelurahan over the last `days`: tasks done, participants, active groups,
    groups registered."""
    return community_store.involvement(db.cursor(), now - timedelta(days=days))
