"""Genangan: reports, their fields and imports, pockets, and service levels."""
