"""Siaga: flood warnings, the pockets at risk, the watch organised before the water, and
what happened after the window."""
