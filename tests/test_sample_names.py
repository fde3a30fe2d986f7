"""Sample site names are unique: two sites with one name cannot be told apart in a
list, a search result or a meeting."""

from __future__ import annotations

from collections import Counter

import pytest

from pantau.store import Database

pytestmark = pytest.mark.both_engines


def test_sample_site_names_are_unique(sample_copy: Database) -> None:
    names = Counter(sample_copy.read().records.read("sites")["name"])
    assert len(names) == 46
    assert [n for n, k in names.items() if k > 1] == []
