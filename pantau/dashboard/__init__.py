"""What the pages summarise for a person: the area overview, 'Tugas saya', history."""
