"""The program's spend and what it returns: the Program page and its dialogs."""
