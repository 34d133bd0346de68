"""The review pack's tables as reportlab lays them out: the quote's look (accent header, light
rules, striped rows), the header repeated on every page a table runs over.

A partner with hundreds of deals gives tables of thousands of cells, so a cell is a plain string
(measured once, drawn as it is) whenever the main font draws it and it fits its column; only text
that needs another script's font, shaping, or wrapping becomes a Paragraph.
"""

from __future__ import annotations

import functools
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Table

from app.io.pdf_fonts import SANS, SANS_BOLD, plain, rich
from app.io.qbr_pdf_model import PrintTable
from app.io.qbr_pdf_style import para
from app.io.quote_pdf_style import ACCENT, CELL_SIZE, PAD, RULE, STRIPE, WIDTH, styles

HEAD_SIZE = 7.5
LEADING = 9.5
V_PAD = 2.5


def print_table(table: PrintTable, width: float = WIDTH) -> Flowable:
    """``table`` as a flowable that splits across pages; a sentence when it has no rows."""
    if not table.rows:
        return para(table.empty, "small")
    whole = sum(table.shares)
    widths = [width * share / whole for share in table.shares]
    header = [_head(text, w) for text, w in zip(table.headers, widths, strict=True)]
    body = [_row(row, widths, table.numeric, bold=False) for row in table.rows]
    rows: list[list[Any]] = [header, *body]
    if table.total is not None:
        rows.append(_row(table.total, widths, table.numeric, bold=True))
    flowable = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    flowable.setStyle(_commands(table, len(rows)))
    return flowable


def _fits(text: str, width: float, font: str, size: float) -> bool:
    return "\n" not in text and stringWidth(text, font, size) <= width - 2 * PAD


@functools.cache
def _head_style() -> ParagraphStyle:
    return ParagraphStyle(
        "qbr_head", parent=styles()["cell"], fontName=SANS_BOLD.name, fontSize=HEAD_SIZE,
        leading=LEADING, textColor=colors.white,
    )  # fmt: skip


def _head(text: str, width: float) -> Any:
    """A column's heading; one too wide for its column wraps onto a second line."""
    if plain(text, bold=True) and _fits(text, width, SANS_BOLD.name, HEAD_SIZE):
        return text
    return Paragraph(rich(text, True), _head_style())


def _row(
    row: tuple[str, ...], widths: list[float], numeric: frozenset[int], bold: bool
) -> list[Any]:
    """The row's cells; one that must wrap keeps its column's alignment (numbers right)."""
    font = SANS_BOLD.name if bold else SANS.name
    return [
        text
        if plain(text, bold) and _fits(text, width, font, CELL_SIZE)
        else para(text, "cell_right" if n in numeric else "cell", bold=bold)
        for n, (text, width) in enumerate(zip(row, widths, strict=True))
    ]


def _commands(table: PrintTable, count: int) -> list[tuple[Any, ...]]:
    last = count - 1
    body_end = last - 1 if table.total is not None else last
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, 0), SANS_BOLD.name, HEAD_SIZE),
        ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
        ("FONT", (0, 1), (-1, -1), SANS.name, CELL_SIZE),
        ("LEADING", (0, 0), (-1, -1), LEADING),
        ("VALIGN", (0, 1), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("TOPPADDING", (0, 0), (-1, -1), V_PAD),
        ("BOTTOMPADDING", (0, 0), (-1, -1), V_PAD),
        ("LINEBELOW", (0, 1), (-1, body_end), 0.25, RULE),
    ]
    for column in sorted(table.numeric):
        commands.append(("ALIGN", (column, 0), (column, -1), "RIGHT"))
    if body_end > 1:
        commands.append(("ROWBACKGROUNDS", (0, 1), (-1, body_end), [None, STRIPE]))
    if table.total is not None:
        commands += [
            ("FONT", (0, last), (-1, last), SANS_BOLD.name, CELL_SIZE),
            ("LINEABOVE", (0, last), (-1, last), 1, ACCENT),
            ("NOSPLIT", (0, max(1, last - 1)), (-1, last)),
        ]
    return commands
