"""The quote editor: a dialog that prices a draft quote as the user types."""
