"""A partner's quarterly business review pack as PDF bytes (reportlab platypus).

A4 portrait, in the quote's fonts and look: the letterhead and the partner on the first page with
the summary (headline figures and the health score with its rules); the scorecard's charts as
vector drawings (no pictures: they print sharp at any size); one section per part of the review,
its tables running over pages with their headers repeated; last, a page of agreed next steps left
blank for the meeting. Every page after the first names the partner and the quarter at its top;
every page has the company's footer and "Page x of y".

Nothing here reads the database or works out a figure: the text arrives written
(``QbrPrint``), so the pack prints exactly what the screens show. The same pack gives the same
bytes: the creation date is the day it was prepared, not the clock.
"""

from __future__ import annotations

import functools
import io
from datetime import UTC, datetime, time
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    SimpleDocTemplate,
    Spacer,
)
from reportlab.platypus.doctemplate import BaseDocTemplate

from app.io.atomic import atomic_path
from app.io.pdf_canvas import NumberedCanvas
from app.io.pdf_fonts import SANS
from app.io.pdf_footer import draw_footer
from app.io.qbr_pdf_blocks import (
    chart_grid,
    figure_grid,
    health_block,
    letterhead,
    next_steps,
    partner_banner,
)
from app.io.qbr_pdf_model import PrintSection, QbrPrint
from app.io.qbr_pdf_style import para
from app.io.qbr_pdf_tables import print_table
from app.io.quote_pdf_style import BOTTOM, LEFT, MARGIN, PAGE, RULE

#: Rows of a table kept on one page with its subtitle.
SHORT_TABLE = 12


def write_qbr_pdf(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all; a failed write leaves an existing file as
    it was and raises ``InputError`` with one line saying what to do."""
    with atomic_path(path) as temporary:
        temporary.write_bytes(data)


def render_qbr_pdf(pack: QbrPrint) -> bytes:
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN + 3 * mm,
        bottomMargin=BOTTOM,
        title=pack.title,
        author=pack.company.name,
        subject=f"Quarterly business review with {pack.partner}, {pack.quarter}",
        creator="Channel Desk",
        invariant=1,
        # Every page starts in the embedded font, so no unembedded standard font is named.
        initialFontName=SANS.name,
    )
    doc.build(
        story(pack),
        onFirstPage=functools.partial(_decor, pack=pack, first=True),
        onLaterPages=functools.partial(_decor, pack=pack, first=False),
        canvasmaker=functools.partial(
            NumberedCanvas,
            created=datetime.combine(pack.prepared_on, time(0), tzinfo=UTC),
            footer_font=SANS.name,
            footer_right_margin=LEFT,
        ),
    )
    return out.getvalue()


def story(pack: QbrPrint) -> list[Flowable]:
    """The flowables of the whole pack, in reading order."""
    flow: list[Flowable] = [
        letterhead(pack),
        Spacer(1, 5 * mm),
        partner_banner(pack),
        Spacer(1, 5 * mm),
        para("Summary", "section"),
        figure_grid(pack),
        Spacer(1, 3 * mm),
        health_block(pack),
    ]
    charts = chart_grid(pack)
    if charts is not None:
        flow += [PageBreak(), para("Scorecard", "section"), charts]
    for section in pack.sections:
        flow += _section(section)
    flow += [PageBreak(), *next_steps(pack)]
    return flow


def _section(section: PrintSection) -> list[Flowable]:
    """A section's title and tables. A short table stays whole with its subtitle; a long one
    starts only where a few of its rows fit under its subtitle, then runs over pages."""
    flow: list[Flowable] = [
        PageBreak() if section.new_page else CondPageBreak(50 * mm),
        para(section.title, "section"),
    ]
    if section.intro:
        flow.append(para(section.intro, "small"))
    for subtitle, table in section.tables:
        titled = [para(subtitle, "subtitle")] if subtitle else []
        if len(table.rows) <= SHORT_TABLE:
            flow.append(KeepTogether([*titled, print_table(table)]))
        else:
            flow += [CondPageBreak(35 * mm), *titled, print_table(table)]
    return flow


def _decor(canvas: Canvas, _doc: BaseDocTemplate, pack: QbrPrint, first: bool) -> None:
    """Around the content of every page: after the first, whose review it is at the top; on all,
    the footer's left part and the company's own line (page numbers: ``NumberedCanvas``)."""
    width, height = PAGE
    canvas.saveState()
    if not first:
        running = para(
            f"{pack.company.name}  ·  Quarterly business review  ·  {pack.partner}  ·  "
            f"{pack.quarter}",
            "running",
        )
        _w, used = running.wrap(width - 2 * LEFT, 20)
        running.drawOn(canvas, LEFT, height - MARGIN + 2 * mm - used + 9)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(LEFT, height - MARGIN + 1 * mm, width - LEFT, height - MARGIN + 1 * mm)
    draw_footer(canvas, pack.company, f"Business review {pack.partner_code} {pack.quarter}", width)
    canvas.restoreState()
