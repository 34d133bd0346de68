"""A quote revision as PDF bytes (reportlab platypus), the same bytes every time.

Layout, A4 portrait: letterhead (logo, company) beside the quote's number, revision and dates;
partner and end-customer blocks; one table of lines whose header repeats on every page and whose
totals rows (list total, discount, subtotal, tax with its rate, total) are kept on one page with
the last lines, and a legend of the discounts' short names; the terms; "Page x of y" and the
company's footer line under every page; a DRAFT watermark on drafts and on
quotes waiting for approval.

Every figure is the stored one, printed by ``format_amount``/``format_money`` (1,234.50 with the
currency code). Text from the database is never markup: it goes through ``pdf_fonts.rich`` (or is
drawn as a plain string, which reportlab never interprets).
"""

from __future__ import annotations

import functools
import io
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table
from reportlab.platypus.doctemplate import BaseDocTemplate

from app.domain.quote_print import PartyBlock, QuoteDocument, discount_legend
from app.io.atomic import atomic_path
from app.io.pdf_canvas import NumberedCanvas
from app.io.pdf_fonts import SANS, SANS_BOLD
from app.io.pdf_footer import draw_footer
from app.io.pdf_letterhead import letterhead
from app.io.quote_pdf_style import (
    ACCENT,
    BOTTOM,
    LEFT,
    MARGIN,
    PAGE,
    STRIPE,
    WIDTH,
    para,
    styles,
)
from app.io.quote_pdf_table import line_table


def write_quote_pdf(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically: a failed write leaves an existing file as it was
    and raises ``InputError`` with one line saying what to do."""
    with atomic_path(path) as temporary:
        temporary.write_bytes(data)


def render_quote_pdf(document: QuoteDocument) -> bytes:
    """The PDF of ``document``: the same bytes for the same document, in any process."""
    view = document.view
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=BOTTOM,
        title=f"Quote {view.number} rev {view.revision}",
        author=document.company.name,
        subject=f"Quote for {view.account}",
        creator="Channel Desk",
        invariant=1,
    )
    story: list[Flowable] = [
        _letterhead(document),
        Spacer(1, 6 * mm),
        _parties(document.partner, document.account),
        Spacer(1, 6 * mm),
        line_table(view),
    ]
    legend = discount_legend(view.lines)
    if legend:
        story += [Spacer(1, 2 * mm), para(legend, "small")]
    if document.terms.strip():
        story += [Paragraph("Terms", styles()["heading"]), para(document.terms, "small")]

    def on_page(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        _page_decor(canvas, document)

    doc.build(
        story,
        onFirstPage=on_page,
        onLaterPages=on_page,
        canvasmaker=functools.partial(
            NumberedCanvas,
            created=document.created,
            footer_font=SANS.name,
            footer_right_margin=LEFT,
        ),
    )
    return out.getvalue()


# Blocks -----------------------------------------------------------------------------------------


def _letterhead(document: QuoteDocument) -> Table:
    view = document.view
    facts = [
        ("Quote", view.number),
        ("Revision", str(view.revision)),
        ("Date", view.quote_date.isoformat()),
        ("Valid until", view.valid_until.isoformat() if view.valid_until else "—"),
        ("Currency", view.currency),
    ]
    return letterhead(document.company, Paragraph("QUOTE", styles()["title"]), facts)


def _parties(partner: PartyBlock, account: PartyBlock) -> Table:
    gap = 6 * mm
    half = (WIDTH - gap) / 2

    def block(party: PartyBlock) -> list[Flowable]:
        cells: list[Flowable] = [
            Paragraph(party.title.upper(), styles()["label"]),
            para(party.name or "—", "party", bold=True),
        ]
        cells += [para(line, "small") for line in party.details if line.strip()]
        return cells

    table = Table([[block(partner), "", block(account)]], colWidths=[half, gap, half])
    table.setStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (0, 0), STRIPE),
            ("BACKGROUND", (2, 0), (2, 0), STRIPE),
            ("LINEBEFORE", (0, 0), (0, 0), 2, ACCENT),
            ("LINEBEFORE", (2, 0), (2, 0), 2, ACCENT),
            ("LEFTPADDING", (0, 0), (-1, -1), 3 * mm),
            ("TOPPADDING", (0, 0), (-1, -1), 2 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5 * mm),
        ]
    )
    return table


# Page decoration --------------------------------------------------------------------------------


def _page_decor(canvas: Canvas, document: QuoteDocument) -> None:
    """Under the content of every page: the DRAFT watermark, and the footer's left part."""
    width, height = PAGE
    view = document.view
    canvas.saveState()
    if document.watermark:
        canvas.setFillColor(colors.Color(0.85, 0.1, 0.1, alpha=0.13))
        canvas.setFont(SANS_BOLD.name, 120)
        canvas.translate(width / 2, height / 2)
        canvas.rotate(40)
        canvas.drawCentredString(0, -40, document.watermark)
        canvas.rotate(-40)
        canvas.translate(-width / 2, -height / 2)
    draw_footer(canvas, document.company, f"{view.number} rev {view.revision}", width)
    canvas.restoreState()
