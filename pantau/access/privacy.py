"""Personal data: which fields hold it, and who may see them.

Reporter and contact details are personal data. They are shown only to roles
with `read_personal` for the record's area, and never in presentation mode,
whatever the role. Every read path that can carry them goes through here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pantau.access.permissions import Actor, Area, allowed

PERSONAL_FIELDS: dict[str, frozenset[str]] = {
    "report": frozenset({"reporter_name", "reporter_phone"}),
    "group": frozenset({"contact_name", "contact_phone"}),
}
HIDDEN = "•••"


def may_see_personal(actor: Actor, area: Area | None, *, presentation: bool = False) -> bool:
    return not presentation and allowed(actor, "read_personal", area)


def redact(
    actor: Actor,
    record_type: str,
    row: Mapping[str, Any],
    *,
    presentation: bool = False,
) -> dict[str, Any]:
    """`row` with its personal fields replaced by HIDDEN unless the actor may see them."""
    fields = PERSONAL_FIELDS.get(record_type, frozenset())
    area = Area(row.get("kecamatan_kode"), row.get("kelurahan_kode"))
    if not fields or may_see_personal(actor, area, presentation=presentation):
        return dict(row)
    return {k: (HIDDEN if k in fields and v is not None else v) for k, v in row.items()}


def is_personal(record_type: str, field: str | None) -> bool:
    return field is not None and field in PERSONAL_FIELDS.get(record_type, frozenset())
