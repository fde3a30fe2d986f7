"""A site's past as its page shows it: who it was handed over to, and its sweeps."""

from __future__ import annotations

from typing import Any

from pantau.store.ports import Store


def owner_handovers(db: Store, site_id: int) -> list[dict[str, Any]]:
    """The site's changes of owner level, oldest first: occurred_at, who, old_value,
    new_value, note."""
    return [h for h in db.read().sites.site_handover_chain(site_id) if h["field"] == "owner_level"]


def sweeps(db: Store, site_id: int) -> list[dict[str, Any]]:
    """The site's recorded sweeps (see `db.worklists.sweeps_of_site`)."""
    return db.read().sites.sweeps_of_site(site_id)
