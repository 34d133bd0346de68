"""The right-click menu of every record table: the owner's commands, then Copy and Export.

A page (or dialog) adds the commands that apply to its rows with ``add`` — open, edit, save a
PDF — and each is enabled only while the selection suits it, so a command never runs on
nothing. Copy (Ctrl+C) puts the selected rows on the clipboard as tab-separated text that
pastes into a spreadsheet as cells; "Export selection…" is offered where the window knows how
to write a file (``RecordTable.export_rows``); "Sort by this column" (the table's own sort key)
sorts by the column right-clicked, so the menu teaches the key.

Right-clicking a row that is not selected selects it first, as file managers do, so the menu
always acts on what is highlighted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QPoint, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMenu

if TYPE_CHECKING:
    from app.ui.record_table import RecordTable


class Needs(Enum):
    """How many selected rows a command works on."""

    ONE = "one"  # open, edit: exactly one row
    SOME = "some"  # copy, delete: one or more
    NONE = "none"  # new: whatever is selected


@dataclass
class MenuCommand:
    action: QAction | None  # None: a separator
    needs: Needs | None = Needs.ONE  # None: the owner enables and disables the action itself
    when: Callable[[], bool] | None = None  # a further condition of the owner's
    default: bool = False


class TableMenu:
    """The commands of one table's context menu, and the menu built from them."""

    def __init__(self, table: RecordTable) -> None:
        self.table = table
        self.commands: list[MenuCommand] = []
        self.copy_action = QAction("&Copy", table)
        self.copy_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Copy))
        self.copy_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.copy_action.setStatusTip("Copy the selected rows, to paste into a spreadsheet")
        self.copy_action.triggered.connect(self.copy)
        table.addAction(self.copy_action)  # Ctrl+C works without opening the menu
        self.export_action = QAction("E&xport selection…", table)
        self.export_action.setStatusTip("Write the selected rows to .xlsx or .csv")
        self.export_action.triggered.connect(self.export)
        #: The menu on screen, while it is open (tests find it here).
        self.shown: QMenu | None = None

    def add(
        self,
        text: str,
        slot: Callable[[], object],
        needs: Needs = Needs.ONE,
        when: Callable[[], bool] | None = None,
        default: bool = False,
        shortcut: str | QKeySequence | QKeySequence.StandardKey | None = None,
    ) -> QAction:
        """A command of the owner's; ``default`` marks what a double-click does (shown bold).
        ``shortcut`` is only shown beside it: the owner binds the key itself."""
        action = QAction(text, self.table)
        action.triggered.connect(lambda _checked=False: slot())
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # shown, not bound
        return self.add_action(action, needs, when, default)

    def add_action(
        self,
        action: QAction,
        needs: Needs | None = None,
        when: Callable[[], bool] | None = None,
        default: bool = False,
    ) -> QAction:
        """An action the owner has already (a button's, or a submenu's ``menuAction()``);
        with ``needs`` None its enabled state is left to the owner, as its button shows it."""
        self.commands.append(MenuCommand(action, needs, when, default))
        return action

    def add_separator(self) -> None:
        self.commands.append(MenuCommand(None))

    def selected_count(self) -> int:
        return len(self.table.selectionModel().selectedRows()) if self.table.selectionModel() else 0

    def build(self) -> QMenu:
        """The menu for the present selection."""
        menu = QMenu(self.table)
        menu.setObjectName(f"{self.table.objectName()}_menu")
        count = self.selected_count()
        for command in self.commands:
            if command.action is None:
                menu.addSeparator()
                continue
            if command.needs is not None:
                enabled = suits(command.needs, count) and (command.when is None or command.when())
                command.action.setEnabled(enabled)
            menu.addAction(command.action)
            if command.default:
                menu.setDefaultAction(command.action)
        if self.commands:
            menu.addSeparator()
        self.copy_action.setEnabled(count > 0)
        menu.addAction(self.copy_action)
        if self.table.export_rows is not None:
            self.export_action.setEnabled(count > 0)
            menu.addAction(self.export_action)
        sort = self.table.sort_action
        if self.table.isSortingEnabled():
            menu.addSeparator()
            sort.setEnabled(self.table.model().columnCount() > 0)
            menu.addAction(sort)
        return menu

    def popup_at(self, position: QPoint) -> None:
        """Select the row under ``position`` (viewport coordinates) if it is not selected, then
        show the menu there. The cell under it becomes current either way, so "Sort by this
        column" means the column clicked."""
        index = self.table.indexAt(position)
        selection = self.table.selectionModel()
        if index.isValid() and selection is not None:
            flags = QItemSelectionModel.SelectionFlag.NoUpdate
            if not selection.isRowSelected(index.row()):
                flags = (
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows
                )
            selection.setCurrentIndex(index, flags)
        menu = self.build()
        self.shown = menu
        try:
            menu.exec(self.table.viewport().mapToGlobal(position))
        finally:
            self.shown = None
            menu.deleteLater()

    # --- Copy and Export -----------------------------------------------------------------

    def selected_rows(self) -> list[int]:
        """Selected row numbers, top to bottom."""
        selection = self.table.selectionModel()
        return sorted(i.row() for i in selection.selectedRows()) if selection else []

    def copy(self) -> None:
        rows = self.selected_rows()
        if rows:
            QGuiApplication.clipboard().setText(self.as_text(rows))

    def as_text(self, rows: list[int]) -> str:
        """The header and ``rows`` as shown (visible columns in their order), tab-separated."""
        model, header = self.table.model(), self.table.horizontalHeader()
        order = [header.logicalIndex(v) for v in range(header.count())]
        columns = [c for c in order if not header.isSectionHidden(c)]

        def clean(value: object) -> str:
            return " ".join(str(value or "").split())  # a tab or line break would split a cell

        lines = ["\t".join(clean(model.headerData(c, Qt.Orientation.Horizontal)) for c in columns)]
        for row in rows:
            lines.append("\t".join(clean(model.index(row, c).data()) for c in columns))
        return "\n".join(lines) + "\n"

    def export(self) -> None:
        export = self.table.export_rows
        rows = self.selected_rows()
        if export is None or not rows:
            return
        records = self.table.records
        export(self.table.accessibleName(), [records.row_at(r) for r in rows], records.columns)


def suits(needs: Needs, count: int) -> bool:
    """Whether ``count`` selected rows are what ``needs`` asks for."""
    if needs is Needs.ONE:
        return count == 1
    if needs is Needs.SOME:
        return count > 0
    return True
