"""Enter in a field that has a job of its own (add a named account, log an activity, add a
party) does that job and nothing more.

A line edit lets Return go on to its dialog, whose default button then runs too: Enter in
"Pick an account" added the account and saved and closed the rules of engagement, and Enter in
an activity's "What happened" logged it and saved the deal's other edits by surprise. Here the
field keeps its Return. (Return on a field's open list of suggestions reaches the field without
passing this filter; the field's ``returnPressed`` does the job then, and nothing goes on.)
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit

RETURN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class _KeepsReturn(QObject):
    def __init__(self, line: QLineEdit, act: Callable[[], object]) -> None:
        super().__init__(line)
        self.act = act

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in RETURN_KEYS
            and not event.modifiers()
            & Qt.KeyboardModifier.ControlModifier  # Ctrl+Enter: the dialog's
        ):
            self.act()
            return True
        return False


def enter_acts(line: QLineEdit, act: Callable[[], object]) -> None:
    """Enter in ``line`` does ``act``, and never reaches the dialog's default button."""
    line.returnPressed.connect(act)  # Return handed on by the list of suggestions
    line.installEventFilter(_KeepsReturn(line, act))
