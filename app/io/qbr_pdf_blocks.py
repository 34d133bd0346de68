"""The review pack's blocks: letterhead, the summary's figures and health score, the charts as
vector drawings, and the blank page of agreed next steps.

The letterhead is the quote's (logo and company at the left, the document's facts at the right,
an accent rule under both), so a partner receives the two in the same hand.
"""

from __future__ import annotations

from typing import Any

from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from app.io.charts.files import chart_drawing
from app.io.charts.spec import ChartSpec
from app.io.pdf_fonts import SANS, SANS_BOLD
from app.io.pdf_letterhead import letterhead as shared_letterhead
from app.io.qbr_pdf_model import QbrPrint
from app.io.qbr_pdf_style import para, qbr_styles
from app.io.quote_pdf_style import ACCENT, MUTED, RULE, STRIPE, WIDTH

#: Every layout table names the embedded font, even where its cells are empty: reportlab would
#: otherwise select its unembedded Helvetica for them.
BASE_FONT = ("FONT", (0, 0), (-1, -1), SANS.name, 8)
CHART_HEIGHT = 72 * mm
CHART_GAP = 6 * mm
FIGURES_PER_ROW = 3


def letterhead(pack: QbrPrint) -> Table:
    has_id = pack.partner_code != pack.partner  # a partner without one is keyed by its name
    facts = [
        *([("Partner ID", pack.partner_code)] if has_id else []),
        ("Quarter", pack.quarter),
        ("Period", pack.period),
        ("Prepared", pack.prepared_on.isoformat()),
        ("Currency", pack.currency),
    ]
    return shared_letterhead(
        pack.company, Paragraph("BUSINESS REVIEW", qbr_styles()["doc_title"]), facts
    )


def partner_banner(pack: QbrPrint) -> Table:
    """Who the review is with, in the quote's party-block style."""
    cells: list[Flowable] = [
        Paragraph("QUARTERLY BUSINESS REVIEW WITH", qbr_styles()["label"]),
        para(pack.partner, "party_large", bold=True),
        para(f"{pack.quarter}  ·  {pack.period}", "small"),
    ]
    return _panel(cells)


def figure_grid(pack: QbrPrint) -> Flowable:
    """The headline figures, three to a row, each a small tile: label, figure, words under it."""
    if not pack.figures:
        return Spacer(1, 0)
    width = WIDTH / FIGURES_PER_ROW
    tiles: list[list[Flowable]] = [
        [
            Paragraph(figure.label.upper(), qbr_styles()["label"]),
            para(figure.value, "figure", bold=True),
            *([para(figure.detail, "small")] if figure.detail else []),
        ]
        for figure in pack.figures
    ]
    rows: list[list[Any]] = [
        tiles[i : i + FIGURES_PER_ROW] for i in range(0, len(tiles), FIGURES_PER_ROW)
    ]
    rows[-1] += [""] * (FIGURES_PER_ROW - len(rows[-1]))
    table = Table(rows, colWidths=[width] * FIGURES_PER_ROW)
    table.setStyle(
        [
            BASE_FONT,
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEABOVE", (0, 0), (-1, -1), 0.5, RULE),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4 * mm),
            ("TOPPADDING", (0, 0), (-1, -1), 2 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * mm),
        ]
    )
    return table


def health_block(pack: QbrPrint) -> Table:
    """The health score and the sentence of each rule that makes it."""
    cells: list[Flowable] = [
        Paragraph("HEALTH SCORE", qbr_styles()["label"]),
        para(pack.health, "figure", bold=True),
        Spacer(1, 1 * mm),
    ]
    cells += [para(f"•  {line}", "base") for line in pack.health_lines]
    return _panel(cells)


def chart_grid(pack: QbrPrint) -> Table | None:
    """The charts two to a row, each a vector drawing at its printed size."""
    if not pack.charts:
        return None
    width = (WIDTH - CHART_GAP) / 2
    drawings: list[Any] = [_drawing(spec, width) for spec in pack.charts]
    if len(drawings) % 2:
        drawings.append("")
    rows = [[drawings[i], "", drawings[i + 1]] for i in range(0, len(drawings), 2)]
    table = Table(rows, colWidths=[width, CHART_GAP, width])
    table.setStyle(
        [
            BASE_FONT,
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4 * mm),
        ]
    )
    return table


def _drawing(spec: ChartSpec, width: float) -> Drawing:
    """The chart as vector graphics. Its text is outlines; the drawing still starts in the
    embedded font, so reportlab names none of its unembedded standard fonts."""
    drawing = chart_drawing(spec, width, CHART_HEIGHT)
    drawing.initialFontName = SANS.name
    return drawing


def next_steps(pack: QbrPrint) -> list[Flowable]:
    """A page left blank for the meeting: numbered ruled lines for what was agreed, who does it
    and by when, and room for both sides' names."""
    header = ["#", "Agreed action", "Owner", "Due"]
    rows: list[list[Any]] = [header] + [
        [str(n), "", "", ""] for n in range(1, pack.next_steps_rows + 1)
    ]
    widths = [8 * mm, WIDTH - 8 * mm - 40 * mm - 28 * mm, 40 * mm, 28 * mm]
    table = Table(rows, colWidths=widths, rowHeights=[7 * mm] + [10 * mm] * pack.next_steps_rows)
    table.setStyle(
        [
            BASE_FONT,
            ("FONT", (0, 0), (-1, 0), SANS_BOLD.name, 8),
            ("TEXTCOLOR", (0, 0), (-1, 0), MUTED),
            ("FONT", (0, 1), (0, -1), SANS.name, 8),
            ("TEXTCOLOR", (0, 1), (0, -1), MUTED),
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("LINEBELOW", (0, 0), (-1, 0), 1, ACCENT),
            ("LINEBELOW", (1, 1), (-1, -1), 0.5, RULE),
            ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ]
    )
    half = (WIDTH - 12 * mm) / 2
    signatures = Table(
        [["", "", ""], [para(f"For {pack.company.name}", "small"), "",
                        para(f"For {pack.partner}", "small")]],
        colWidths=[half, 12 * mm, half],
        rowHeights=[14 * mm, None],
    )  # fmt: skip
    signatures.setStyle(
        [
            BASE_FONT,
            ("LINEBELOW", (0, 0), (0, 0), 0.5, MUTED),
            ("LINEBELOW", (2, 0), (2, 0), 0.5, MUTED),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ]
    )
    return [
        Paragraph("Agreed next steps", qbr_styles()["section"]),
        para("Written in the meeting: what each side will do, who owns it and by when.", "small"),
        Spacer(1, 4 * mm),
        table,
        Spacer(1, 12 * mm),
        signatures,
    ]


def _panel(cells: list[Flowable]) -> Table:
    """A tinted block across the page with the accent line on its left: the partner's banner
    and the health score stand out from the figures around them the same way."""
    table = Table([[cells]], colWidths=[WIDTH])
    table.setStyle(
        [
            BASE_FONT,
            ("BACKGROUND", (0, 0), (-1, -1), STRIPE),
            ("LINEBEFORE", (0, 0), (0, 0), 2, ACCENT),
            ("LEFTPADDING", (0, 0), (-1, -1), 3 * mm),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3 * mm),
            ("TOPPADDING", (0, 0), (-1, -1), 2 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * mm),
        ]
    )
    return table
