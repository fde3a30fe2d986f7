"""Running an installation: settings, the command line, backups, checks, first start."""
