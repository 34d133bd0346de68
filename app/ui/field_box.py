"""One form field as every dialog shows it: the label on the left, the field, and under it the
problem with its value; and labels of forms lined up.

The problem line holds its place from the start, empty until there is a problem: a message that
appears while the user types never pushes the fields below it down, so the next click lands
where the user aimed. It is one line; a longer message ends in "…" and is whole in its tooltip.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from app.ui.elided_label import ElidedLabel


class ProblemLine(ElidedLabel):
    """A field's problem, in red, in one line of room reserved whether shown or not."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", shortest=0, parent=parent)
        self.setObjectName("fieldProblem")
        self.setStyleSheet("color: #b42318; font-size: 9pt;")
        policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        policy.setRetainSizeWhenHidden(True)  # hidden, it keeps its room
        self.setSizePolicy(policy)
        self.hide()

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setAccessibleDescription(text)

    def say(self, text: str) -> None:
        """Show ``text`` (a refusal the person can act on); nothing hides the line."""
        self.setText(text)
        self.setVisible(bool(text))

    def sizeHint(self) -> QSize:
        self.ensurePolished()  # the style sheet's smaller font decides the height
        margins = self.contentsMargins()
        height = self.fontMetrics().height() + margins.top() + margins.bottom()
        return QSize(super().sizeHint().width(), height)

    def minimumSizeHint(self) -> QSize:
        return QSize(0, self.sizeHint().height())


def focus_first_problem(widgets: Mapping[str, QWidget], problems: Mapping[str, str]) -> None:
    """Put the cursor in the first field with a problem, so the person starts fixing there."""
    widgets[next(iter(problems))].setFocus()


def field_box(widget: QWidget, label: str, name: str) -> tuple[QLabel, QVBoxLayout, QLabel]:
    """(label, the field with its problem line under it, the problem line) for ``widget``.

    ``label`` carries the mnemonic ("&Name"); ``name`` is the field's key, for tests.
    """
    widget.setObjectName(f"field_{name}")
    widget.setAccessibleName(label.replace("&", ""))
    text = QLabel(label)
    text.setBuddy(widget)
    text.setContentsMargins(0, 5, 0, 0)  # level with the text in the field
    # A form layout stretches the label to the height of the field and its problem line; its
    # text keeps to the top, level with the field, instead of sinking to the middle.
    horizontal = text.alignment() & Qt.AlignmentFlag.AlignHorizontal_Mask
    text.setAlignment(horizontal | Qt.AlignmentFlag.AlignTop)
    problem = ProblemLine()
    box = QVBoxLayout()
    box.setSpacing(0)
    box.setContentsMargins(0, 0, 0, 0)  # the problem line is the gap to the next field
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
