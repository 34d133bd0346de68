"""A partner's scorecard rules: the health score read from its figures."""
