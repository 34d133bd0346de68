"""The last two steps of the import wizard: check every row (a dry run), then import.

Both run on a background thread through ``Operation``, so a 50,000-row file never freezes the
window; the import shows a progress dialog whose Cancel rolls the whole transaction back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from app.domain.errors import AppError
from app.domain.importing.report import ImportSummary
from app.services.importing import ImportOptions
from app.ui.importing.report_columns import CHANGE_COLUMNS, PROBLEM_COLUMNS
from app.ui.page_base import plural
from app.ui.record_table import RecordTable

if TYPE_CHECKING:
    from app.ui.importing.wizard import ImportWizard


CHECKING = "Checking every row…"
IMPORTING = "Importing…"


class CheckPage(QWizardPage):
    """Every row checked before anything is written: counts, what each record will become (a
    preview of the changes), and each problem on its own row; either list can be saved."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle("Check")
        self.setSubTitle(
            "Every row is checked, and every change listed, before anything is written."
        )
        self.setButtonText(QWizard.WizardButton.NextButton, "&Import")
        self.counts = QLabel(CHECKING)
        self.counts.setObjectName("checkCounts")
        self.counts.setWordWrap(True)
        self.changes = RecordTable("import_changes", CHANGE_COLUMNS, self)
        self.problems = RecordTable("import_problems", PROBLEM_COLUMNS, self)
        self.changes.empty_text = "Nothing would change."
        self.problems.empty_text = "No problems: every row can be imported."
        for table in (self.changes, self.problems):
            table.horizontalHeader().setStretchLastSection(True)
            table.setWordWrap(True)
        self.lists = QTabWidget()
        self.lists.setObjectName("checkLists")
        self.lists.addTab(self.changes, "Changes")
        self.lists.addTab(self.problems, "Problems")
        self.skip = QCheckBox("Import only the &valid rows (the others are left out)")
        self.skip.setObjectName("skipInvalid")
        self.skip.toggled.connect(lambda _on: self.completeChanged.emit())
        self.save_report = QPushButton("&Save list…")
        self.save_report.setToolTip("Save the list shown (changes or problems) as a workbook")
        self.save_report.clicked.connect(self._save_report)
        row = QHBoxLayout()
        row.addWidget(self.skip, 1)
        row.addWidget(self.save_report)
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts)
        layout.addWidget(self.lists, 1)
        layout.addLayout(row)
        self.summary: ImportSummary | None = None

    def initializePage(self) -> None:
        self.summary = None
        self.counts.setText(CHECKING)
        self.changes.records.set_rows([])
        self.problems.records.set_rows([])
        self.lists.hide()
        self.save_report.hide()
        self.skip.setChecked(False)
        self.owner.last_operation = (
            self.owner.operation(ImportOptions(dry_run=True, preview=True))
            .success(self._checked)
            .failure(self._refused)
            .noting(lambda text: self.counts.setText(text or CHECKING))
        ).run_in_background()
        self.completeChanged.emit()

    def _checked(self, summary: ImportSummary) -> None:
        self.summary = summary
        bad = summary.invalid_rows
        text = (
            f"{summary.new:,} new, {summary.updated:,} updated, {summary.unchanged:,} unchanged"
            + (f", {summary.merged:,} repeated rows taken once" if summary.merged else "")
            + (f"; {plural(bad, 'row has', 'rows have')} problems." if bad else ". No problems.")
        )
        if not (summary.new or summary.updated):
            text += " Nothing to import: the database already holds every valid row."
        elif bad:
            text += " Fix them in the file and start again, or import only the valid rows."
        self.counts.setText(text)
        self.changes.records.set_rows(summary.changes)
        self.problems.records.set_rows(summary.problems)
        self.lists.setTabText(0, f"Changes ({len(summary.changes):,})")
        self.lists.setTabText(1, f"Problems ({len(summary.problems):,})")
        self.lists.setTabEnabled(1, bool(summary.problems))
        self.lists.setCurrentIndex(1 if summary.problems else 0)
        shown = bool(summary.changes or summary.problems)
        self.lists.setVisible(shown)
        self.save_report.setVisible(shown)
        self.skip.setVisible(bool(bad))
        self.completeChanged.emit()

    def _refused(self, exc: BaseException) -> None:
        self.counts.setText(str(exc) if isinstance(exc, AppError) else "The check failed.")
        if not isinstance(exc, AppError):
            self.owner.context.errors.show_now(exc)

    def isComplete(self) -> bool:
        summary = self.summary
        if summary is None:
            return False
        if summary.problems and not self.skip.isChecked():
            return False
        return bool(summary.new or summary.updated)

    def validatePage(self) -> bool:
        self.owner.skip_invalid = self.skip.isChecked()
        return True

    def _save_report(self) -> None:
        if self.summary is not None:
            what = "problems" if self.lists.currentWidget() is self.problems else "changes"
            self.owner.save_report(self.summary, what)


class ResultPage(QWizardPage):
    """The import itself, then what it did."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle("Import")
        self.setSubTitle("The rows go into the database in one piece: all of them, or none.")
        self.result = QLabel(IMPORTING)
        self.result.setObjectName("importResult")
        self.result.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.result)
        layout.addStretch(1)
        self.done = False

    def initializePage(self) -> None:
        self.done = False
        self.result.setText(IMPORTING)
        options = ImportOptions(skip_invalid=self.owner.skip_invalid)
        self.owner.last_operation = (
            self.owner.operation(options)
            .success(self._imported)
            .failure(self._failed)
            .when_cancelled(self._cancelled)
            .noting(lambda text: self.result.setText(text or IMPORTING))
            .ending_says_what_happened()
            .with_progress(IMPORTING)
        ).run_in_background()

    def _imported(self, summary: ImportSummary) -> None:
        self._finish(summary.text().replace(" (listed on stderr)", " (see the check)"))
        self.owner.announce()

    def _cancelled(self) -> None:
        self._finish("Import cancelled: nothing was written.")

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, AppError):
            self.owner.context.errors.show_now(exc)
        self._finish(f"Nothing was imported: {exc}" if isinstance(exc, AppError) else "")

    def _finish(self, text: str) -> None:
        self.result.setText(text or "Nothing was imported.")
        self.done = True
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.done
