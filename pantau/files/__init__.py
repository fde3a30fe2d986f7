"""Files in and out: reading tables, clerks' dates, downloads, photo evidence."""
