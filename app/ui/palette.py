"""The application's colours: one light palette, whatever the system's theme.

The stylesheet and the colours drawn in code (the coverage states, problems in red, the price
book's blues) are chosen for a light background, and the stylesheet gives its white tables and
filter box their dark text. Left to a dark system palette, every widget the stylesheet does not
colour would take light text and dark fields from the system and mix with them (near-white
labels on the white page). So the application asks the platform for its light scheme and sets
the style's own light palette, with placeholder and empty-table text dark enough to read
(4.5:1 on white, where the style's half-transparent black gives about 4:1).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

#: Text of the stylesheet's tables and fields, and the hint text in an empty field or table.
INK = QColor("#0f172a")
PLACEHOLDER = QColor("#64748b")


def light_palette(app: QApplication) -> QPalette:
    """The style's standard (light) palette with readable hint text."""
    palette = app.style().standardPalette()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        palette.setColor(group, QPalette.ColorRole.PlaceholderText, PLACEHOLDER)
    return palette


def use_light_colours(app: QApplication) -> None:
    """Light colours for the whole application, also under a dark system theme."""
    app.styleHints().setColorScheme(Qt.ColorScheme.Light)
    app.setPalette(light_palette(app))
