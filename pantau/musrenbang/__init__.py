"""Usulan for musrenbang: proposals drafted from the flood and site record, ranked as
the forum does, and their files."""
