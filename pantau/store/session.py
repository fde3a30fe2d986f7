"""The DuckDB unit of work: every repository of the store over one cursor.

`Database.write()` yields a `DuckSession` inside one transaction, `Database.read()`
returns one over a fresh cursor. A second engine would add its own Session class
with the same repositories (the Protocols of `pantau/store/ports.py`) beside this one.
"""

from __future__ import annotations

import duckdb

from pantau.store import ports as store
from pantau.store.areas import AreaRepo
from pantau.store.backup import BackupRepo
from pantau.store.community import CommunityRepo
from pantau.store.events import EventRepo
from pantau.store.integrity import IntegrityRepo
from pantau.store.locations import LocationRepo
from pantau.store.mapdata import MapRepo
from pantau.store.meeting import MeetingRepo
from pantau.store.meta import MetaRepo
from pantau.store.photos import PhotoRepo
from pantau.store.reports import ReportRepo
from pantau.store.siaga import SiagaRepo
from pantau.store.sites import SiteRepo
from pantau.store.summary import SummaryRepo
from pantau.store.tables import RecordRepo
from pantau.store.users import UserRepo
from pantau.store.usulan import UsulanRepo


class DuckSession:
    """The repositories of `pantau.store.ports.Session`, all bound to one DuckDB cursor."""

    def __init__(self, cur: duckdb.DuckDBPyConnection) -> None:
        self.records = RecordRepo(cur)
        self.reports = ReportRepo(cur)
        self.events = EventRepo(cur)
        self.users = UserRepo(cur)
        self.community = CommunityRepo(cur)
        self.photos = PhotoRepo(cur)
        self.meta = MetaRepo(cur)
        self.areas = AreaRepo(cur)
        self.locations = LocationRepo(cur)
        self.map = MapRepo(cur)
        self.meeting = MeetingRepo(cur)
        self.sites = SiteRepo(cur)
        self.summary = SummaryRepo(cur)
        self.integrity = IntegrityRepo(cur)
        self.backup = BackupRepo(cur)
        self.siaga = SiagaRepo(cur)
        self.usulan = UsulanRepo(cur)


def _conforms(session: DuckSession) -> store.Session:
    """Never called: mypy checks here that DuckSession has every repository of the
    Session protocol, with the protocols' method signatures."""
    return session
