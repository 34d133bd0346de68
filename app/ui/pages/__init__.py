"""The areas of the main window, one module each; later issues fill them with editing."""
