"""Partners: the list, one partner's details, contacts, and their edits."""
