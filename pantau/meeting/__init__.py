"""The weekly meeting: what changed, and the brief as files."""
