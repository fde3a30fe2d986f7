"""Accounts, signing in, passwords, and the permission table checked in the core."""
