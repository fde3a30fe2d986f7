"""The city seam: the wilayah served (`seam.current()`), its kecamatan and kelurahan, their
names as people write them, and times shown in the city's time zone."""
