"""Preview and print a quote revision's PDF inside the app.

The bytes are the same the e-mail and the command line use (``render_revision``: an issued
revision's kept PDF), so what the user sees is what the customer gets; when they are not the PDF
as issued (an old revision whose original was not kept), a note above the pages says so.
Printing asks through a print dialog that tests replace, so a test prints to a PDF file without
a modal window.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QSize
from PySide6.QtGui import QKeySequence, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.domain.quote_print import QuoteDocument
from app.services.quotes.pdf import QuotePdf, render_revision
from app.services.store import Database

#: Asks the user where and how to print; True to go ahead. Tests pass one that says yes.
AskPrinter = Callable[[QPrinter, QWidget], bool]


def render_pdf(document: QuoteDocument) -> bytes:
    """The quote's PDF; reportlab and the fonts load with the first preview, not at start-up."""
    from app.io.quote_pdf import render_quote_pdf

    return render_quote_pdf(document)


def ask_with_dialog(printer: QPrinter, parent: QWidget) -> bool:
    return QPrintDialog(printer, parent).exec() == QDialog.DialogCode.Accepted


def revision_pdf(db: Database, number: str, revision: int | None) -> QuotePdf:
    """The revision's PDF: an issued one as kept at its first print (kept now if this is it)."""
    with db.transaction() as session:
        return render_revision(session, number, revision, render_pdf)


class PdfPreview(QDialog):
    """Shows a PDF page after page; Print (Ctrl+P) sends it to a printer, Save PDF (Ctrl+S)
    writes it to a file when ``save`` is given. ``notice``, when given, is shown above the
    pages (this copy is not the PDF as issued)."""

    def __init__(
        self,
        data: bytes,
        title: str,
        parent: QWidget | None = None,
        ask_printer: AskPrinter = ask_with_dialog,
        notice: str = "",
        save: Callable[[], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("pdfPreview")
        self.setWindowTitle(f"Preview — {title}")
        self.ask_printer = ask_printer
        self._bytes = QByteArray(data)
        self._buffer = QBuffer(self._bytes, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)
        self.view = QPdfView(self)
        self.view.setAccessibleName("Quote PDF")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        pages = self.document.pageCount()
        self.pages_label = QLabel(f"{pages} page{'s' if pages != 1 else ''}")
        self.print_button = QPushButton("&Print…")
        self.print_button.clicked.connect(self.print_document)
        self.save_button = QPushButton("&Save PDF…")
        self.save_button.setObjectName("savePdf")
        self.save_button.setToolTip("Write this PDF to a file (Ctrl+S)")
        self.save_button.setVisible(save is not None)
        if save is not None:
            self.save_button.clicked.connect(lambda: save())
            QShortcut(QKeySequence.StandardKey.Save, self).activated.connect(lambda: save())
        close = QPushButton("Close")
        close.clicked.connect(self.reject)
        bar = QHBoxLayout()
        bar.addWidget(self.pages_label)
        bar.addStretch(1)
        bar.addWidget(self.save_button)
        bar.addWidget(self.print_button)
        bar.addWidget(close)
        self.notice = QLabel(notice)
        self.notice.setObjectName("pdfNotice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color: #8a5a00;")
        self.notice.setVisible(bool(notice))
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addWidget(self.view, 1)
        layout.addLayout(bar)
        QShortcut(QKeySequence.StandardKey.Print, self).activated.connect(self.print_document)
        self.resize(page_size(self.screen().availableGeometry().height()))

    def print_document(self, printer: QPrinter | None = None) -> bool:
        """Each page drawn as an image at the printer's resolution; False if the user cancels."""
        printer = printer or QPrinter(QPrinter.PrinterMode.HighResolution)
        if not self.ask_printer(printer, self):
            return False
        painter = QPainter()
        if not painter.begin(printer):
            return False
        try:
            for page in range(self.document.pageCount()):
                if page:
                    printer.newPage()
                target = painter.viewport().size()
                points = self.document.pagePointSize(page)
                scale = min(target.width() / points.width(), target.height() / points.height())
                size = QSize(int(points.width() * scale), int(points.height() * scale))
                image = self.document.render(page, size)
                painter.drawImage(QPointF(0, 0), image)
        finally:
            painter.end()
        return True


def page_size(screen_height: int) -> QSize:
    """An A4 page's proportions at the height the screen gives (less room for the title bar
    and the buttons), never larger than a page shown at 96 dots per inch."""
    height = min(980, screen_height - 60)
    return QSize(min(820, round(height * 0.84)), height)
