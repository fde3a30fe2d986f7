"""Copy a whole database from one store to another (DuckDB file ⇄ PostgreSQL), exactly
and verifiably: `pantau migrate-store FROM TO`, and the backup of a PostgreSQL
database (copied into a DuckDB file, then exported as every backup is).

Exactly: every table row for row (events and photos included), and every id
sequence continues where the source stopped. Verifiably: after the copy, each table
of the target is read back and compared with the source by row count and by a digest
of its rows that does not depend on the engine (timestamps to the microsecond, floats
to 9 significant digits, binary data by SHA-256).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pantau.kernel.errors import InvalidInput
from pantau.store.ports import ALL_TABLES, Session, Store


@dataclass(frozen=True)
class TableCopy:
    table: str
    rows: int
    digest: str


def _canonical(v: Any) -> Any:
    if v is None:
        return None
    if hasattr(v, "item") and not isinstance(v, (bytes, bytearray, str)):
        with contextlib.suppress(AttributeError, ValueError):
            v = v.item()  # numpy scalar
    if isinstance(v, float):
        return None if math.isnan(v) else f"{v:.9g}"
    if isinstance(v, datetime):
        return v.isoformat(sep=" ", timespec="microseconds")
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, (bytes, bytearray, memoryview)):
        return "sha256:" + hashlib.sha256(bytes(v)).hexdigest()
    if isinstance(v, (list, tuple)):
        return [_canonical(x) for x in v]
    return v


def table_digest(s: Session, table: str) -> TableCopy:
    """Row count and an engine-independent digest of every row of `table`."""
    lines = sorted(
        json.dumps([_canonical(row[k]) for k in sorted(row)], ensure_ascii=False, default=str)
        for row in s.records.rows(table)
    )
    digest = hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()
    return TableCopy(table, len(lines), digest)


def _is_empty(s: Session) -> bool:
    return all(s.records.count(t) == 0 for t in ALL_TABLES if t != "schema_migrations")


def copy_store(
    source: Store, target: Store, progress: Callable[[str, int], None] | None = None
) -> list[TableCopy]:
    """Copy every row of `source` into the empty `target` (both migrated to this
    version), in one transaction on each side, then verify. Returns what was copied.

    Raises InvalidInput when the target already holds data or the two schemas differ,
    and when the verification finds any table that differs (the target's transaction
    is then already committed: the message says so and names the tables).
    """
    with source.write() as s:  # one snapshot of the source (nothing is written)
        versions = sorted(int(r["version"]) for r in s.records.rows("schema_migrations"))
        frames = {t: s.records.read(t) for t in ALL_TABLES if t != "schema_migrations"}
        positions = s.backup.sequence_positions()
        expected = [table_digest(s, t) for t in ALL_TABLES]
    with target.write() as d:
        there = sorted(int(r["version"]) for r in d.records.rows("schema_migrations"))
        if there != versions:
            raise InvalidInput("err_copy_schema_differs", source=versions[-1:], target=there[-1:])
        if not _is_empty(d):
            raise InvalidInput("err_copy_target_not_empty", target=target.path)
        for table, frame in frames.items():
            d.records.insert_frame(table, frame)
            if progress:
                progress(table, len(frame))
        d.backup.advance_sequences(positions)
    check = target.read()
    got = [table_digest(check, t) for t in ALL_TABLES if t != "schema_migrations"]
    want = {c.table: c for c in expected}
    differ = [
        c.table for c in got if (c.rows, c.digest) != (want[c.table].rows, want[c.table].digest)
    ]
    if differ:
        raise InvalidInput("err_copy_differs", tables=", ".join(differ), target=target.path)
    return expected
