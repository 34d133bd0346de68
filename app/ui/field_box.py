"""One form field as every dialog shows it: the label on the left, the field, and under it the
problem with its value (hidden until there is one)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


def field_box(widget: QWidget, label: str, name: str) -> tuple[QLabel, QVBoxLayout, QLabel]:
    """(label, the field with its problem line under it, the problem line) for ``widget``.

    ``label`` carries the mnemonic ("&Name"); ``name`` is the field's key, for tests.
    """
    widget.setObjectName(f"field_{name}")
    widget.setAccessibleName(label.replace("&", ""))
    text = QLabel(label)
    text.setBuddy(widget)
    text.setContentsMargins(0, 5, 0, 0)  # level with the text in the field
    problem = QLabel()
    problem.setObjectName("fieldProblem")
    problem.setStyleSheet("color: #b42318; font-size: 9pt;")
    problem.setWordWrap(True)
    problem.hide()
    box = QVBoxLayout()
    box.setSpacing(1)
    box.setContentsMargins(0, 0, 0, 6)
    box.addWidget(widget)
    box.addWidget(problem)
    return text, box, problem
