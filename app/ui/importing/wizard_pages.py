"""The first three steps of the import wizard: what and which file, which sheet, which columns.

Each step checks what it can before the next one opens: a file that is not a usable workbook
is refused on the first step with the reader's one-line message, a sheet without a header on
the second, so the user is never left on a later step with an error from an earlier choice.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from app.domain.errors import AppError
from app.domain.importing.fields import KIND_TITLES, KINDS, SHEET_FIELDS
from app.services.importing.file_import import kind_fields
from app.services.importing.file_mapping import IGNORE, sheets_of
from app.ui.record_table import align_headers
from app.ui.sheet_table import SheetTable

if TYPE_CHECKING:
    from app.ui.importing.wizard import ImportWizard


def _problem_label() -> QLabel:
    label = QLabel("")
    label.setObjectName("stepProblem")
    label.setWordWrap(True)
    label.setStyleSheet("color: #b42318;")
    return label


class SourcePage(QWizardPage):
    """What to import, and from which file."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle("What to import")
        self.setSubTitle("Excel workbooks (.xlsx, .xlsm, .xls, .xlsb), OpenDocument (.ods), CSV.")
        self.kind = QComboBox()
        self.kind.setObjectName("importKind")
        for kind in KINDS:
            self.kind.addItem(KIND_TITLES[kind], kind)
        self.path = QLineEdit()
        self.path.setObjectName("importPath")
        # Its label's buddy, but in another row widget: a screen reader would not find the label.
        self.path.setAccessibleName("File")
        self.path.setPlaceholderText("The file to import")
        self.path.textChanged.connect(lambda _t: self.completeChanged.emit())
        self.browse = QPushButton("Br&owse…")
        self.browse.setObjectName("browseFile")
        self.browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        file_row = QWidget()
        file_row.setLayout(row)
        row.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout(self)
        for text, field, shown in (
            ("&Records", self.kind, self.kind),
            ("&File", self.path, file_row),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, shown)
        self.problem = _problem_label()
        form.addRow(self.problem)

    def _browse(self) -> None:
        chosen = self.owner.choose_file()
        if chosen is not None:
            self.path.setText(str(chosen))

    def isComplete(self) -> bool:
        return bool(self.path.text().strip())

    def validatePage(self) -> bool:
        path = Path(self.path.text().strip()).expanduser()
        try:
            sheets = sheets_of(path)
        except AppError as exc:
            self.problem.setText(str(exc))
            return False
        self.problem.setText("")
        self.owner.kind = str(self.kind.currentData())
        self.owner.path = path
        self.owner.sheets = sheets
        if len(sheets) == 1 and self.owner.kind not in SHEET_FIELDS:  # no sheet step: nothing
            self.owner.sheet = None  # to choose
            problem = self.owner.detect_columns()
            if problem is not None:
                self.problem.setText(problem)
                return False
        return True

    def nextId(self) -> int:
        """Straight on to the columns (or the check) when the file has one sheet; the user
        guide's Sheet step is for a workbook with several."""
        if len(self.owner.sheets) != 1:
            return super().nextId()
        return self.owner.check_id if self.owner.kind in SHEET_FIELDS else self.owner.mapping_id


class SheetPage(QWizardPage):
    """Which sheet of the workbook holds the list."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle("Which sheet")
        self.setSubTitle("The sheet that holds the list; title rows above its header are skipped.")
        self.sheets = QListWidget()
        self.sheets.setObjectName("importSheets")
        self.sheets.setAccessibleName("Sheets")
        self.note = QLabel("")
        self.note.setWordWrap(True)
        self.problem = _problem_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.sheets, 1)
        layout.addWidget(self.problem)

    def initializePage(self) -> None:
        self.sheets.clear()
        self.sheets.addItems(self.owner.sheets)
        self.sheets.setCurrentRow(0)
        sheeted = SHEET_FIELDS.get(self.owner.kind)
        self.sheets.setEnabled(sheeted is None)
        self.note.setText(
            _named_sheets_note(tuple(sheeted))
            if sheeted is not None
            else _sheets_note(
                self.owner.path.name if self.owner.path else "The file", len(self.owner.sheets)
            )
        )
        self.problem.setText("")

    def validatePage(self) -> bool:
        owner = self.owner
        if owner.kind in SHEET_FIELDS or owner.path is None:
            return True
        item = self.sheets.currentItem()
        owner.sheet = item.text() if item is not None and len(owner.sheets) > 1 else None
        problem = owner.detect_columns()
        if problem is not None:
            self.problem.setText(problem)
            return False
        return True

    def nextId(self) -> int:
        return self.owner.check_id if self.owner.kind in SHEET_FIELDS else super().nextId()


class MappingPage(QWizardPage):
    """Which column is which field: what was recognised, changeable, remembered."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle("Columns")
        self.setSubTitle(
            "Recognised by their headers. Change any column the file names differently."
        )
        self.table = SheetTable(0, 2, "Columns in the file and what each is imported as")
        self.table.setObjectName("importMapping")
        self.table.setHorizontalHeaderLabels(["Column in the file", "Imported as"])
        # The combo boxes are the editors; the file's column names are not to be changed.
        self.table.setEditTriggers(SheetTable.EditTrigger.NoEditTriggers)
        # The focus goes to the combo boxes, each named after its column; the table around
        # them would be one more stop that does nothing.
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.verticalHeader().hide()
        align_headers(self.table)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.combos: dict[str, QComboBox] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)

    def initializePage(self) -> None:
        detected = self.owner.detected
        assert detected is not None
        fields = kind_fields(self.owner.kind)
        self.table.setRowCount(len(detected.headers))
        self.combos = {}
        for row, header in enumerate(detected.headers):
            self.table.setItem(row, 0, QTableWidgetItem(header))
            combo = QComboBox()
            combo.addItem("— not imported —", IGNORE)
            for field in fields:
                combo.addItem(field.label + (" *" if field.required else ""), field.name)
            combo.setCurrentIndex(max(combo.findData(detected.fields[header]), 0))
            combo.setAccessibleName(f"Field for column {header}")
            self.table.setCellWidget(row, 1, combo)
            self.combos[header] = combo
        # Tab goes through the combo boxes in row order, then on to the wizard's buttons.
        boxes = list(self.combos.values())
        for before, after in pairwise(boxes):
            QWidget.setTabOrder(before, after)
        if boxes:
            boxes[0].setFocus()

    def mapping(self) -> dict[str, str]:
        return {header: str(combo.currentData()) for header, combo in self.combos.items()}

    def validatePage(self) -> bool:
        detected = self.owner.detected
        assert detected is not None
        self.owner.choose_mapping(self.mapping())
        return True


def _sheets_note(name: str, sheets: int) -> str:
    if sheets == 1:
        return f"{name} has one sheet. The header row is found by itself."
    return (
        f"{name} has {sheets} sheets: choose the one with the list. "
        "The header row is found by itself."
    )


def _named_sheets_note(sheets: tuple[str, ...]) -> str:
    """What a kind of several sheets reads: "Read from the sheets Tiers, Prices, Volume and
    Settings, found by their names." """
    names = ", ".join(sheets[:-1]) + " and " + sheets[-1] if len(sheets) > 1 else sheets[0]
    return f"Read from the sheets {names}, found by their names."
