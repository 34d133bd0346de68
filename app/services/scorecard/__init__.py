"""A partner's scorecard: its figures read through the services that own them, and its health."""
