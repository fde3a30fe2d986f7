"""Privacy decided in the core: what the community and pocket pages read comes with
personal data already masked for the reader, so no page has to remember to mask."""

from __future__ import annotations

import pytest

from pantau.access.auth import authenticate
from pantau.access.privacy import HIDDEN
from pantau.community import views as community_views
from pantau.floods.listing import pocket_reports
from pantau.store import Database
from tests.conftest import NOW

pytestmark = pytest.mark.both_engines
PLUIT = "31.72.01.1005"


def _who(db: Database, username: str):  # type: ignore[no-untyped-def]
    return authenticate(db, username, "demo-" + username.split(".")[0], NOW)


def test_group_contacts_are_masked_for_who_may_not_see_them(sample_copy: Database) -> None:
    guest = community_views.groups(sample_copy, _who(sample_copy, "tamu"))
    assert len(guest) and set(guest["contact_phone"].dropna()) == {HIDDEN}
    lurah = community_views.groups(sample_copy, _who(sample_copy, "lurah.pluit"))
    own = lurah[lurah["kelurahan_kode"] == PLUIT]
    others = lurah[lurah["kelurahan_kode"] != PLUIT]
    assert len(own) and HIDDEN not in set(own["contact_phone"])
    assert len(others) and set(others["contact_name"].dropna()) == {HIDDEN}
    admin = community_views.groups(sample_copy, _who(sample_copy, "admin"))
    assert HIDDEN not in set(admin["contact_phone"])


def test_a_pockets_reports_are_masked_for_who_may_not_see_them(sample_copy: Database) -> None:
    pocket = int(
        sample_copy.cursor()
        .execute(
            "SELECT pocket_id FROM reports WHERE pocket_id IS NOT NULL"
            " AND reporter_name IS NOT NULL AND observed_at <= ?"
            " GROUP BY pocket_id ORDER BY count(*) DESC LIMIT 1",
            [NOW],
        )
        .fetchone()[0]
    )
    guest = pocket_reports(sample_copy, _who(sample_copy, "tamu"), pocket, NOW)
    assert len(guest) and set(guest["reporter_name"].dropna()) == {HIDDEN}
    admin = pocket_reports(sample_copy, _who(sample_copy, "admin"), pocket, NOW)
    assert len(admin) == len(guest) and HIDDEN not in set(admin["reporter_name"])
