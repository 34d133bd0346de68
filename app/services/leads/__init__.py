"""Leads: the rules in force, routing runs, the lead board."""
