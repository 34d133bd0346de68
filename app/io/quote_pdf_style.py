"""The quote PDF's look, shared by its blocks and its line table: page geometry, colours,
paragraph styles, and database text as a Paragraph.

Text from the database is never markup: ``para`` goes through ``pdf_fonts.rich``, which escapes
it and picks a font per run of script.
"""

from __future__ import annotations

import functools

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph

from app.io import pdf_fonts
from app.io.pdf_fonts import SANS, SANS_BOLD, needs_shaping, rich

PAGE = A4
MARGIN = 15 * mm
BOTTOM = 20 * mm
FRAME_PAD = 6  # SimpleDocTemplate's frame padding on each side
LEFT = MARGIN + FRAME_PAD
WIDTH = PAGE[0] - 2 * LEFT
ACCENT = colors.HexColor("#2459d6")
RULE = colors.HexColor("#c9d2e3")
STRIPE = colors.HexColor("#f3f6fb")
MUTED = colors.HexColor("#555555")

CELL_SIZE = 8
PAD = 3  # table cell padding left and right


@functools.cache
def styles() -> dict[str, ParagraphStyle]:
    """The paragraph styles, made once per process (the bundled fonts are registered first)."""
    pdf_fonts.register_fonts()
    base = ParagraphStyle("base", fontName=SANS.name, fontSize=9, leading=12)
    return {
        "base": base,
        "company": ParagraphStyle("company", parent=base, fontName=SANS_BOLD.name, fontSize=14,
                                  leading=18, textColor=ACCENT),
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10.5, textColor=MUTED),
        "title": ParagraphStyle("title", parent=base, fontName=SANS_BOLD.name, fontSize=20,
                                leading=24, alignment=TA_RIGHT, textColor=ACCENT),
        "label": ParagraphStyle("label", parent=base, fontSize=7.5, leading=10, textColor=MUTED),
        "fact": ParagraphStyle("fact", parent=base, fontName=SANS_BOLD.name, fontSize=9,
                               leading=11, alignment=TA_RIGHT),
        "party": ParagraphStyle("party", parent=base, fontName=SANS_BOLD.name, fontSize=10,
                                leading=13),
        "cell": ParagraphStyle("cell", parent=base, fontSize=CELL_SIZE, leading=10),
        "cell_small": ParagraphStyle("cell_small", parent=base, fontSize=7, leading=9,
                                     alignment=TA_LEFT),
        "footer": ParagraphStyle("footer", parent=base, fontSize=7, leading=8.5, textColor=MUTED),
        "heading": ParagraphStyle("heading", parent=base, fontName=SANS_BOLD.name, fontSize=9,
                                  leading=12, spaceBefore=10, spaceAfter=3),
    }  # fmt: skip


def para(text: str, style: str, bold: bool = False) -> Paragraph:
    """Database text as a Paragraph that prints exactly ``text`` in whatever script; HarfBuzz
    shaping is asked for only where right-to-left letters need it."""
    chosen = styles()[style]
    if needs_shaping(text):
        chosen = ParagraphStyle(f"{style}_shaped", parent=chosen, shaping=1)
    return Paragraph(rich(text, bold), chosen)
