"""Buttons that act on selected rows are enabled only while the selection suits them.

A button that needs a row and is pressed with none would have to say "Select a claim first" in
a message box, or do nothing at all; greyed out, it tells the user before they press it. The
gate watches the tables (their selection, and their rows coming and going on a reload) and
enables each control by its own rule: one row, some rows, exactly two, or anything the owner
decides. The rule of how many rows a command needs is the table menus' own (``Needs``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, SignalInstance
from PySide6.QtGui import QAction, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QWidget
from shiboken6 import isValid

from app.ui.table_menu import Needs, suits

Control = QWidget | QAction | QShortcut  # a key is held back with its button


def selected_count(table: QAbstractItemView) -> int:
    selection = table.selectionModel()
    return len(selection.selectedRows()) if selection is not None else 0


class SelectionGate(QObject):
    """Controls and the condition each needs; ``update`` runs whenever a watched table's
    selection or rows change."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.controls: list[tuple[Control, Callable[[], bool]]] = []
        self.tables: list[QAbstractItemView] = []

    def watch(self, *tables: QAbstractItemView) -> None:
        for table in tables:
            self.tables.append(table)
            selection, model = table.selectionModel(), table.model()
            selection.selectionChanged.connect(self.update)
            for signal in (model.modelReset, model.rowsRemoved, model.rowsInserted):
                signal.connect(self.update)  # a reload clears the selection without a word

    def follow(self, signal: SignalInstance) -> None:
        """Also look again when ``signal`` fires (a tab change: another table is current)."""
        signal.connect(self.update)

    def add(self, control: Control, ready: Callable[[], bool]) -> None:
        self.controls.append((control, ready))
        control.setEnabled(ready())

    def rows(self, control: Control, table: QAbstractItemView, needs: Needs = Needs.ONE) -> None:
        """``control`` is enabled while ``table`` has the rows ``needs`` asks for."""
        self.watch(table)
        self.add(control, lambda: suits(needs, selected_count(table)))

    def update(self, *_args: object) -> None:
        if not all(isValid(table) for table in self.tables):
            return  # the window is closing: its rows go without a table to show them
        for control, ready in self.controls:
            if isValid(control):
                control.setEnabled(ready())
