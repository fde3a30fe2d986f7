"""The vocabulary's status groups and depth classes: the one home of those rules."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pantau.kernel import vocab


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


DEPTHS = [1, 10, 70, 71, 150, 151, 400]
CLASSES = ["ringan", "ringan", "ringan", "sedang", "sedang", "berat", "berat"]


def test_depth_classes_at_their_edges_one_by_one_and_as_a_column() -> None:
    assert [vocab.depth_class(d) for d in DEPTHS] == CLASSES
    index = vocab.depth_class_index(np.array(DEPTHS))
    assert index.tolist() == [0, 0, 0, 1, 1, 2, 2]
    assert [vocab.codes("depth_class")[i] for i in index] == CLASSES
    assert vocab.depth_class_index(pd.Series(DEPTHS, dtype="int32")).tolist() == index.tolist()


def test_the_map_classes_reports_by_the_vocabulary() -> None:
    from pantau.floods.sla import ServiceLevel
    from pantau.map.data import _report_points
    from tests.conftest import NOW

    frame = pd.DataFrame(
        {
            "depth_cm": DEPTHS,
            "status": ["selesai"] * len(DEPTHS),
            "created_at": [NOW] * len(DEPTHS),
            "lat": [-6.1] * len(DEPTHS),
            "lon": [106.8] * len(DEPTHS),
            "id": range(1, len(DEPTHS) + 1),
        }
    )
    points, _ = _report_points(frame, NOW, ServiceLevel())
    assert [vocab.codes("depth_class")[int(p[2])] for p in points] == CLASSES
