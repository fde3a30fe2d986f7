"""Directives (arahan): a pimpinan asks for something on a site by a date; the
site's owner answers. Unanswered directives sit in the owner's queue."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pantau.access.permissions import Actor, Area, event_user_id, require
from pantau.access.records import apply_change
from pantau.kernel.errors import InvalidInput, NotFound, msg
from pantau.kernel.events import create_event
from pantau.store import Database, tables, worklists
from pantau.store import events as event_store

MAX_TEXT = 1000


def _text(value: str | None, field: str, what: str) -> str:
    text = (value or "").strip()
    if not text:
        raise InvalidInput("err_required", {field: msg("err_field_write_it")}, what=msg(what))
    if len(text) > MAX_TEXT:
        raise InvalidInput(
            "err_too_long", {field: msg("err_field_at_most", n=MAX_TEXT)}, what=msg(what)
        )
    return text


def add_directive(
    db: Database,
    actor: Actor,
    site_id: int,
    text: str,
    due: date | None,
    now: datetime,
    today: date,
) -> int:
    """Give a directive on a site; returns its id. Raises NotAllowed, InvalidInput, NotFound."""
    require(actor, "add_directive")
    body = _text(text, "text", "record_directive")
    if due is not None and due < today:
        raise InvalidInput("err_directive_due_past", {"due_date": msg("err_field_today_or_later")})
    row = {
        "site_id": site_id,
        "author_id": actor.id,
        "text": body,
        "due_date": due,
        "created_at": now,
    }
    with db.transaction() as cur:
        site = tables.get(cur, "sites", site_id)
        if site is None:
            raise NotFound("err_record_not_found", what=msg("record_site"), id=site_id)
        # Where the site is: a pimpinan of one kota directs only that kota's sites.
        require(actor, "add_directive", Area(site["kecamatan_kode"], site["kelurahan_kode"]))
        directive_id = tables.insert(cur, "directives", row)
        assert directive_id is not None
        event_store.append(
            cur, [create_event("directive", directive_id, row, now, event_user_id(actor))]
        )
    return directive_id


def answer_directive(
    db: Database,
    actor: Actor,
    directive_id: int,
    expected_version: int,
    answer: str,
    now: datetime,
) -> dict[str, Any]:
    """Answer a directive on a site in the actor's area. Raises NotAllowed,
    InvalidInput, NotFound, Conflict (someone answered first)."""
    body = _text(answer, "answer", "what_answer")

    def check(stored: dict[str, Any]) -> None:
        site = worklists.site_area(db.cursor(), int(stored["site_id"]))
        require(actor, "answer_directive", Area(*site) if site else None)

    return apply_change(
        db, actor, "directive", "directives", directive_id, expected_version,
        {"answer": body, "answered_by": actor.id, "answered_at": now}, now,
        check=check, action="answer",
    )  # fmt: skip


def for_site(db: Database, site_id: int) -> list[dict[str, Any]]:
    """A site's directives, newest first, with author and answerer names."""
    return worklists.directives_of_site(db.cursor(), site_id)
