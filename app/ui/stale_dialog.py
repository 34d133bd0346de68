"""When a save meets a record someone else changed: show field by field what differs, then let
the user reload theirs or overwrite with theirs own. Nothing is lost without being seen."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import Enum

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ui.record_table import align_headers
from app.ui.sheet_table import SheetTable


class StaleChoice(Enum):
    RELOAD = "reload"
    OVERWRITE = "overwrite"
    CANCEL = "cancel"


class StaleDialog(QDialog):
    """``rows`` are (field, yours, theirs) as a person reads them."""

    def __init__(
        self, name: str, rows: Sequence[tuple[str, str, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("staleDialog")
        self.setWindowTitle("Changed by someone else")
        self.choice = StaleChoice.CANCEL
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        text = QLabel(
            f"<b>{name}</b> was changed by someone else after you opened it. "
            "Reload to see their version (your edits are dropped), or overwrite it with yours."
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        self.table = SheetTable(len(rows), 3, "Changed fields")
        self.table.setObjectName("staleChanges")
        self.table.setHorizontalHeaderLabels(["Field", "Yours", "Theirs (saved)"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(value or "—"))
        align_headers(self.table)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox()
        self.reload_button = buttons.addButton(
            "&Reload theirs", QDialogButtonBox.ButtonRole.ResetRole
        )
        self.overwrite_button = buttons.addButton(
            "&Overwrite with mine", QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.reload_button.clicked.connect(lambda: self._done(StaleChoice.RELOAD))
        self.overwrite_button.clicked.connect(lambda: self._done(StaleChoice.OVERWRITE))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(620, 160 + 30 * max(len(rows), 1))

    def cells(self) -> list[tuple[str, str, str]]:
        """The rows as shown (for tests and screen readers' sake)."""
        found = []
        for r in range(self.table.rowCount()):
            items = [self.table.item(r, c) for c in range(3)]
            field, yours, theirs = (i.text() if i is not None else "" for i in items)
            found.append((field, yours, theirs))
        return found

    def _done(self, choice: StaleChoice) -> None:
        self.choice = choice
        self.accept()


def run_stale(dialog: StaleDialog) -> StaleChoice:
    """Show ``dialog`` modally and return what the user chose (tests put a chooser instead)."""
    dialog.exec()
    return dialog.choice


def settle_stale(
    ask: Callable[[StaleDialog], StaleChoice],
    dialog: StaleDialog,
    reload: Callable[[], object],
    overwrite: Callable[[], bool],
) -> bool:
    """What every editing dialog does when its save meets a newer save: show the differences,
    then reload theirs, overwrite with mine, or leave the dialog as it is. True when saved."""
    choice = ask(dialog)
    if choice is StaleChoice.RELOAD:
        reload()
        return False
    if choice is StaleChoice.OVERWRITE:
        return overwrite()
    return False
