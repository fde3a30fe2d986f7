"""The unit of work: every repository of the store over one cursor.

`write()` yields a `SqlSession` inside one transaction, `read()` returns one over a
fresh cursor, on either engine: the cursor is DuckDB's own or `PgCursor`
(`pantau/store/postgres.py`), and the repositories are written once against both.
"""

from __future__ import annotations

from pantau.store import ports as store
from pantau.store.areas import AreaRepo
from pantau.store.backup import BackupRepo, PgBackupRepo
from pantau.store.community import CommunityRepo
from pantau.store.cursor import Cursor
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


class SqlSession:
    """The repositories of `pantau.store.ports.Session`, all bound to one cursor."""

    def __init__(self, cur: Cursor, engine: str = "duckdb") -> None:
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
        self.backup = PgBackupRepo(cur) if engine == "postgres" else BackupRepo(cur)
        self.siaga = SiagaRepo(cur)
        self.usulan = UsulanRepo(cur)


DuckSession = SqlSession  # the name tests and older code use


def _conforms(session: SqlSession) -> store.Session:
    """Never called: mypy checks here that DuckSession has every repository of the
    Session protocol, with the protocols' method signatures."""
    return session
