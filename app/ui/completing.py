"""Line edits that offer the records a person may mean as they type part of a name.

Where the field must name one of the records offered (a partner, an account, a country), Enter
or Tab on the open list takes the suggestion even when none is highlighted: a person who types
"Neth", sees "Netherlands (NL)" as the only suggestion and presses Enter means the Netherlands,
not the text "Neth" and a red "choose one from the list". The suggestion equal to what was typed
wins, else the first. Fields that also take a new name keep the typed text unless a suggestion
is chosen.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCompleter, QLineEdit

TAKING_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab)


class _TakesSuggestion(QObject):
    """On the completer's list: Enter or Tab with nothing highlighted highlights the best
    suggestion first, so the completer takes it as if the person had chosen it."""

    def __init__(self, completer: QCompleter) -> None:
        super().__init__(completer)
        self.completer = completer

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in TAKING_KEYS
        ):
            popup = self.completer.popup()
            if popup is not None and popup.isVisible() and not popup.currentIndex().isValid():
                row = self._best_row()
                if row is not None:
                    popup.setCurrentIndex(self.completer.completionModel().index(row, 0))
        return False  # the completer itself goes on to take the highlighted suggestion

    def _best_row(self) -> int | None:
        model = self.completer.completionModel()
        if model.rowCount() == 0:
            return None
        typed = self.completer.completionPrefix().strip().casefold()
        for row in range(model.rowCount()):
            if str(model.index(row, 0).data()).casefold() == typed:
                return row
        return 0


def take_suggestion_on_enter(completer: QCompleter) -> None:
    """Make Enter or Tab on ``completer``'s open list take a suggestion (module docstring)."""
    popup = completer.popup()
    assert popup is not None  # a completer makes its list when first asked for it
    popup.installEventFilter(_TakesSuggestion(completer))


def offer(line: QLineEdit, labels: list[str], *, must_pick: bool = False) -> QCompleter:
    """Let ``line`` offer the ``labels`` that contain what is typed, in any case;
    ``must_pick``: the field takes only one of them, so Enter takes a suggestion."""
    completer = QCompleter(labels, line)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setMaxVisibleItems(12)
    line.setCompleter(completer)
    if must_pick:
        take_suggestion_on_enter(completer)
    return completer


def completing_line(labels: list[str], placeholder: str, *, must_pick: bool = False) -> QLineEdit:
    """A new line edit that offers ``labels`` (``offer``)."""
    line = QLineEdit()
    line.setPlaceholderText(placeholder)
    offer(line, labels, must_pick=must_pick)
    return line
