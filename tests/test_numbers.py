"""Numbers read as each language writes them (a decimal comma in Indonesian)."""

from __future__ import annotations

from pantau.kernel.i18n import number
from pantau.musrenbang.files import evidence_numbers


def test_numbers_in_both_languages() -> None:
    assert (number(54.3, "id"), number(54.3, "en")) == ("54,3", "54.3")
    assert (number(1250.0, "id"), number(1250.0, "en")) == ("1.250", "1,250")
    assert number(2.0, "id") == "2" and number(2.346, "en", digits=2) == "2.35"


def test_the_usulan_evidence_writes_hours_with_the_languages_decimal_sign() -> None:
    evidence = {"kind": "pocket", "floods": 13, "typical_hours": 54.3, "causes": []}
    hours = dict(evidence_numbers(evidence, "id"))["Jam hingga surut (median)"]
    assert hours.startswith("54,3")
    assert dict(evidence_numbers(evidence, "en"))["Hours to recede (median)"].startswith("54.3")


def test_a_budget_in_rupiah_in_both_languages() -> None:
    from pantau.musrenbang.files import budget_text

    assert budget_text(1_250_000, "id") == "Rp 1.250.000"
    assert budget_text(1_250_000.0, "en") == "Rp 1,250,000"
    assert budget_text(None, "id") == "" and budget_text(float("nan"), "en") == ""
