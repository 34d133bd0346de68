"""Small building blocks the pages share: a named button, a titled section of a page, and a
handle between two parts of a page."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

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
    # Alt+the title's letter ("&Prices") goes to the section's table. Never to a button: a
    # label's letter would press it.
    if body.focusPolicy() & Qt.FocusPolicy.TabFocus:
        label.setBuddy(body)
    row.addWidget(label, 1)
    for button in buttons:
        row.addWidget(button)
    layout.addLayout(row)
    layout.addWidget(body, 1)
    return box, label


def splitter(
    orientation: Qt.Orientation, name: str, parts: Sequence[tuple[QWidget, int]]
) -> QSplitter:
    """``parts`` (each with its stretch factor) with a handle between them that the person can
    drag; no part can be dragged out of sight."""
    handle = QSplitter(orientation)
    handle.setObjectName(name)
    handle.setChildrenCollapsible(False)
    for index, (part, stretch) in enumerate(parts):
        handle.addWidget(part)
        handle.setStretchFactor(index, stretch)
    handle.setHandleWidth(14)
    return handle
