"""Company and documents: the letterhead every quote prints, with a live preview.

Company name, address, e-mail, phone, logo, terms and footer are business settings shared by
everyone on the database (``main.py settings`` changes the same ones). What is typed is shown
at once as the quote page's header and footer, drawn by the PDF renderer itself; Save checks
every field by the rules the command line uses, and nothing is stored until all are right.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import AppError, InputError
from app.domain.letterhead import LABELS, LETTERHEAD_FIELDS
from app.domain.quote_print import Letterhead
from app.services.company import save_settings_text, settings_text
from app.services.store import Database
from app.ui.context import UiContext
from app.ui.quotes.letterhead_preview import LetterheadPreview, render_sample, sample_document
from app.ui.unsaved import AsksBeforeDiscarding

PICTURES = "Pictures (*.png *.jpg *.jpeg)"
MULTI_LINE = frozenset({"company_address", "quote_terms", "quote_footer"})


class CompanyDialog(AsksBeforeDiscarding, QDialog):
    """Edit the letterhead and the quote's texts; the preview follows the typing."""

    noun = "letterhead"

    def __init__(self, db: Database, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("companySettings")
        self.setWindowTitle("Company and documents")
        self.db, self.context = db, context
        with db.reading() as session:
            stored = settings_text(session)
        self.fields: dict[str, QLineEdit | QPlainTextEdit] = {}
        form = QFormLayout()
        for key in LETTERHEAD_FIELDS:
            field: QLineEdit | QPlainTextEdit
            if key in MULTI_LINE:
                field = QPlainTextEdit(stored[key])
                field.setTabChangesFocus(True)
                field.setFixedHeight(field.fontMetrics().lineSpacing() * (5 if key ==
                                     "quote_terms" else 3) + 12)  # fmt: skip
                field.textChanged.connect(self.later)
            else:
                field = QLineEdit(stored[key])
                field.textChanged.connect(self.later)
            field.setObjectName(key)
            field.setAccessibleName(LABELS[key])
            self.fields[key] = field
            if key == "company_logo_path":
                field.setPlaceholderText("none: the Channel Desk logo")
                browse = QPushButton("Choose…")
                browse.setObjectName("chooseLogo")
                browse.clicked.connect(self.choose_logo)
                row = QHBoxLayout()
                row.addWidget(field, 1)
                row.addWidget(browse)
                form.addRow(f"{LABELS[key]}:", row)
            else:
                form.addRow(f"{LABELS[key]}:", field)
        self.problems = QLabel("")
        self.problems.setObjectName("problems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #a33;")
        self.problems.setMinimumHeight(self.problems.fontMetrics().lineSpacing() * 2)
        self.preview = LetterheadPreview()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(250)
        self.timer.timeout.connect(self.refresh_preview)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(self.problems)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(QLabel("How quotes will look (top and foot of a page):"))
        right.addWidget(self.preview, 1)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        outer = QVBoxLayout(self)
        outer.addLayout(columns, 1)
        outer.addWidget(buttons)
        self.resize(980, 560)
        self.refresh_preview()

    def values(self) -> dict[str, str]:
        return {
            key: field.toPlainText() if isinstance(field, QPlainTextEdit) else field.text()
            for key, field in self.fields.items()
        }

    def later(self) -> None:
        """Draw the preview again once the typing pauses."""
        self.timer.start()

    def refresh_preview(self) -> None:
        v = self.values()
        company = Letterhead(
            name=v["company_name"], address=v["company_address"], email=v["company_email"],
            phone=v["company_phone"], logo_path=v["company_logo_path"], footer=v["quote_footer"],
        )  # fmt: skip
        document = sample_document(company, v["quote_terms"], self.context.today())
        self.preview.show_pdf(render_sample(document))

    def choose_logo(self) -> None:
        field = self.fields["company_logo_path"]
        assert isinstance(field, QLineEdit)
        start = field.text().strip() or str(Path.home())
        name, _ = QFileDialog.getOpenFileName(self, "Choose the logo", start, PICTURES)
        if name:
            field.setText(name)

    def save(self) -> None:
        """Store every field, or say what is wrong with each and store nothing."""
        from app.io.pdf_logo import check_logo

        values = self.values()
        logo_problem = ""
        try:
            values["company_logo_path"] = check_logo(values["company_logo_path"])
        except AppError as exc:
            logo_problem = str(exc)
            del values["company_logo_path"]
        try:
            with self.db.transaction() as session:
                save_settings_text(session, values)
                if logo_problem:  # the other fields were checked too; nothing is kept
                    raise InputError(logo_problem)
        except AppError as exc:
            said = str(exc)
            if logo_problem and logo_problem not in said:
                said = f"{said}\n{logo_problem}"
            self.problems.setText(said)
            return
        self.accept()
