"""The store: the only package in Pantau that contains SQL (DuckDB).

`Database` wraps one DuckDB connection per process; every session takes its own
cursor (DuckDB 2.0 raises "connection is busy" when threads share one).
`Database.read()` and `Database.write()` return a `DuckSession` (`session.py`) whose
repositories (one per record type, in the modules named after it) bind every
parameter. Domain code sees them through the Protocols of `pantau/store/ports.py`.
"""

from pantau.store.connection import Database, latest_version, open_database
from pantau.store.session import DuckSession

__all__ = ["Database", "DuckSession", "latest_version", "open_database"]
