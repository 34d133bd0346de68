"""The product families a deal is about: a button that names the ticked families and drops down
their checkable list, and a line for the certification warning about the partners on the deal
who hold no valid certification in one of them (the dialog places the two).

A drop-down rather than a box of check boxes: the deal dialog must keep every field whole on a
600-pixel screen, and one line is what a handful of families can have. Space or a click opens
the list; each family is ticked or unticked with a click or Enter.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLineEdit, QMenu, QSizePolicy, QToolButton

from app.services.claims.account_edit import Choice
from app.ui.field_box import ProblemLine

NONE_CHOSEN = "None chosen"


class FamiliesPicker(QObject):
    """Ticks families; ``changed`` fires on every tick or untick by the user."""

    changed = Signal()

    def __init__(self, families: Sequence[Choice], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.button = QToolButton()
        self.button.setObjectName("dealFamilies")
        self.button.setAccessibleName("Product families")
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.button.setMinimumWidth(120)
        self.button.setFixedHeight(QLineEdit().sizeHint().height())  # a field's height
        self.menu = QMenu(self.button)
        self.actions_by_id: dict[int, QAction] = {}
        for family in families:
            action = self.menu.addAction(family.label)
            action.setCheckable(True)
            action.setData(family.id)
            action.toggled.connect(self._ticked)
            self.actions_by_id[family.id] = action
        self.button.setMenu(self.menu)
        if not families:
            self.button.setEnabled(False)
            self.button.setToolTip("No product families yet: the price book brings them.")
        # the line a field keeps for its problem (nothing moves when it shows), ending in "…"
        # rather than widening the dialog; the whole text is its tooltip
        self.warning = ProblemLine()
        self.warning.setObjectName("certificationWarning")
        self.warning.setStyleSheet("color: #b54708; font-size: 9pt;")
        self._filling = False
        self._name()

    def chosen(self) -> tuple[int, ...]:
        """The ids of the ticked families, ascending."""
        return tuple(sorted(i for i, a in self.actions_by_id.items() if a.isChecked()))

    def set_chosen(self, family_ids: Iterable[int]) -> None:
        wanted = set(family_ids)
        self._filling = True
        for family_id, action in self.actions_by_id.items():
            action.setChecked(family_id in wanted)
        self._filling = False
        self._name()

    def set_warning(self, lines: Sequence[str]) -> None:
        """The certification gaps, one sentence per partner (none: the line is empty)."""
        text = " ".join(lines)
        self.warning.setText(f"⚠ {text}" if text else "")
        self.warning.setVisible(bool(text))

    def _name(self) -> None:
        names = [a.text() for a in self.actions_by_id.values() if a.isChecked()]
        self.button.setText((", ".join(names) or NONE_CHOSEN) + "  ▾")
        if self.actions_by_id:
            self.button.setToolTip("The product families the deal is about: " + (
                ", ".join(names) or "none chosen yet"
            ))  # fmt: skip

    def _ticked(self, _checked: bool) -> None:
        self._name()
        if not self._filling:
            self.changed.emit()
