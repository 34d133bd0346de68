"""File › Import: a wizard from a file to records, checking everything before writing anything.

Steps: what and which file → which sheet → which column is which field (remembered for files
with the same headers) → every row checked, with the problems listed and savable as a workbook
→ the import on a background thread with Cancel → what it did. Dropping a file on the window
opens it at the first step with the file filled in.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QWidget, QWizard

from app.domain.errors import AppError
from app.domain.importing.fields import SHEET_FIELDS
from app.domain.importing.report import ImportSummary
from app.services.importing import ImportOptions
from app.services.importing.file_import import FileImport, import_file
from app.services.importing.file_mapping import Detected, detect, overrides_of
from app.services.store import WAITING_TEXT, Database
from app.ui.changes import RecordKind
from app.ui.context import UiContext
from app.ui.importing.report_columns import CHANGE_COLUMNS, PROBLEM_COLUMNS
from app.ui.importing.wizard_pages import MappingPage, SheetPage, SourcePage
from app.ui.importing.wizard_run import CheckPage, ResultPage
from app.ui.operations import Operation
from app.ui.settings import DateOrder
from app.ui.unsaved import AsksBeforeDiscarding

IMPORT_FILTER = (
    "Workbooks and CSV files (*.xlsx *.xlsm *.xls *.xlsb *.ods *.csv *.txt);;All files (*)"
)
CHANGED: dict[str, set[RecordKind]] = {
    "partners": {RecordKind.PARTNER},
    "contacts": {RecordKind.CONTACT, RecordKind.PARTNER},
    "courses": {RecordKind.COURSE, RecordKind.TRAINING},
    "training": {RecordKind.TRAINING},
    "accounts": {RecordKind.ACCOUNT},
    "claims": {RecordKind.CLAIM, RecordKind.ACCOUNT},
    "deals": {RecordKind.DEAL, RecordKind.ACCOUNT},
    "pricebook": {RecordKind.PRICE_BOOK, RecordKind.TIER, RecordKind.SETTING},
    "leads": {RecordKind.LEAD},
    "leadrules": {RecordKind.SETTING, RecordKind.TIER},
    "fx": {RecordKind.PROGRAM},
    "spend": {RecordKind.PROGRAM},
    "programs": {RecordKind.PROGRAM},
}


class ImportWizard(AsksBeforeDiscarding, QWizard):
    """The wizard and what its steps have chosen so far.

    Cancel, Escape or the window's close button ask "Discard changes?" once a file is chosen
    (typed, browsed or dropped) and the import has not run: the file, its sheet and a mapping
    the person set would otherwise be lost to one stray key. Before a file, or once the
    import has run (or was cancelled), the wizard closes at once."""

    noun = "import"

    def __init__(
        self,
        context: UiContext,
        db: Database,
        path: Path | None = None,
        parent: QWidget | None = None,
        kind: str | None = None,
    ) -> None:
        """``kind``: the records to import, chosen already (a page's own Import… button)."""
        super().__init__(parent)
        self.setObjectName("importWizard")
        self.setWindowTitle("Import")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.context = context
        self.db = db
        self.kind = "partners"
        self.path: Path | None = None
        self.sheets: list[str] = []
        self.sheet: str | None = None
        self.detected: Detected | None = None
        self.overrides: list[str] = []
        self.skip_invalid = False
        self.last_operation: Operation[Any] | None = None  # tests wait on it
        #: Where to ask for a file or a report's name; tests put their own.
        self.choose_file: Callable[[], Path | None] = self._ask_file
        self.choose_report: Callable[[str], Path | None] = self._ask_report
        self.source = SourcePage(self)
        self.addPage(self.source)
        self.addPage(SheetPage(self))
        self.mapping_id = self.addPage(MappingPage(self))
        self.check_id = self.addPage(CheckPage(self))
        self.result_page = ResultPage(self)
        self.addPage(self.result_page)
        if path is not None:
            self.source.path.setText(str(path))
        if kind is not None:
            self.source.kind.setCurrentIndex(max(self.source.kind.findData(kind), 0))
        self.resize(900, 580)

    def has_unsaved_edits(self) -> bool:
        """A file is chosen and nothing imported yet (picking only the kind of records is
        not worth a question)."""
        return bool(self.source.path.text().strip()) and not self.result_page.done

    # --- what the steps call -------------------------------------------------------------

    def detect_columns(self) -> str | None:
        """Find the header and columns of the chosen sheet, with the mapping remembered for
        such headers; what went wrong, or None."""
        assert self.path is not None
        try:
            first = detect(self.path, self.kind, self.sheet, [])
            remembered = self.remembered_mapping(first.remembered_key(self.kind))
            self.detected = detect(self.path, self.kind, self.sheet, remembered)
        except AppError as exc:
            return str(exc)
        return None

    def remembered_mapping(self, key: str) -> list[str]:
        return self.context.settings.preferences.import_mapping(key)

    def choose_mapping(self, fields: dict[str, str]) -> None:
        """Keep the user's mapping for this import and for the next file with these headers."""
        assert self.detected is not None
        self.overrides = overrides_of(fields)
        key = self.detected.remembered_key(self.kind)
        self.context.settings.preferences.set_import_mapping(key, self.overrides)

    def operation(self, options: ImportOptions) -> Operation[ImportSummary]:
        """The import (or its dry run) as background work, with this wizard's choices."""
        assert self.path is not None
        if self.kind in SHEET_FIELDS:  # read from its sheets by name, as the sheet step says
            request = FileImport(self.kind, self.path)
        else:
            request = FileImport(self.kind, self.path, self.sheet, tuple(self.overrides))

        def work(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> Any:
            chosen = ImportOptions(
                dry_run=options.dry_run, skip_invalid=options.skip_invalid,
                preview=options.preview,
                day_first=self.context.settings.preferences.date_order is DateOrder.DAY_FIRST,
                progress=progress, cancelled=cancelled,
                waiting=lambda on: operation.note(WAITING_TEXT if on else ""),
            )  # fmt: skip
            return import_file(self.db, request, chosen)

        operation: Operation[ImportSummary] = Operation(self, self.context.errors, work)
        return operation

    def announce(self) -> None:
        self.context.changes.announce(CHANGED.get(self.kind, set()))

    def save_report(self, summary: ImportSummary, what: str) -> None:
        """Save the check's list of ``what`` ("problems" or "changes") as a workbook or CSV."""
        target = self.choose_report(what)
        if target is None:
            return
        from app.io.export import export_table

        if not target.suffix:
            target = target.with_suffix(".xlsx")
        try:
            if what == "changes":
                export_table(target, summary.changes, CHANGE_COLUMNS, title="Changes")
            else:
                export_table(target, summary.problems, PROBLEM_COLUMNS, title="Problems")
        except Exception as exc:  # an unwritable place: said in one line by the error hook
            self.context.errors.show_now(exc)

    # --- the real dialogs ----------------------------------------------------------------

    def _ask_file(self) -> Path | None:
        start = self.context.settings.preferences.last_folder or str(Path.home())
        name, _ = QFileDialog.getOpenFileName(self, "Import a file", start, IMPORT_FILTER)
        return Path(name) if name else None

    def _ask_report(self, what: str) -> Path | None:
        suggested = f"import-{what}-{date.today().isoformat()}.xlsx"
        name, _ = QFileDialog.getSaveFileName(
            self, f"Save the {what}", suggested, "Excel workbook (*.xlsx);;CSV file (*.csv)"
        )
        return Path(name) if name else None
