"""The market development funds page and its dialogs."""
