"""The review pack's look: the quote PDF's geometry, colours and styles, and the few styles a
review adds (its section titles, headline figures and the partner's name).

Text from the database is never markup: ``para`` goes through ``pdf_fonts.rich`` as the quote's
does.
"""

from __future__ import annotations

import functools

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from app.io.pdf_fonts import SANS_BOLD, needs_shaping, rich
from app.io.quote_pdf_style import ACCENT, styles


@functools.cache
def qbr_styles() -> dict[str, ParagraphStyle]:
    """The quote's styles and the review's own, made once per process."""
    base = styles()
    own = {
        "section": ParagraphStyle("qbr_section", parent=base["base"], fontName=SANS_BOLD.name,
                                  fontSize=13, leading=17, textColor=ACCENT, spaceBefore=10,
                                  spaceAfter=4),
        "doc_title": ParagraphStyle("qbr_title", parent=base["title"], fontSize=16, leading=20),
        "subtitle": ParagraphStyle("qbr_subtitle", parent=base["heading"], fontSize=9.5,
                                   spaceBefore=8, spaceAfter=3),
        "figure": ParagraphStyle("qbr_figure", parent=base["base"], fontName=SANS_BOLD.name,
                                 fontSize=13, leading=17),
        "party_large": ParagraphStyle("qbr_party", parent=base["party"], fontSize=15,
                                      leading=19),
        "cell_right": ParagraphStyle("qbr_cell_right", parent=base["cell"], alignment=TA_RIGHT),
        "running": ParagraphStyle("qbr_running", parent=base["footer"], fontSize=7.5,
                                  leading=9),
    }  # fmt: skip
    return {**base, **own}


def para(text: str, style: str, bold: bool = False) -> Paragraph:
    """Database text as a Paragraph that prints exactly ``text`` in whatever script."""
    chosen = qbr_styles()[style]
    if needs_shaping(text):
        chosen = ParagraphStyle(f"{chosen.name}_shaped", parent=chosen, shaping=1)
    return Paragraph(rich(text, bold), chosen)
