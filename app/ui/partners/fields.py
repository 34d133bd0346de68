"""The partner's fields as a form: a label on every field, its problem written right below it.

The form checks as the user types (``app.domain.partner_form``), so a bad e-mail or date is
pointed out where it is, not in a message box after Save. Countries are picked from the ISO list
(type a few letters of the name or the code); territories are typed as the partners import reads
them (ISO codes or names separated by ; or ,), through the same rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from itertools import pairwise

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from app.domain.countries import countries_by_name, country_name
from app.domain.enums import PartnerStatus, PartnerType
from app.domain.importing.values import choice_key
from app.domain.partner_form import LABELS, check_partner
from app.ui.completing import take_suggestion_on_enter
from app.ui.date_hint import DATE_PLACEHOLDER
from app.ui.field_box import field_box

Field = QLineEdit | QComboBox | QPlainTextEdit

#: Two columns of fields, then the notes across both: the order Tab walks.
LEFT = ("name", "legal_name", "partner_code", "type", "tier", "status", "account_manager")
RIGHT = ("country", "city", "website", "email", "phone", "partner_since", "territories")
#: Alt+letter for every field, each letter used once in the dialog.
MNEMONICS = {
    "name": "&Name", "legal_name": "&Legal name", "partner_code": "Partner I&D",
    "type": "T&ype", "tier": "&Tier", "status": "St&atus", "account_manager": "Account &manager",
    "country": "&Country", "city": "C&ity", "website": "&Website", "email": "&E-mail",
    "phone": "&Phone", "partner_since": "Pa&rtner since", "territories": "Territorie&s",
    "notes": "N&otes",
}  # fmt: skip
PLACEHOLDERS = {
    "partner_code": "The next P- number, if left empty",
    "website": "example.com",
    "email": "sales@example.com",
    "partner_since": DATE_PLACEHOLDER,
    "country": "Type a country name or code",
    "territories": "Its own country, if left empty (e.g. DE; AT, CH)",
}


class PartnerFields(QWidget):
    """Every editable field of a partner; ``edited`` fires on any change."""

    edited = Signal()

    def __init__(self, tiers: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tiers = {choice_key(tier): tier for tier in tiers}
        self.widgets: dict[str, Field] = {}
        self.problems: dict[str, QLabel] = {}
        #: Problems show under fields the user has edited, and under all after a Save attempt
        #: (an empty new form is not scolded for its empty name before anything is typed).
        self.touched: set[str] = set()
        self.reveal_all = False
        grid = QGridLayout(self)
        grid.setContentsMargins(4, 8, 4, 4)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(2)
        for column, names in ((0, LEFT), (2, RIGHT)):
            for row, name in enumerate(names):
                self._add(grid, name, self._make(name, tiers), row, column)
        notes = QPlainTextEdit()
        notes.setTabChangesFocus(True)
        notes.setMinimumHeight(70)
        self._add(grid, "notes", notes, len(LEFT), 0, span=3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        # Both columns of fields share a narrow dialog evenly: the left is not squeezed to
        # what is left over once the country list has its room.
        widest = max(self.widgets[n].minimumSizeHint().width() for n in (*LEFT, *RIGHT))
        grid.setColumnMinimumWidth(1, widest)
        grid.setColumnMinimumWidth(3, widest)
        order = [self.widgets[n] for n in (*LEFT, *RIGHT, "notes")]
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)

    # --- values --------------------------------------------------------------------------

    def set_values(self, values: dict[str, object]) -> None:
        """Show ``values`` (a ``PartnerRecord.values()``) without announcing edits."""
        self.touched.clear()
        self.reveal_all = bool(values)  # a stored partner's problems are shown at once
        self.blockSignals(True)
        for name, widget in self.widgets.items():
            value = values.get(name)
            if isinstance(widget, QComboBox):
                _select(widget, value)
            elif isinstance(widget, QPlainTextEdit):
                widget.setPlainText("" if value is None else str(value))
            else:
                text = value.isoformat() if isinstance(value, date) else value
                widget.setText("" if text is None else str(text))
        self.blockSignals(False)
        self.check()

    def raw(self) -> dict[str, object]:
        """What the user entered: text, or the chosen enum / tier / country code."""
        found: dict[str, object] = {}
        for name, widget in self.widgets.items():
            if isinstance(widget, QComboBox):
                found[name] = _chosen(widget)
            elif isinstance(widget, QPlainTextEdit):
                found[name] = widget.toPlainText()
            else:
                found[name] = widget.text()
        return found

    def shown(self, name: str) -> str:
        """A field's value as the user sees it (for the stale-save comparison)."""
        widget = self.widgets[name]
        if isinstance(widget, QComboBox):
            return widget.currentText()
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        return widget.text()

    def check(self) -> dict[str, str]:
        """Write each field's problem below it; returns {field: problem}."""
        raw = self.raw()
        _values, errors = check_partner(raw, self.tiers)
        country = self.widgets["country"]
        assert isinstance(country, QComboBox)
        if country.currentText().strip() and raw["country"] is None:
            errors["country"] = "Country: choose one from the list"
        for name, label in self.problems.items():
            shown = name in errors and (self.reveal_all or name in self.touched)
            label.setText(errors.get(name, "") if shown else "")
            label.setVisible(shown)
        return errors

    # --- inside --------------------------------------------------------------------------

    def _make(self, name: str, tiers: Sequence[str]) -> Field:
        if name == "type":
            return _combo([(t.label, t) for t in PartnerType])
        if name == "status":
            return _combo([(s.label, s) for s in PartnerStatus])
        if name == "tier":
            return _combo([("(no tier)", None), *((t, t) for t in tiers)])
        if name == "country":
            return _country_combo()
        edit = QLineEdit()
        edit.setPlaceholderText(PLACEHOLDERS.get(name, ""))
        return edit

    def _add(
        self, grid: QGridLayout, name: str, widget: Field, row: int, column: int, span: int = 1
    ) -> None:
        label, box, problem = field_box(widget, MNEMONICS[name], name)
        widget.setAccessibleName(LABELS[name])
        align = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
        grid.addWidget(label, row, column, align)
        grid.addLayout(box, row, column + 1, 1, span)
        self.widgets[name] = widget
        self.problems[name] = problem
        changed = lambda *_args, field=name: self._changed(field)  # noqa: E731
        if isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(changed)
            if widget.isEditable():
                widget.editTextChanged.connect(changed)
                line = widget.lineEdit()
                if line is not None:
                    line.setPlaceholderText(PLACEHOLDERS.get(name, ""))
        else:
            widget.textChanged.connect(changed)

    def _changed(self, field: str) -> None:
        if not self.signalsBlocked():
            self.touched.add(field)
            self.check()
            self.edited.emit()


def _combo(items: Sequence[tuple[str, object]]) -> QComboBox:
    combo = QComboBox()
    for text, data in items:
        combo.addItem(text, data)
    return combo


def _country_combo() -> QComboBox:
    combo = QComboBox()
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    # As wide as a usual name, not as the longest ("South Georgia and the South Sandwich
    # Islands"), which would make every form with a country wide.
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(12)
    combo.addItem("", None)
    for code, name in countries_by_name():
        combo.addItem(f"{name} ({code})", code)
    completer = combo.completer()
    assert completer is not None  # an editable combo always has one
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    take_suggestion_on_enter(completer)  # "Neth" and Enter: the Netherlands
    return combo


def _select(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    if index < 0 and isinstance(value, str) and combo.isEditable():
        combo.setEditText(f"{country_name(value)} ({value})")
        return
    combo.setCurrentIndex(max(index, 0))


def _chosen(combo: QComboBox) -> object:
    if not combo.isEditable():
        return combo.currentData()
    text = combo.currentText().strip()
    if not text:
        return None
    index = combo.findText(text, Qt.MatchFlag.MatchFixedString)
    if index >= 0:
        return combo.itemData(index)
    from app.domain.countries import country_code

    return country_code(text)
