"""Boundaries and places: reading boundary files, matching them, placing points."""
