"""Accounts, claims (deal registrations) on them, and the overlaps between claims."""
