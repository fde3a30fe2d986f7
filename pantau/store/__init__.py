"""The store: the only package in Pantau that contains SQL.

`Database` wraps one DuckDB connection per process; every operation takes its
own cursor (DuckDB 2.0 raises "connection is busy" when threads share one).
Query modules (`areas`, `records`, `events`, ...) take a cursor and bind every
parameter.
"""

from pantau.store.connection import Database, open_database

__all__ = ["Database", "open_database"]
