"""The map's opening view: an empty frame still gives a zoom, a camat or lurah starts
on their own area unless a link names filters, and only codes reach the queries."""

from __future__ import annotations

import math

from pantau.access.permissions import Actor
from pantau.map.filters import MapFilters, clean, opening
from pantau.ui.mapbuilder import city_bounds, usable_bounds, zoom_for

NAN = math.nan
LURAH = Actor(1, "lurah.pluit", "Lurah", "lurah", "31.72.01", "31.72.01.1005")
CAMAT = Actor(2, "camat", "Camat", "camat", "31.72.01")
SEKKO = Actor(3, "sekko", "Sekko", "pimpinan")


def test_zoom_for_an_empty_frame_is_the_whole_city() -> None:
    empty = [[NAN, NAN], [NAN, NAN]]
    assert usable_bounds(empty) == city_bounds()
    assert zoom_for(empty) == zoom_for(city_bounds())
    assert 10 <= zoom_for(empty) <= 17
    assert usable_bounds([]) == city_bounds()


def test_zoom_for_real_bounds_is_unchanged() -> None:
    pluit = [[-6.13, 106.78], [-6.10, 106.81]]
    assert usable_bounds(pluit) == pluit
    assert zoom_for(pluit) > zoom_for(city_bounds())


def test_a_lurah_and_a_camat_open_on_their_area() -> None:
    assert opening({}, LURAH) == MapFilters(kecamatan="31.72.01", kelurahan="31.72.01.1005")
    assert opening({"pilih": "site-3"}, LURAH).kelurahan == "31.72.01.1005"
    assert opening({}, CAMAT) == MapFilters(kecamatan="31.72.01")
    assert opening({}, SEKKO) == MapFilters()


def test_a_link_with_filters_is_followed_exactly() -> None:
    assert opening({"kec": "31.72.04"}, LURAH) == MapFilters(kecamatan="31.72.04")
    assert opening({"status": "tertata"}, LURAH) == MapFilters(statuses=("tertata",))


def test_clean_drops_labels_and_keeps_codes() -> None:
    dirty = MapFilters(kecamatan="Semua", statuses=("Tertata", "tertata"), measure="Lokasi")
    assert clean(dirty) == MapFilters(statuses=("tertata",))
