"""The site workflow transition table, checked move by move."""

from __future__ import annotations

import itertools

import pytest

from pantau.kernel.errors import InvalidInput
from pantau.kernel.vocab import codes
from pantau.kernel.workflow import SITE_TRANSITIONS, check_site_move, next_states

LEGAL = {
    ("belum_ditangani", "dalam_penataan"),
    ("dalam_penataan", "tertata"),
    ("kembali_semrawut", "dalam_penataan"),
}
BY_SWEEP = {("tertata", "kembali_semrawut")}


@pytest.mark.parametrize(("old", "new"), list(itertools.product(codes("site_status"), repeat=2)))
def test_every_pair_of_statuses(old: str, new: str) -> None:
    photo = new == "tertata"
    if (old, new) in LEGAL:
        check_site_move(old, new, note="dikerjakan", has_photo=photo)
    else:
        with pytest.raises(InvalidInput) as err:
            check_site_move(old, new, note="dikerjakan", has_photo=photo)
        assert "Yang boleh berikutnya" in str(err.value)
    if (old, new) in BY_SWEEP:
        check_site_move(old, new, note="semrawut lagi", has_photo=False, by_sweep=True)


def test_refusal_names_the_allowed_next_state() -> None:
    with pytest.raises(InvalidInput, match="Yang boleh berikutnya: Dalam penataan"):
        check_site_move("belum_ditangani", "tertata", note="x", has_photo=True)
    with pytest.raises(InvalidInput, match="hanya lewat penyisiran"):
        check_site_move("tertata", "kembali_semrawut", note="x", has_photo=False)


def test_a_note_always_and_a_photo_for_tertata() -> None:
    with pytest.raises(InvalidInput) as err:
        check_site_move("belum_ditangani", "dalam_penataan", note="  ", has_photo=False)
    assert "note" in err.value.fields
    with pytest.raises(InvalidInput) as err:
        check_site_move("dalam_penataan", "tertata", note="selesai", has_photo=False)
    assert "photo" in err.value.fields


def test_table_covers_every_status_and_next_states() -> None:
    assert set(SITE_TRANSITIONS) == set(codes("site_status"))
    assert next_states("tertata") == []
    assert next_states("tertata", by_sweep=True) == ["kembali_semrawut"]


def test_final_report_statuses_are_those_the_workflow_never_leaves() -> None:
    from pantau.kernel.workflow import is_final_report_status

    final = [s for s in codes("report_status") if is_final_report_status(s)]
    assert final == ["selesai", "duplikat", "ditolak"]


def test_final_task_statuses_are_those_the_workflow_never_leaves() -> None:
    from pantau.kernel.workflow import is_final_task_status

    assert [s for s in codes("task_status") if is_final_task_status(s)] == ["selesai", "batal"]
