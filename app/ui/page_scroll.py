"""A page's content that scrolls up and down in a window too short for it.

Dense pages (the price book, the overlaps, the dashboard) keep a few rows of each table in
view; when the window is shorter than that, the page scrolls rather than squeezing every table
down to a single row or making the window taller. Sideways it always fits the window.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


def page_scroll(content: QWidget, name: str, title: str) -> QScrollArea:
    """``content`` in a frameless, vertical-only scroll area called ``name``, over the page's
    own background; a screen reader calls it ``title``."""
    scroll = QScrollArea()
    scroll.setObjectName(name)
    scroll.setAccessibleName(title)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidgetResizable(True)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setWidget(content)
    scroll.viewport().setAutoFillBackground(False)
    content.setAutoFillBackground(False)
    return scroll
