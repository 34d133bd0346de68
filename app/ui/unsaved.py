"""What every editing dialog shares: heading, body and Save / Close laid out the same way,
Save enabled only with edits, and Escape, Cancel or the window's close button asking
"Discard changes?" before the user's typing is dropped.

Whether there is anything to lose is read from the dialog's own fields, not from a flag each
dialog must remember to set: the values of its inputs (and of ``extra_state`` for what is not
a field, such as a quote's lines) are compared with what they were when the dialog was first
shown or last saved. Typing a letter and deleting it again leaves nothing to discard.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, cast

from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.ui.field_box import focus_first_problem

#: The property that leaves a widget out of the comparison (a search box is not an edit).
NOT_AN_EDIT = "notAnEdit"


def not_an_edit(widget: QWidget) -> QWidget:
    """Leave ``widget`` out of "are there unsaved edits?" (a search or filter box)."""
    widget.setProperty(NOT_AN_EDIT, True)
    return widget


def _value(widget: QWidget) -> Hashable | None:
    """What the user has set in ``widget``, or None when it is not an input of its own."""
    if isinstance(widget, QLineEdit):
        inner = isinstance(widget.parent(), (QAbstractSpinBox, QComboBox))
        return None if inner else widget.text()
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):  # a typed value is its text: leaving the field may
        # pick the list's item of that text, which is no edit
        return widget.currentText() if widget.isEditable() else widget.currentIndex()
    if isinstance(widget, (QCheckBox, QRadioButton)):
        return widget.isChecked()
    if isinstance(widget, QAbstractSpinBox):
        return widget.text()
    return None


def edit_state(dialog: QWidget) -> tuple[Hashable, ...]:
    """The values of every input of ``dialog`` (not of dialogs opened over it), by the
    input's name: a tab added after the first save moves its fields in Qt's list of children,
    which is no edit."""
    values: list[tuple[str, Hashable]] = []
    for widget in dialog.findChildren(QWidget):
        if widget.window() is not dialog or widget.property(NOT_AN_EDIT):
            continue
        value = _value(widget)
        if value is not None:
            values.append((widget.objectName(), value))
    return tuple(sorted(values, key=lambda named: named[0]))  # stable: unnamed keep order


def ask_discard(parent: QWidget, noun: str) -> bool:
    """Ask "Discard changes?" with Discard and Keep editing; Keep editing is the default (Enter)
    and what Escape answers, so a second Escape never throws work away. True to discard."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Discard changes?",
        f"Your changes to this {noun} are not saved.",
        parent=parent,
    )
    box.setObjectName("discardQuestion")
    box.setInformativeText("Close it and lose them?")
    discard = box.addButton("&Discard", QMessageBox.ButtonRole.DestructiveRole)
    discard.setObjectName("discardButton")
    keep = box.addButton("&Keep editing", QMessageBox.ButtonRole.RejectRole)
    keep.setObjectName("keepEditingButton")
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is discard


class AsksBeforeDiscarding:
    """Mixed into a QDialog before it (``class X(AsksBeforeDiscarding, QDialog)``): Escape,
    Cancel/Close and the window's close button ask before edits are dropped.

    The dialog sets ``noun`` ("your changes to this <noun>"); one that stays open after
    saving, or reloads what someone else stored, calls ``mark_clean`` then."""

    noun = "record"
    #: Asked before edits are dropped; True discards (tests put an answer instead).
    ask_to_discard: Callable[[QWidget, str], bool] = staticmethod(ask_discard)
    _clean: tuple[Hashable, ...] | None = None
    _seen = False

    def extra_state(self) -> Hashable:
        """What the user edits outside the fields (a table of lines); nothing by default."""
        return ()

    def current_state(self) -> tuple[Hashable, ...]:
        return (*edit_state(cast(QWidget, self)), self.extra_state())

    def mark_clean(self) -> None:
        """What the dialog shows now is what is stored: nothing to ask about on closing."""
        self._clean = self.current_state()

    def has_unsaved_edits(self) -> bool:
        return self._clean is not None and self.current_state() != self._clean

    def showEvent(self, event: QShowEvent) -> None:
        if not event.spontaneous() and not self._seen:
            self._seen = True
            self.mark_clean()  # as the user first sees it, filled in by whoever opened it
        super().showEvent(event)  # type: ignore[misc]  # QDialog.showEvent, next in the MRO

    def reject(self) -> None:
        """Escape, Cancel/Close or the close button: ask before dropping unsaved edits."""
        dialog = cast(QWidget, self)
        if (
            dialog.isVisible()
            and self.has_unsaved_edits()
            and not self.ask_to_discard(dialog, self.noun)
        ):
            return
        super().reject()  # type: ignore[misc]  # QDialog.reject, next in the MRO


class GuardsUnsavedEdits(AsksBeforeDiscarding):
    """A record's editing dialog: heading, body and Save / Close laid out by
    ``lay_out_editor``, a ``save()``, and ``_show_dirty`` called as edits come and go (Save is
    enabled only with edits); closing asks before edits are dropped."""

    dirty = False
    save_button: QPushButton

    def lay_out_editor(self, heading: QWidget, body: QWidget) -> None:
        """Heading, body, and Save / Close under them; Ctrl+S saves, Escape closes."""
        dialog = cast(QWidget, self)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("saveButton")
        save = self.save
        buttons.accepted.connect(save)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, dialog).activated.connect(save)
        layout = QVBoxLayout(dialog)
        layout.setContentsMargins(18, 14, 18, 12)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(body, 1)
        layout.addWidget(buttons)

    def save(self) -> bool:
        """Save from a ``FormGrid`` dialog: every field checked first, and a problem shown at
        its field on the Details tab; then ``_write``. Dialogs laid out otherwise override it."""
        dialog = cast(Any, self)
        dialog.form.reveal_all = True
        problems = dialog.check()
        if problems:
            dialog.tabs.setCurrentIndex(0)
            focus_first_problem(dialog.form.widgets, problems)
            return False
        return bool(dialog._write(overwrite=False))

    def _show_dirty(self, dirty: bool) -> None:
        self.dirty = dirty
        self.save_button.setEnabled(dirty)
        if not dirty:
            self.mark_clean()
