"""A site's past as its page shows it: who it was handed over to, and its sweeps."""

from __future__ import annotations

from typing import Any

from pantau.store import Database, worklists


def owner_handovers(db: Database, site_id: int) -> list[dict[str, Any]]:
    """The site's changes of owner level, oldest first: occurred_at, who, old_value,
    new_value, note."""
    return [
        h
        for h in worklists.site_handover_chain(db.cursor(), site_id)
        if h["field"] == "owner_level"
    ]


def sweeps(db: Database, site_id: int) -> list[dict[str, Any]]:
    """The site's recorded sweeps (see `db.worklists.sweeps_of_site`)."""
    return worklists.sweeps_of_site(db.cursor(), site_id)
