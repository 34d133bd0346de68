"""Line edits that offer the records a person may mean as they type part of a name."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCompleter, QLineEdit


def offer(line: QLineEdit, labels: list[str]) -> QCompleter:
    """Let ``line`` offer the ``labels`` that contain what is typed, in any case."""
    completer = QCompleter(labels, line)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setMaxVisibleItems(12)
    line.setCompleter(completer)
    return completer


def completing_line(labels: list[str], placeholder: str) -> QLineEdit:
    """A new line edit that offers ``labels`` (``offer``)."""
    line = QLineEdit()
    line.setPlaceholderText(placeholder)
    offer(line, labels)
    return line
