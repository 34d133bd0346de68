"""One form field as every dialog shows it: the label on the left, the field, and under it the
problem with its value (hidden until there is one); and labels of forms lined up."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget


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


def align_labels(*forms: QFormLayout) -> None:
    """One label width for every row of ``forms``: the fields of several boxes start at one
    edge, and no label is drawn wider than the room it was measured for ("&To" draws its
    "T" and "o" apart, a little wider than "To")."""
    labels: list[QWidget] = []
    for form in forms:
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = item.widget() if item is not None else None
            if label is not None:
                labels.append(label)
    width = max(label.sizeHint().width() for label in labels)
    for label in labels:
        label.setMinimumWidth(width)
