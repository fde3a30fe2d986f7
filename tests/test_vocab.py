"""The vocabulary's status groups and depth classes: the one home of those rules."""

from __future__ import annotations

import pytest

from pantau import vocab


def test_report_status_groups_come_from_the_vocabulary() -> None:
    assert vocab.codes_in_group("report_status", "open") == (
        "dilaporkan",
        "diverifikasi",
        "ditangani",
    )
    assert vocab.codes_in_group("report_status", "fixed") == ("surut", "selesai")
    assert vocab.codes_in_group("report_status", "closed") == ("duplikat", "ditolak")
    assert vocab.codes_in_group("report_status", "fixed", "open") == (
        "dilaporkan",
        "diverifikasi",
        "ditangani",
        "surut",
        "selesai",
    )


def test_every_report_status_is_in_exactly_one_group() -> None:
    groups = [vocab.codes_in_group("report_status", g) for g in vocab.STATUS_GROUPS]
    assert sorted(c for g in groups for c in g) == sorted(vocab.codes("report_status"))


def test_an_unknown_group_or_a_vocabulary_without_groups_is_refused() -> None:
    with pytest.raises(ValueError, match="group"):
        vocab.codes_in_group("report_status", "gone")
    with pytest.raises(ValueError, match="groups"):
        vocab.codes_in_group("cause", "open")
