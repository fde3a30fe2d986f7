"""One error family for the whole core.

Every function in `pantau` that can fail for a reason a person can fix raises a
subclass of `PantauError`. Its message is written for that person (Indonesian
by default, see `pantau.i18n`), and pages show it as it is.
"""

from __future__ import annotations

from datetime import datetime


class PantauError(Exception):
    """Base of every error the core raises on purpose."""


class InvalidInput(PantauError):
    """Input that does not validate.

    `fields` maps a field (or a row label such as ``"baris 4"``) to a message,
    so that a form or an import report can show each problem where it belongs.
    """

    def __init__(self, message: str, fields: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.fields: dict[str, str] = dict(fields or {})


class NotAllowed(PantauError):
    """The acting user may not do this here."""


class NotFound(PantauError):
    """The record asked for does not exist."""


class Conflict(PantauError):
    """Someone else changed the record first; the caller must reload.

    `changed_by` and `changed_at` (naive UTC) name the change that won, when known.
    """

    def __init__(
        self, message: str, changed_by: str | None = None, changed_at: datetime | None = None
    ) -> None:
        super().__init__(message)
        self.changed_by = changed_by
        self.changed_at = changed_at


class DatabaseBusy(PantauError):
    """The database file is held by another process (usually the running app)."""


class SchemaTooNew(PantauError):
    """The database was written by a newer version of Pantau Wilayah."""
