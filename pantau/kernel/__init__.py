"""What every part of Pantau shares: errors, the clock, vocabulary and workflows,
events and versioned saves, times for people, the message catalogue, settings."""
