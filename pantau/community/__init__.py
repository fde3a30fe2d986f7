"""Community groups and the tasks they take on."""
