"""Quarterly review…: a partner's business review pack for a quarter, written to a PDF file.

The quarter is written as people write it ("2026Q4", "Q4 2026") and defaults to the current one;
the file is typed or chosen, in the folder of the last saved PDF. The pack is gathered and
written off the GUI thread (the same bytes as ``main.py qbr``), whole or not at all; a problem
with a field is written under it, one with the file or the partner in the dialog, and the dialog
stays open so the user can fix it. Tests replace ``choose_path`` and ``confirm_replace``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import AppError
from app.domain.quarters import parse_quarter, quarter_of
from app.services.qbr.gather import review_period
from app.services.store import Database
from app.ui.context import UiContext
from app.ui.field_box import ProblemLine, focus_first_problem
from app.ui.labelled_form import FormGrid
from app.ui.open_dialogs import OpenDialogs
from app.ui.operations import IsCancelled, Operation, Progress

PDF_FILTER = "PDF documents (*.pdf)"


def write_review(db: Database, partner: str, quarter: str, today: Any, path: Path) -> Path:
    """Gather the pack, lay it out and write it to ``path``: the work run in the background."""
    from app.io.qbr_pdf import write_qbr_pdf  # reportlab loads with the first PDF
    from app.services.qbr.pdf import review_pdf

    with db.reading() as session:
        pdf = review_pdf(session, partner, quarter, today)
    write_qbr_pdf(path, pdf.data)
    return path


class ReviewDialog(QDialog):
    """The quarter and file of one partner's review pack; ``written`` once the PDF is saved."""

    written = Signal(Path)

    def __init__(
        self,
        context: UiContext,
        db: Database,
        partner_code: str,
        partner_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reviewDialog")
        self.setWindowTitle(f"Quarterly review: {partner_name}")
        self.context, self.db = context, db
        self.partner_code, self.partner_name = partner_code, partner_name
        self.saved: Path | None = None
        self.last_operation: Operation[Path] | None = None
        self.choose_path: Callable[[str], Path | None] = self._choose_path
        self.confirm_replace: Callable[[Path], bool] = self._confirm_replace

        intro = QLabel(
            "A PDF to hand to the partner: the summary and health score, the scorecard's "
            "charts, deals won and open, certifications running out, leads, MDF and spend, and "
            "a page for the next steps agreed in the meeting."
        )
        intro.setWordWrap(True)
        self.form = FormGrid()
        self.quarter = QLineEdit(quarter_of(context.today()))
        self.quarter.setObjectName("reviewQuarter")
        self.quarter.setPlaceholderText("2026Q4")
        self.quarter.setToolTip("The quarter to review, such as 2026Q4 or Q4 2026")
        self.path = QLineEdit(str(self._folder() / self._suggested()))
        self.path.setObjectName("reviewFile")
        self.form.add("quarter", "&Quarter", self.quarter, 0)
        self.form.add("path", "&File", self.path, 1)
        self.browse = QPushButton("C&hoose…")
        self.browse.setObjectName("reviewChoose")
        self.browse.setToolTip("Choose the folder and name of the PDF")
        self.browse.setAutoDefault(False)  # Enter in a field writes the PDF, never browses
        self.browse.clicked.connect(self.browse_for_file)
        # At the top of its cell, level with the file's field above the field's problem line.
        self.form.grid.addWidget(self.browse, 1, 2, Qt.AlignmentFlag.AlignTop)
        self.form.edited.connect(lambda _name: self.check())
        self.quarter.textChanged.connect(self._follow_quarter)
        self.problem = ProblemLine()
        self.problem.setObjectName("reviewProblem")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.write_button = buttons.addButton("&Write PDF", QDialogButtonBox.ButtonRole.AcceptRole)
        self.write_button.setObjectName("writeReview")
        self.write_button.setDefault(True)
        buttons.accepted.connect(self.write)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 12)
        layout.setSpacing(8)
        layout.addWidget(intro)
        layout.addWidget(self.form)
        layout.addStretch(1)
        layout.addWidget(self.problem)
        row = QHBoxLayout()
        row.addWidget(buttons)
        layout.addLayout(row)
        self.resize(660, 260)
        self.quarter.setFocus()

    # --- fields ------------------------------------------------------------------------------

    def _folder(self) -> Path:
        folder = self.context.settings.preferences.last_pdf_folder
        return Path(folder) if folder else Path.home()

    def _suggested(self, quarter: str | None = None) -> str:
        quarter = quarter or parse_quarter(self.quarter.text() if hasattr(self, "quarter") else "")
        quarter = quarter or quarter_of(self.context.today())
        safe = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in self.partner_code)
        return f"{safe}-{quarter}-review.pdf"

    def _follow_quarter(self, text: str) -> None:
        """While the file keeps its suggested name, the name follows the quarter typed."""
        quarter = parse_quarter(text)
        current = Path(self.path.text().strip())
        if quarter is None or not current.name.endswith("-review.pdf"):
            return
        self.path.setText(str(current.with_name(self._suggested(quarter))))

    def _choose_path(self, suggested: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            "Save the business review",
            suggested,
            PDF_FILTER,
            options=QFileDialog.Option.DontConfirmOverwrite,  # asked below, the same everywhere
        )
        return Path(name) if name else None

    def _confirm_replace(self, path: Path) -> bool:
        answer = QMessageBox.question(
            self,
            "Replace the file?",
            f"{path.name} exists already in {path.parent}.\nReplace it with this review?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def browse_for_file(self) -> None:
        chosen = self.choose_path(self.path.text().strip() or str(self._folder()))
        if chosen is not None:
            self.path.setText(str(chosen))

    def target(self) -> Path:
        """The file to write: as typed, with ``.pdf`` added when it has no such ending."""
        path = Path(self.path.text().strip()).expanduser()
        if not path.name or path.suffix.lower() == ".pdf":  # "/" names no file: said in check
            return path
        return path.with_name(path.name + ".pdf")

    def check(self) -> dict[str, str]:
        problems: dict[str, str] = {}
        try:
            review_period(self.quarter.text(), self.context.today())
        except AppError as exc:
            problems["quarter"] = exc.message
        if not self.path.text().strip():
            problems["path"] = "Type the PDF's file name, or choose it."
        elif self.target().is_dir():
            problems["path"] = "That is a folder: add the file's name."
        self.form.show_problems(problems)
        return problems

    # --- writing ------------------------------------------------------------------------------

    def write(self) -> bool:
        """Check, ask before replacing a file, then write in the background."""
        self.form.reveal_all = True
        problems = self.check()
        if problems:
            focus_first_problem(self.form.widgets, problems)
            return False
        path = self.target()
        if path.exists() and not self.confirm_replace(path):
            return False
        self.problem.say("")
        self.write_button.setEnabled(False)
        quarter, today, db, code = (
            self.quarter.text(),
            self.context.today(),
            self.db,
            self.partner_code,
        )

        def work(_progress: Progress, _cancelled: IsCancelled) -> Path:
            return write_review(db, code, quarter, today, path)

        self.last_operation = (
            Operation(self, self.context.errors, work)
            .success(self._written)
            .failure(self._failed)
            .with_progress(f"Writing the business review of {self.partner_name}…")
            .run_in_background()
        )
        return True

    def _written(self, path: Path) -> None:
        self.saved = path
        self.context.settings.preferences.last_pdf_folder = str(path.parent)
        self.written.emit(path)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.write_button.setEnabled(True)
        if isinstance(exc, AppError):
            self.problem.say(exc.message)
        else:
            self.context.errors.show_now(exc)


class ReviewButton(QPushButton):
    """Quarterly review… for a partner shown elsewhere (the partner's Scorecard tab): opens the
    dialog for the partner ``partner()`` names (Partner ID, or its name without one) at the
    moment of the click."""

    def __init__(
        self,
        context: UiContext,
        db: Database,
        partner: Callable[[], str | None],
        name: Callable[[], str | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("&Quarterly review…", parent)
        self.setObjectName("scorecardReview")
        self.setToolTip("Write this partner's quarterly business review pack as a PDF")
        self.context, self.db, self.partner, self.name = context, db, partner, name
        self.dialogs: OpenDialogs[ReviewDialog] = OpenDialogs()
        self.clicked.connect(self.open_dialog)

    def open_dialog(self) -> ReviewDialog | None:
        code = self.partner()
        if code is None:  # a partner not saved yet has no review
            return None
        dialog = ReviewDialog(self.context, self.db, code, self.name() or code, self.window())
        dialog.written.connect(self._say_written)
        return self.dialogs.show(dialog)

    def _say_written(self, path: Path) -> None:
        show = getattr(self.window().parentWidget() or self.window(), "show_message", None)
        if callable(show):
            show(f"Saved the business review to {path}")
