"""The leads screens: the leads and their history, routing, the lead board, the lead rules."""
