"""Small building blocks the pages share: a named button, and a titled section of a page."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.ui.elided_label import ElidedLabel


def button(text: str, name: str, tip: str) -> QPushButton:
    """A push button with an object name (tests and style) and a tooltip."""
    button = QPushButton(text)
    button.setObjectName(name)
    button.setToolTip(tip)
    return button


def section(title: str, body: QWidget, buttons: Sequence[QPushButton]) -> tuple[QWidget, QLabel]:
    """``body`` under a title row with ``buttons`` on its right; the title gives way (ends in
    "…") before the buttons do in a narrow window."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(6)
    row = QHBoxLayout()
    label = ElidedLabel(title, shortest=60)
    label.setObjectName("sectionTitle")
    label.setBuddy(body)
    row.addWidget(label, 1)
    for button in buttons:
        row.addWidget(button)
    layout.addLayout(row)
    layout.addWidget(body, 1)
    return box, label
