"""The pockets a warning puts at risk: the right ones, in the right order, per
kelurahan, with groups whose contacts are masked for readers without the right."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import pytest

from pantau.access.permissions import Actor
from pantau.access.privacy import HIDDEN
from pantau.siaga.risk import at_risk, by_kelurahan
from pantau.siaga.warnings import WarningDraft, create_warning, get_warning
from pantau.store import Database

pytestmark = pytest.mark.both_engines
NOW = datetime(2026, 11, 24, 3, 0)
PLUIT = "31.72.01.1005"
SDA = Actor(5, "sda", "Sudin SDA", "sda")
TAMU = Actor(6, "tamu", "Tamu", "tamu")
LURAH = Actor(4, "lurah", "Lurah Pluit", "lurah", "31.72.01", PLUIT)


def _warning(db: Database, kind: str) -> dict[str, object]:
    draft = WarningDraft(
        kind, "siaga", "bmkg", datetime(2026, 11, 24, 17), datetime(2026, 11, 25, 1)
    )
    return get_warning(db, create_warning(db, SDA, draft, NOW))


def test_rob_ranks_chronic_then_matching_then_depth(sample_copy: Database) -> None:
    ranked = at_risk(sample_copy, _warning(sample_copy, "rob"), NOW)
    assert not ranked.empty
    assert (ranked["chronic"] | (ranked["matching"] > 0)).all()
    for _, pockets in ranked.groupby("kelurahan_kode"):
        assert list(pockets["rank"]) == list(range(1, len(pockets) + 1))
        keys = list(
            zip(
                ~pockets["chronic"],
                pockets["matching"] == 0,
                -pockets["max_depth"],
                strict=True,
            )
        )
        assert keys == sorted(keys)
    assert PLUIT in set(ranked["kelurahan_kode"])


def test_the_kind_decides_which_non_chronic_pockets_count(sample_copy: Database) -> None:
    rob = at_risk(sample_copy, _warning(sample_copy, "rob"), NOW)
    rain = at_risk(sample_copy, _warning(sample_copy, "hujan_lebat"), NOW)
    # Rain covers every kelurahan: inland pockets flooded by blocked drains come in.
    assert len(set(rain["kelurahan_kode"])) > len(set(rob["kelurahan_kode"]))
    rob_only = rob[~rob["chronic"]]
    assert (rob_only["matching"] > 0).all()


def test_only_covered_kelurahan_are_ranked(sample_copy: Database) -> None:
    draft = WarningDraft(
        "rob",
        "awas",
        "bmkg",
        datetime(2026, 11, 24, 17),
        datetime(2026, 11, 25, 1),
        kelurahan=(PLUIT,),
    )
    warning = get_warning(sample_copy, create_warning(sample_copy, SDA, draft, NOW))
    assert set(at_risk(sample_copy, warning, NOW)["kelurahan_kode"]) == {PLUIT}


def test_a_started_warning_reads_the_record_as_it_was_at_its_start(
    sample_copy: Database,
) -> None:
    warning = _warning(sample_copy, "rob")
    later = pd.Timestamp(warning["starts_at"]).to_pydatetime().replace(hour=20)
    assert at_risk(sample_copy, warning, later).equals(
        at_risk(sample_copy, warning, warning["starts_at"])  # type: ignore[arg-type]
    )


def test_groups_come_with_contacts_masked_for_readers_without_the_right(
    sample_copy: Database,
) -> None:
    warning = _warning(sample_copy, "rob")
    for_guest = by_kelurahan(sample_copy, TAMU, warning, NOW, kelurahan=PLUIT)
    for_lurah = by_kelurahan(sample_copy, LURAH, warning, NOW, kelurahan=PLUIT)
    assert [k.nama for k in for_guest] == ["Pluit"]
    assert (for_guest[0].groups["contact_phone"] == HIDDEN).all()
    assert (for_lurah[0].groups["contact_phone"] != HIDDEN).all()
    everywhere = by_kelurahan(sample_copy, LURAH, warning, NOW)
    sizes = [len(k.pockets) for k in everywhere]
    assert sizes == sorted(sizes, reverse=True)
    # The lurah sees contacts of own kelurahan only.
    elsewhere = [k for k in everywhere if k.kode != PLUIT and not k.groups.empty]
    assert elsewhere and (elsewhere[0].groups["contact_phone"] == HIDDEN).all()
