"""Exports: what ``export KIND FILE`` writes for each kind."""
