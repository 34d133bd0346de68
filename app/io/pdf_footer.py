"""The foot of every page of the product's PDFs, quotes and business reviews alike: a rule, the
company's name with what the document is, and the company's own line (registration, tax number,
bank) under it. One drawing, so the two documents a partner receives end their pages the same."""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from app.domain.quote_print import Letterhead
from app.io.pdf_fonts import SANS, plain
from app.io.quote_pdf_style import LEFT, MUTED, RULE, para


def draw_footer(canvas: Canvas, company: Letterhead, what: str, width: float) -> None:
    """Draw the footer of a page ``width`` points wide; ``what`` names the document ("Q-2026-0001
    rev 2"). The page number is the numbered canvas's, drawn at its end."""
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(LEFT, 38, width - LEFT, 38)
    canvas.setFont(SANS.name, 8)
    canvas.setFillColor(MUTED)
    if plain(company.name):  # drawString neither falls back nor shapes
        what = f"{company.name}  ·  {what}"
    if plain(what):
        canvas.drawString(LEFT, 28, what)
    if company.footer.strip():
        # Drawn as a Paragraph so any script prints and nothing in it is read as markup.
        note = para(" · ".join(company.footer_lines()), "footer")
        _width, used = note.wrap(width - 2 * LEFT, 30)
        note.drawOn(canvas, LEFT, 22 - used)
