"""Importing and exporting the whole price book from its page.

Import checks the file first (a dry run) and shows what it would do, including the bad rows;
only after the user agrees are the valid rows written. Export writes the workbook the import
reads: sheets Prices, Tiers, Volume and Settings (a .csv file holds the prices).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.domain.importing.report import ImportSummary
from app.io.export import ExportResult
from app.services.importing import ImportOptions
from app.services.importing.file_import import FileImport, import_file
from app.services.pricebook.read import pricebook_sheets
from app.services.store import Database
from app.ui.changes import RecordKind
from app.ui.context import UiContext
from app.ui.operations import IsCancelled, Operation, Progress, Work

FILTER = "Workbooks and CSV (*.xlsx *.xlsm *.xls *.xlsb *.ods *.csv);;All files (*)"
SAVE_FILTER = "Excel workbook (*.xlsx);;CSV, prices only (*.csv)"
#: Bad rows listed in the confirmation; the rest are counted.
SHOWN_PROBLEMS = 12
T = TypeVar("T")


def _open_path(parent: QWidget, title: str) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, title, "", FILTER)
    return Path(name) if name else None


def _save_path(parent: QWidget, title: str, suggested: str) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, title, suggested, SAVE_FILTER)
    return Path(name) if name else None


def _confirm(parent: QWidget, title: str, text: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    box.setObjectName("pricebookImportPreview")
    box.setStandardButtons(QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Ok).setText("Import")
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box.exec() == QMessageBox.StandardButton.Ok


def preview_text(summary: ImportSummary) -> str:
    """What the dry run found, as the confirmation shows it."""
    lines = [summary.text()]
    if summary.problems:
        lines.append("")
        lines.extend(p.line() for p in summary.problems[:SHOWN_PROBLEMS])
        more = len(summary.problems) - SHOWN_PROBLEMS
        if more > 0:
            lines.append(f"… and {more} more.")
        lines.append("")
        lines.append("Import writes only the valid rows.")
    return "\n".join(lines)


class PriceBookFiles:
    """The page's Import… and Export… buttons. The work runs off the GUI thread with a progress
    dialog and Cancel (a cancelled import writes nothing); the file pickers and the confirmation
    can be replaced in tests, which wait for ``last_operation.finished``."""

    def __init__(self, parent: QWidget, context: UiContext, say: Callable[[str], None]) -> None:
        self.parent, self.context, self.say = parent, context, say
        self.choose_open: Callable[[QWidget, str], Path | None] = _open_path
        self.choose_save: Callable[[QWidget, str, str], Path | None] = _save_path
        self.confirm: Callable[[QWidget, str, str], bool] = _confirm
        self.last_summary: ImportSummary | None = None
        self.last_operation: Operation[Any] | None = None

    def _run(self, work: Work[T], done: Callable[[T], None], label: str) -> None:
        self.last_operation = (
            Operation(self.parent, self.context.errors, work)
            .success(done)
            .with_progress(label)
            .run_in_background()
        )

    # --- import --------------------------------------------------------------------------

    def import_file(self, db: Database) -> None:
        """Check the chosen file (dry run), show what it would do, import on the user's yes."""
        path = self.choose_open(self.parent, "Import a price book")
        if path is None:
            return

        def check(progress: Progress, cancelled: IsCancelled) -> ImportSummary:
            options = ImportOptions(dry_run=True, progress=progress, cancelled=cancelled)
            return _import(db, path, options)

        self._run(check, lambda dry: self._checked(db, path, dry), f"Checking {path.name}…")

    def _checked(self, db: Database, path: Path, dry: ImportSummary) -> None:
        if not self.confirm(self.parent, "Import a price book", preview_text(dry)):
            self.say("Nothing was imported.")
            return

        def write(progress: Progress, cancelled: IsCancelled) -> ImportSummary:
            options = ImportOptions(skip_invalid=True, progress=progress, cancelled=cancelled)
            return _import(db, path, options)

        self._run(write, self._imported, f"Importing {path.name}…")

    def _imported(self, summary: ImportSummary) -> None:
        self.last_summary = summary
        self.context.changes.announce({RecordKind.PRICE_BOOK, RecordKind.TIER, RecordKind.SETTING})
        self.say(summary.text().replace(" (listed on stderr)", ""))  # shown before, in the check

    # --- export --------------------------------------------------------------------------

    def export_file(self, db: Database) -> None:
        suggested = f"price-book-{date.today().isoformat()}.xlsx"
        path = self.choose_save(self.parent, "Export the price book", suggested)
        if path is None:
            return
        if not path.suffix:
            path = path.with_suffix(".xlsx")
        with db.reading() as session:
            sheets = pricebook_sheets(session, self.context.today())

        def write(progress: Progress, cancelled: IsCancelled) -> ExportResult:
            from app.io.export_pricebook import export_pricebook  # openpyxl loads when needed

            return export_pricebook(path, sheets, progress, cancelled)

        self._run(write, self._exported, f"Exporting to {path.name}…")

    def _exported(self, result: ExportResult) -> None:
        if result.cancelled:
            self.say("Export cancelled; no file was written.")
        else:
            self.say(f"Exported {result.rows:,} prices to {result.path}")


def _import(db: Database, path: Path, options: ImportOptions) -> ImportSummary:
    """Read the file and import it in one transaction: a refusal or a cancel writes nothing."""
    return import_file(db, FileImport("pricebook", path), options)
