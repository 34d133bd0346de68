"""The quote PDF's table of lines as reportlab lays it out: header repeated on every page, the
totals kept on one page with the last two lines, rules and stripes.

A 200-line quote is 1,400 cells, so the table is put together for speed without changing a byte
of what it prints (an issued revision keeps its PDF's hash, so its bytes must never change):
- fonts, colours, alignment and padding are worked out once on a small prototype table (header,
  one line, the totals) whose cell styles every line then shares, instead of reportlab making a
  style object per cell and restyling it for each of some twenty commands;
- rows of plain strings get their height here (lines × leading + padding, reportlab's own rule),
  so reportlab measures only rows that hold a Paragraph.
A test draws this table and one styled cell by cell, as reportlab would, and compares the bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import Table
from reportlab.platypus.tables import CellStyle

from app.domain.quote_view import QuoteView
from app.io.pdf_fonts import SANS, SANS_BOLD
from app.io.quote_pdf_lines import HEAD_SIZE, LineRows, line_rows
from app.io.quote_pdf_style import ACCENT, CELL_SIZE, PAD, RULE, STRIPE, styles


def line_table(view: QuoteView) -> Table:
    """The table of ``view``'s lines and totals, ready to flow across pages."""
    cells = line_rows(view)
    totals = len(cells.rows) - cells.first_total
    header, line_row, totals_rows = _shared_cell_styles(totals)
    kinds = [_metrics(header), *[_metrics(line_row)] * cells.lines, *map(_metrics, totals_rows)]
    table = Table(
        cells.rows,
        colWidths=cells.widths,
        rowHeights=[_row_height(row, kind) for row, kind in zip(cells.rows, kinds, strict=True)],
        repeatRows=1,
        cellStyles=[header, *(list(line_row) for _ in range(cells.lines)), *totals_rows],
        normalizedData=1,  # every cell is a str or a Paragraph already
    )
    table.setStyle(table_commands(cells))
    return table


def cell_commands(first_total: int, last: int) -> list[tuple[Any, ...]]:
    """What each cell looks like: fonts, colours, alignment, padding. Applied to the prototype
    only (see ``_shared_cell_styles``): a command here must mean the same for every line row."""
    return [
        ("FONT", (0, 0), (-1, 0), SANS_BOLD.name, HEAD_SIZE),
        ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
        ("FONT", (0, 1), (-1, -1), SANS.name, CELL_SIZE),
        # Discounts in the smaller size their column was measured in (quote_pdf_lines).
        ("FONT", (4, 1), (4, first_total - 1), SANS.name, styles()["cell_small"].fontSize),
        ("LEADING", (0, 0), (-1, -1), 9.5),
        ("VALIGN", (0, 1), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("ALIGN", (2, 0), (3, -1), "RIGHT"),
        ("ALIGN", (5, 0), (6, -1), "RIGHT"),
        # Totals: the label right-aligned under "Net unit" (a long one reaches left into the
        # empty cells; no SPAN, which makes splitting a long table across pages slow), the
        # value under "Line total".
        ("ALIGN", (0, first_total), (-1, last), "RIGHT"),
        ("RIGHTPADDING", (5, first_total), (5, last), 10),
        ("TOPPADDING", (0, first_total), (-1, first_total), 6),
        ("FONT", (0, last), (-1, last), SANS_BOLD.name, 9.5),
        ("TOPPADDING", (0, last), (-1, last), 4),
    ]


def _shared_cell_styles(
    totals: int,
) -> tuple[list[CellStyle], list[CellStyle], list[list[CellStyle]]]:
    """Cell styles of the header row, of every line row, and of the ``totals`` totals rows.

    The commands are applied to a prototype of one row of each kind, and every line row shares
    the prototype's line-row styles. Reportlab only reads a cell's style while it lays out and
    draws (the table gets no cell-level commands, and rows are never split inside), so sharing is
    safe; it saves a style object and some twenty restylings per cell.
    """
    proto = Table([[""] * 7 for _ in range(2 + totals)])
    proto.setStyle(cell_commands(first_total=2, last=1 + totals))
    header, line_row, *totals_rows = proto._cellStyles
    return header, line_row, totals_rows


def table_commands(cells: LineRows) -> list[tuple[Any, ...]]:
    """What the table draws around its cells: backgrounds, rules, and where it may not split."""
    first_total, last = cells.first_total, cells.last
    commands: list[tuple[Any, ...]] = [
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("LINEBELOW", (0, 1), (-1, first_total - 1), 0.25, RULE),
        ("LINEABOVE", (0, last), (-1, last), 1, ACCENT),
        # Never strand the totals: they stay on one page with the last two lines. (Not
        # Table's rowSplitRange: with a repeated header it shifts the range once per kind of
        # command after each page, and the totals then move apart from the last lines.)
        ("NOSPLIT", (0, max(1, first_total - 2)), (-1, last)),
    ]
    if first_total > 2:
        commands.append(("ROWBACKGROUNDS", (0, 1), (-1, first_total - 1), [None, STRIPE]))
    return commands


def _metrics(row_styles: Sequence[CellStyle]) -> list[tuple[float, float]]:
    """Per cell of a row: its leading, and its top and bottom padding together."""
    return [
        (style.leading or 1.2 * style.fontsize, style.bottomPadding + style.topPadding)
        for style in row_styles
    ]


def _row_height(row: Sequence[Any], metrics: Sequence[tuple[float, float]]) -> float | None:
    """The height reportlab would give a row of plain strings (its tallest cell: lines × leading
    plus top and bottom padding, in reportlab's order of operations); ``None`` (measured by
    reportlab) when a cell holds a Paragraph."""
    height = 0.0
    for value, (leading, padding) in zip(row, metrics, strict=True):
        if not isinstance(value, str):
            return None
        height = max(height, leading * (value.count("\n") + 1) + padding)
    return height
