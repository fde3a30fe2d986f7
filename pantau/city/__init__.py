"""The city seam: the wilayah served, its kecamatan and kelurahan, and their names."""
