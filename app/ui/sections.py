"""Small building blocks the pages share: a named button, and a titled section of a page."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget


def button(text: str, name: str, tip: str) -> QPushButton:
    """A push button with an object name (tests and style) and a tooltip."""
    button = QPushButton(text)
    button.setObjectName(name)
    button.setToolTip(tip)
    return button


def section(title: str, body: QWidget, buttons: Sequence[QPushButton]) -> tuple[QWidget, QLabel]:
    """``body`` under a title row with ``buttons`` on its right; the title gives way (cut
    short) before the buttons do in a narrow window."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(6)
    row = QHBoxLayout()
    label = QLabel(title)
    label.setObjectName("sectionTitle")
    label.setBuddy(body)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    label.setMinimumWidth(60)
    row.addWidget(label, 1)
    for button in buttons:
        row.addWidget(button)
    layout.addLayout(row)
    layout.addWidget(body, 1)
    return box, label
