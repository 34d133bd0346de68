"""Everything Qt: the main window, its pages, the generic table model, settings and errors."""
