"""The message catalogues (gettext .po, one per language) and the tool that edits them."""
