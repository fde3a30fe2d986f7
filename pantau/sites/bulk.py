"""Changing several sites at once (a camat's table): each row's change goes through
the same core functions as a single edit, checked and logged one by one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pantau.access.permissions import Actor
from pantau.kernel.errors import PantauError
from pantau.sites.actions import change_status, check_status_change
from pantau.sites.rules import edit_site
from pantau.store import Database, tables


@dataclass(frozen=True)
class RowChange:
    site_id: int
    version: int  # as loaded in the table
    status: str | None = None  # a new status, or None
    target_date: date | str | None = "unchanged"  # a date, None (clear) or "unchanged"
    note: str | None = None


@dataclass(frozen=True)
class RowOutcome:
    site_id: int
    code: str
    ok: bool
    message: str


def apply_rows(
    db: Database, actor: Actor, changes: list[RowChange], now: datetime
) -> list[RowOutcome]:
    """Apply each row's change on its own; one row's refusal does not stop the others."""
    outcomes: list[RowOutcome] = []
    for change in changes:
        stored = tables.get(db.cursor(), "sites", change.site_id)
        code = str(stored["code"]) if stored else f"#{change.site_id}"
        version = change.version
        try:
            if change.status and stored is not None:
                # A row is one change: check its status move before anything is
                # written, so a refused move leaves the target date untouched too.
                check_status_change(actor, stored, change.status, change.note, has_photo=False)
            if change.target_date != "unchanged":
                values: dict[str, Any] = {"target_date": change.target_date}
                version = int(
                    edit_site(db, actor, change.site_id, version, values, now, change.note)[
                        "version"
                    ]
                )
            if change.status:
                change_status(db, actor, change.site_id, version, change.status, change.note, now)
        except PantauError as exc:
            outcomes.append(RowOutcome(change.site_id, code, False, str(exc)))
            continue
        outcomes.append(RowOutcome(change.site_id, code, True, "tersimpan"))
    return outcomes
