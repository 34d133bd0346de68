"""The quote editor's problems, in room kept for them from the start.

A quote can have several problems at once (no lines yet, a price missing, an approval needed),
so the block keeps a few of the shared one-line ``ProblemLine`` rows, empty until there is
something to say: a problem that appears while the user types never pushes the lines table or
the buttons, so the next click lands where the user aimed. More problems than rows end in a
row that says how many more there are; the whole list is the block's tooltip.
"""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.ui.field_box import ProblemLine

#: Rows kept for problems: most quotes have at most this many at once.
ROWS = 3
PROBLEM_COLOUR = "color: #b42318; font-size: 9pt;"
NOTE_COLOUR = "color: #276738; font-size: 9pt;"


class ProblemBlock(QWidget):
    """``ROWS`` problem lines of fixed room; ``text()`` is every problem, one per line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problems")
        self._text = ""
        self.rows = [ProblemLine(self) for _ in range(ROWS)]
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        for row in self.rows:
            layout.addWidget(row)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:
        """Show ``text``'s lines, each in its own row; an empty text shows nothing."""
        self._text = text
        lines = [line for line in text.splitlines() if line.strip()]
        if len(lines) > ROWS:
            more = len(lines) - (ROWS - 1)
            lines = [*lines[: ROWS - 1], f"…and {more} more: point here to read them all."]
        for n, row in enumerate(self.rows):
            said = lines[n] if n < len(lines) else ""
            row.setText(said)
            row.setVisible(bool(said))
        self.setToolTip(text)
        self.rows[-1].setToolTip(text if len(text.splitlines()) > ROWS else self.rows[-1].text())
        self.setAccessibleDescription(text)

    def show_note(self, text: str) -> None:
        """A fact rather than a problem (when a quote was sent), in green."""
        for row in self.rows:
            row.setStyleSheet(NOTE_COLOUR)
        self.setText(text)
