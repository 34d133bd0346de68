"""The shape the Program page's lists share: a table of records, Add, Edit, Delete and Import….

Exchange rates, SPIF and rebate rules and spend items are each kept in a list that works the
same way, so a person who has learnt one knows the others: Enter or a double click edits the
row, Delete deletes the selected rows after a question whose default is No, Ctrl+N adds one,
the buttons are greyed out while the selection does not suit them, and Import… opens the
window's import wizard on the list's kind of records. Subclasses say what the rows are and lay
out what stands above the table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLayout,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.columns import Column
from app.services.store import Database, Session
from app.ui.changes import RecordKind
from app.ui.context import UiContext
from app.ui.pricebook.form_dialog import FormDialog
from app.ui.record_table import RecordTable
from app.ui.selection_gate import SelectionGate
from app.ui.shortcuts import bind
from app.ui.table_menu import Needs

#: A table's own keys work while it has the focus only.
ONLY_THERE = Qt.ShortcutContext.WidgetShortcut


@dataclass(frozen=True)
class ListWords:
    """What a list dialog calls itself and its rows."""

    name: str  # the dialog's object name
    title: str
    one: str  # a row, for key descriptions: "rate"
    many: str  # rows, for the delete question's title: "rates"
    buttons: str  # the buttons' object-name stem: "Rate" gives addRate, editRate, deleteRate
    import_name: str  # the import button's object name
    import_kind: str  # the import wizard's kind of records
    import_tip: str
    add_text: str = "&Add…"
    add_name: str = ""  # the add button's object name when not add<buttons>


class RecordListDialog(QDialog):
    """Subclasses call ``list_table`` for each table, then ``lay_out``; they implement
    ``reload``, ``editor_for``, ``delete_question`` and ``delete_row``."""

    #: The kinds of change after which the list reads its rows again.
    reload_on: frozenset[RecordKind] = frozenset({RecordKind.PROGRAM})

    def __init__(
        self, context: UiContext, db: Database, words: ListWords, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setObjectName(words.name)
        self.setWindowTitle(words.title)
        self.context, self.db, self.words = context, db, words
        self.editor: FormDialog | None = None  # tests drive it
        self.tables: list[RecordTable] = []
        self.add_button = QPushButton(words.add_text)
        self.add_button.setObjectName(words.add_name or f"add{words.buttons}")
        self.edit_button = QPushButton("&Edit…")
        self.edit_button.setObjectName(f"edit{words.buttons}")
        self.delete_button = QPushButton("&Delete")
        self.delete_button.setObjectName(f"delete{words.buttons}")
        self.import_button = QPushButton("&Import…")
        self.import_button.setObjectName(words.import_name)
        self.import_button.setToolTip(words.import_tip)
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.delete_button.clicked.connect(self.delete)
        self.import_button.clicked.connect(self.import_records)
        bind(self, "Ctrl+N", self.add, f"New {words.one}")
        self.gate = SelectionGate(self)
        context.changes.changed.connect(self._changed)

    def list_table(
        self, name: str, columns: Sequence[Column[Any]], title: str, empty: str
    ) -> RecordTable:
        """A table of the list: Enter or a double click edits its row, Delete deletes."""
        table = RecordTable(name, columns, self)
        table.setAccessibleName(title)
        table.empty_text = empty
        table.activated.connect(lambda _index: self.edit())
        table.menu.add("&Edit…", self.edit, default=True, shortcut="Return")
        table.menu.add("&Delete", self.delete, Needs.SOME, shortcut="Delete")
        bind(table, "Return", self.edit, f"Edit the {self.words.one}", ONLY_THERE)
        bind(table, "Delete", self.delete, f"Delete the selected {self.words.many}", ONLY_THERE)
        self.tables.append(table)
        self.gate.watch(table)
        return table

    def lay_out(
        self, above: Sequence[QWidget | QLayout], body: QWidget, size: tuple[int, int]
    ) -> None:
        """``above`` over ``body`` (the table, or the tabs holding them), then the buttons."""
        self.gate.add(self.edit_button, lambda: len(self.selected()) == 1)
        self.gate.add(self.delete_button, lambda: bool(self.selected()))
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for part in above:
            if isinstance(part, QLayout):
                layout.addLayout(part)
            else:
                layout.addWidget(part)
        layout.addWidget(body, 1)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.reload()
        self.resize(*size)

    # --- for subclasses ------------------------------------------------------------------

    def reload(self) -> None:
        raise NotImplementedError

    def editor_for(self, row: Any | None) -> FormDialog:
        """The editor of ``row``, or of a new record when it is None."""
        raise NotImplementedError

    def delete_question(self, rows: Sequence[Any]) -> str:
        raise NotImplementedError

    def delete_row(self, session: Session, row: Any) -> None:
        raise NotImplementedError

    def current_table(self) -> RecordTable:
        """The table Edit and Delete act on."""
        return self.tables[0]

    # --- the commands --------------------------------------------------------------------

    def _changed(self, kinds: frozenset[RecordKind]) -> None:
        if kinds & self.reload_on:
            self.reload()

    def selected(self) -> list[Any]:
        table = self.current_table()
        return [table.records.row_at(i.row()) for i in table.selectionModel().selectedRows()]

    def add(self) -> FormDialog:
        return self._open(self.editor_for(None))

    def edit(self) -> FormDialog | None:
        chosen = self.selected()
        if len(chosen) != 1:
            return None
        return self._open(self.editor_for(chosen[0]))

    def _open(self, dialog: FormDialog) -> FormDialog:
        self.editor = dialog
        dialog.open()
        return dialog

    def delete(self) -> bool:
        chosen = self.selected()
        if not chosen:
            return False
        title = f"Delete {self.words.many}"
        if not self.confirm(title, self.delete_question(chosen)):
            return False
        try:
            with self.db.transaction() as session:
                for row in chosen:
                    self.delete_row(session, row)
        except Exception as exc:  # a stale row: one line; a bug: its details
            self.context.errors.show_now(exc)
            return False
        finally:
            self.context.changes.announce({RecordKind.PROGRAM})
        return True

    def confirm(self, title: str, text: str) -> bool:
        """Asked before a delete (tests answer it themselves)."""
        return ask_yes_no(self, title, text)

    def import_records(self) -> None:
        """The window's import wizard on this list's kind (its File › Import is the one way in)."""
        open_import(self, self.words.import_kind)


def ask_yes_no(parent: QWidget, title: str, text: str) -> bool:
    """A Yes/No question; No is the default, so Enter never deletes by accident."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    box.setObjectName("question")
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


def open_import(dialog: QWidget, kind: str) -> None:
    """Open the window's import wizard over ``dialog``'s window with ``kind`` chosen."""
    commands: Any = getattr(dialog.parentWidget(), "commands", None)
    if commands is not None:
        commands.import_records(kind=kind)
