"""The letterhead every PDF of ours opens with: the logo and the company at the left, the
document's title and its facts at the right, an accent rule under both.

A quote and a business review are handed to the same partner, so they share this one drawing.
The facts' column is as wide as its widest value (measured in the font it prints in), so a fact
such as a running quarter's "2026-04-01 to 2026-04-20 (to date)" stays on one line.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from app.domain.quote_print import Letterhead
from app.io.pdf_fonts import SANS, SANS_BOLD, register_fonts
from app.io.pdf_logo import logo
from app.io.quote_pdf_style import ACCENT, MUTED, WIDTH, para

LABEL_SIZE = 8
VALUE_SIZE = 9
MIN_LABEL = 20 * mm
MIN_VALUE = 36 * mm
GAP = 2 * mm  # between a fact's label and its value
SLACK = 1  # points: a paragraph wraps a text measured exactly as wide as its column
#: The company's side keeps at least this much of the page, however long a fact.
MIN_COMPANY = WIDTH / 2


def letterhead(company: Letterhead, title: Paragraph, facts: Sequence[tuple[str, str]]) -> Table:
    """The letterhead of one document: ``title`` over ``facts`` (label, value), each on a line."""
    register_fonts()  # measured before any paragraph is made
    label_width = max(MIN_LABEL, _widest([label for label, _ in facts], SANS.name, LABEL_SIZE))
    value_width = max(MIN_VALUE, _widest([value for _, value in facts], SANS_BOLD.name, VALUE_SIZE))
    right_width = min(label_width + GAP + value_width, WIDTH - MIN_COMPANY)
    value_width = right_width - label_width - GAP
    fact_table = Table(
        [[label, para(value, "fact", bold=True)] for label, value in facts],
        colWidths=[label_width + GAP, value_width],
        hAlign="RIGHT",
    )
    fact_table.setStyle(
        [
            ("FONT", (0, 0), (-1, -1), SANS.name, LABEL_SIZE),
            ("TEXTCOLOR", (0, 0), (0, -1), MUTED),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ]
    )
    right: list[Flowable] = [title, Spacer(1, 2 * mm), fact_table]
    table = Table([[_company(company), right]], colWidths=[WIDTH - right_width, right_width])
    table.setStyle(
        [
            ("FONT", (0, 0), (-1, -1), SANS.name, LABEL_SIZE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("LINEBELOW", (0, 0), (-1, 0), 1.2, ACCENT),
            ("BOTTOMPADDING", (0, 0), (-1, 0), 4 * mm),
        ]
    )
    return table


def _company(company: Letterhead) -> list[Flowable]:
    """The logo (when there is one), the company's name, address lines and contact line."""
    cells: list[Flowable] = []
    picture = logo(company.logo_path)
    if picture is not None:
        cells += [picture, Spacer(1, 2 * mm)]
    cells.append(para(company.name, "company", bold=True))
    cells += [para(line.strip(), "small") for line in company.address.splitlines() if line.strip()]
    contact = "  ·  ".join(part for part in (company.email, company.phone) if part.strip())
    if contact:
        cells.append(para(contact, "small"))
    return cells


def _widest(texts: Sequence[str], font: str, size: float) -> float:
    measure = pdfmetrics.getFont(font).stringWidth
    return max((measure(text, size) for text in texts), default=0.0) + SLACK
