"""Saving a quote revision's PDF to a file of the user's choice.

The bytes are those of ``main.py quote pdf``: an issued revision's kept PDF (kept now if this
is its first print), a draft's fresh one; they are written atomically inside the same
transaction, so a failed write keeps nothing and leaves an existing file as it was. The folder
of the last saved PDF is offered next time. Replacing a file is asked first, by this code rather
than the platform's dialog, so it reads the same everywhere. Tests replace ``choose_path`` and
``confirm_replace``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.domain.errors import AppError
from app.services.quotes.pdf import QuotePdf, render_revision
from app.services.store import Database
from app.ui.context import UiContext
from app.ui.quotes.editor.preview import render_pdf

PDF_FILTER = "PDF documents (*.pdf)"


def save_revision_pdf(db: Database, number: str, revision: int | None, path: Path) -> QuotePdf:
    """Write the revision's PDF to ``path``: the same bytes ``quote pdf`` writes."""
    from app.io.quote_pdf import write_quote_pdf  # reportlab loads with the first PDF

    with db.transaction() as session:
        pdf = render_revision(session, number, revision, render_pdf)
        write_quote_pdf(path, pdf.data)
    return pdf


class PdfSaver:
    """Asks where, asks before replacing a file, writes, and says what happened."""

    def __init__(self, db: Database, context: UiContext, parent: QWidget) -> None:
        self.db = db
        self.context = context
        self.parent = parent
        self.last_saved: Path | None = None  # tests and the status line read it

    def choose_path(self, suggested: str) -> Path | None:
        """The platform's save dialog in the folder of the last saved PDF."""
        folder = self.context.settings.preferences.last_pdf_folder or str(Path.home())
        name, _ = QFileDialog.getSaveFileName(
            self.parent,
            "Save the quote's PDF",
            str(Path(folder) / suggested),
            PDF_FILTER,
            options=QFileDialog.Option.DontConfirmOverwrite,  # asked below, the same everywhere
        )
        return Path(name) if name else None

    def confirm_replace(self, path: Path) -> bool:
        answer = QMessageBox.question(
            self.parent,
            "Replace the file?",
            f"{path.name} exists already in {path.parent}.\nReplace it with this quote's PDF?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def save(self, number: str, revision: int | None) -> Path | None:
        """Ask and write; ``None`` when the user cancelled or the file could not be written
        (the message says why, and which folder to try instead)."""
        suggested = f"{number}-rev{revision}.pdf" if revision else f"{number}.pdf"
        path = self.choose_path(suggested)
        if path is None:
            return None
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        if path.exists() and not path.is_dir() and not self.confirm_replace(path):
            return None
        try:
            save_revision_pdf(self.db, number, revision, path)
        except AppError as exc:
            self.context.errors.show_now(exc)
            return None
        self.context.settings.preferences.last_pdf_folder = str(path.parent)
        self.last_saved = path
        return path
