from __future__ import annotations

from datetime import date

from pantau.map.filters import MapFilters, from_query, to_query


def test_round_trip_through_the_url() -> None:
    f = MapFilters(
        kecamatan="31.72.01",
        kelurahan="31.72.01.1005",
        statuses=("tertata",),
        categories=("pkl", "parkir_liar"),
        owner_levels=("kota",),
        date_from=date(2026, 1, 1),
        date_to=date(2026, 6, 30),
        measure="reports",
    )
    assert from_query(to_query(f)) == f


def test_defaults_make_an_empty_query() -> None:
    assert to_query(MapFilters()) == {}
    assert from_query({}) == MapFilters()


def test_malformed_values_are_ignored_not_fatal() -> None:
    f = from_query(
        {
            "kec": "99.99",
            "status": "tertata,hacked",
            "dari": "kemarin",
            "arsir": "<script>",
            "kel": "31.72.01.9999",
        }
    )
    assert f == MapFilters(statuses=("tertata",))


def test_kelurahan_outside_the_chosen_kecamatan_is_dropped() -> None:
    assert from_query({"kec": "31.72.02", "kel": "31.72.01.1005"}).kelurahan is None


def test_period_defaults_to_the_last_12_months() -> None:
    assert MapFilters().period(date(2026, 11, 24)) == (date(2025, 11, 24), date(2026, 11, 24))
