"""The cursor the repositories are written against: DuckDB's own cursor, or
`pantau.store.postgres.PgCursor`, which speaks the same way to PostgreSQL."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

import pandas as pd


class Cursor(Protocol):
    """The part of a DB-API cursor (as DuckDB extends it) the repositories use."""

    @property
    def description(self) -> Sequence[tuple[Any, ...]] | None: ...

    def execute(self, query: str, parameters: Any = None) -> Cursor: ...

    def executemany(self, query: str, parameters: Any = None) -> Cursor: ...

    def fetchone(self) -> tuple[Any, ...] | None: ...

    def fetchall(self) -> list[tuple[Any, ...]]: ...

    def df(self) -> pd.DataFrame: ...

    def register(self, view_name: str, python_object: Any) -> Any: ...

    def unregister(self, view_name: str) -> Any: ...
