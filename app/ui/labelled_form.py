"""A form of labelled fields with each field's problem written right below it.

Shared by the account, claim and deal dialogs so they look and behave alike: a label with an
Alt+letter on every field, problems shown under fields the user has touched (and under all after
a Save attempt), never in a message box.
"""

from __future__ import annotations

import datetime as dt
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from app.ui.field_box import field_box
from app.ui.partners.fields import _chosen, _country_combo, _select

Field = QLineEdit | QComboBox | QPlainTextEdit | QCheckBox | QDateEdit

__all__ = ["Field", "FormGrid", "country_combo", "country_value", "date_edit", "select_data"]


def country_combo() -> QComboBox:
    """Countries from the ISO list; type a few letters of the name or the code."""
    return _country_combo()


def country_value(combo: QComboBox) -> object:
    """The chosen country code, ``None`` for empty, or the typed text if it names none."""
    chosen = _chosen(combo)
    text = combo.currentText().strip()
    return chosen if chosen is not None or not text else text


def select_data(combo: QComboBox, value: object) -> None:
    """Show the item whose data is ``value`` (for a country combo, also one not listed)."""
    _select(combo, value)


def date_edit(value: date) -> QDateEdit:
    edit = QDateEdit(QDate(value.year, value.month, value.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


class FormGrid(QWidget):
    """Fields in one or two columns; ``edited`` fires with the field's name on any change."""

    edited = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.widgets: dict[str, Field] = {}
        self.problems: dict[str, QLabel] = {}
        self.labels: dict[str, QLabel] = {}
        self.touched: set[str] = set()
        self.reveal_all = False
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(4, 8, 4, 4)
        self.grid.setHorizontalSpacing(14)
        self.grid.setVerticalSpacing(2)
        self.grid.setColumnStretch(1, 1)

    def add(
        self, name: str, label: str, widget: Field, row: int, column: int = 0, span: int = 1
    ) -> Field:
        """Put ``widget`` at (``row``, ``column`` 0 or 1) with ``label`` ("&Name") on its left."""
        text, box, problem = field_box(widget, label, name)
        align = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
        self.grid.addWidget(text, row, column * 2, align)
        self.grid.addLayout(box, row, column * 2 + 1, 1, span)
        if column == 1:  # a second column of fields shares the width with the first
            self.grid.setColumnStretch(3, 1)
        self.widgets[name] = widget
        self.problems[name] = problem
        self.labels[name] = text
        changed = lambda *_args, field=name: self._changed(field)  # noqa: E731
        if isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(changed)
            if widget.isEditable():
                widget.editTextChanged.connect(changed)
        elif isinstance(widget, QCheckBox):
            widget.toggled.connect(changed)
        elif isinstance(widget, QDateEdit):
            widget.dateChanged.connect(changed)
        elif isinstance(widget, QPlainTextEdit):
            widget.setTabChangesFocus(True)  # a tab typed into a form is never wanted
            widget.textChanged.connect(changed)
        else:
            widget.textChanged.connect(changed)
        return widget

    def set_enabled(self, name: str, enabled: bool) -> None:
        """Let the user fill a field in, or grey it out with its label (and clear its problem).
        A field that does not apply is greyed, never hidden: the fields under it stay where
        the user saw them."""
        self.widgets[name].setEnabled(enabled)
        self.labels[name].setEnabled(enabled)
        if not enabled:
            self.problems[name].hide()

    def text(self, name: str) -> str:
        widget = self.widgets[name]
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        if isinstance(widget, QComboBox):
            return widget.currentText()
        if isinstance(widget, QDateEdit):
            return widget.date().toString("yyyy-MM-dd")
        if isinstance(widget, QCheckBox):
            return "Yes" if widget.isChecked() else "No"
        return widget.text()

    def date(self, name: str) -> dt.date:
        widget = self.widgets[name]
        assert isinstance(widget, QDateEdit)
        value = widget.date()
        return dt.date(value.year(), value.month(), value.day())

    def set_date(self, name: str, value: dt.date) -> None:
        widget = self.widgets[name]
        assert isinstance(widget, QDateEdit)
        widget.setDate(QDate(value.year, value.month, value.day))

    def show_problems(self, errors: dict[str, str]) -> None:
        for name, label in self.problems.items():
            shown = name in errors and (self.reveal_all or name in self.touched)
            shown = shown and self.widgets[name].isEnabled()
            label.setText(errors.get(name, "") if shown else "")
            label.setVisible(shown)

    def _changed(self, field: str) -> None:
        if not self.signalsBlocked():
            self.touched.add(field)
            self.edited.emit(field)
