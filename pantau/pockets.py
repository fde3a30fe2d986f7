"""Genangan pockets (titik genangan): reports close together; a pocket that floods
again and again is chronic."""

from __future__ import annotations

CHRONIC_MIN_FLOODS = 6  # flood days in the last 12 months that make a pocket chronic


def is_chronic(floods: int) -> bool:
    return floods >= CHRONIC_MIN_FLOODS
