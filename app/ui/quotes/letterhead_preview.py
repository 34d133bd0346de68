"""The live picture of a quote page's header and footer, drawn by the real PDF renderer.

The settings page shows the letterhead exactly as quotes will print it: a one-line sample quote
is rendered with the values as typed (``render_quote_pdf``, the renderer every quote uses), and
the top of its page (letterhead, parties) and its foot (page line, footer) are shown one above
the other. Rendering takes a few hundredths of a second, so it waits for a pause in the typing.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap, QResizeEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from app.domain.enums import QuoteStatus
from app.domain.pricing import PricedLine, QuoteTotals
from app.domain.quote_print import Letterhead, PartyBlock, QuoteDocument
from app.domain.quote_view import QuoteView

HEADER_PART = 0.26  # of the page's height: letterhead and parties
FOOTER_PART = 0.065  # the page line and the company's footer
GAP = 14


def sample_document(company: Letterhead, terms: str, today: date) -> QuoteDocument:
    """A one-line issued quote around ``company``: what every quote's header and footer show."""
    line = PricedLine(1, "SKU-1", "Sample product", None, 1, Decimal(100), Decimal(0),
                      Decimal(0), Decimal(0), Decimal(0), Decimal(100), Decimal(100))  # fmt: skip
    totals = QuoteTotals(Decimal(100), Decimal(0), Decimal(100), Decimal(0), Decimal(0),
                         Decimal(100))  # fmt: skip
    view = QuoteView(
        number=f"Q-{today.year}-00001", revision=1, status=QuoteStatus.ISSUED, quote_date=today,
        valid_until=None, currency="EUR", partner="Partner name", partner_code=None,
        account="End customer", account_country=None, lines=(line,), totals=totals,
        issued_at=None, revisions=1,
    )  # fmt: skip
    return QuoteDocument(
        view=view,
        company=company,
        partner=PartyBlock("Partner", "Partner name", ("City, Country",)),
        account=PartyBlock("End customer", "End customer", ("City, Country",)),
        terms=terms,
    )


def render_sample(document: QuoteDocument) -> bytes:
    from app.io.quote_pdf import render_quote_pdf  # reportlab loads with the first preview

    return render_quote_pdf(document)


def header_and_footer(data: bytes, width: int) -> QImage:
    """The first page of ``data`` at ``width`` pixels: its top part above its foot."""
    buffer_bytes = QByteArray(data)
    buffer = QBuffer(buffer_bytes)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    points = document.pagePointSize(0)
    height = int(width * points.height() / points.width())
    page = document.render(0, QSize(width, height))
    top = int(height * HEADER_PART)
    foot = int(height * FOOTER_PART)
    picture = QImage(width, top + GAP + foot, QImage.Format.Format_ARGB32)
    picture.fill(QColor("#e4e7ec"))
    painter = QPainter(picture)
    painter.drawImage(QRect(0, 0, width, top), page, QRect(0, 0, width, top))
    painter.drawImage(QRect(0, top + GAP, width, foot), page, QRect(0, height - foot, width, foot))
    painter.end()
    document.close()
    return picture


class LetterheadPreview(QLabel):
    """Shows the header and footer of ``data``'s first page."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("letterheadPreview")
        self.setAccessibleName("Preview of the quote's header and footer")
        self.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        self.setMinimumSize(300, 200)
        # The picture follows the label's width; it never asks for room of its own.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.pdf = b""  # what is shown (tests read its text)

    def show_pdf(self, data: bytes) -> None:
        self.pdf = data
        self._draw()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.pdf:
            self._draw()

    def _draw(self) -> None:
        self.setPixmap(QPixmap.fromImage(header_and_footer(self.pdf, max(self.width(), 200))))
