"""Everything the map shows, and the map's own assets."""
