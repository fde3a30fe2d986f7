"""What every part of Pantau shares: errors, the clock, vocabulary and workflows, events,
versioned saves, the message catalogue and text rules. The kernel knows no city."""
