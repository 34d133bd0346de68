"""Lead rules, routing and the lead board: plain Python, no database."""
