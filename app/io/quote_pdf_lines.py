"""The cells of the quote PDF's table of lines: the header, a row per line, the totals rows, and
the column widths (figures as wide as their widest, the description takes the rest).

Simple text becomes a plain string cell, wrapped here: reportlab draws it as text and never reads
it as markup. Text the main font cannot draw, text that needs shaping (Arabic joins its letters,
right-to-left scripts run right to left: a plain string would print them unjoined and reversed),
and text with line breaks of its own becomes a Paragraph (per-run fonts, escaped, shaped). How
the table looks is ``quote_pdf_table``'s job.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph

from app.domain.money import format_amount, format_money, percent_number
from app.domain.pricing import PricedLine
from app.domain.quote_print import discount_as_read, discount_parts
from app.domain.quote_view import QuoteView
from app.io.pdf_fonts import SANS, SANS_BOLD, plain, right_to_left
from app.io.pdf_text_width import TextWidths
from app.io.quote_pdf_style import CELL_SIZE, PAD, WIDTH, para, styles

HEAD_SIZE = 7.5
SEPARATOR = " · "


@dataclass(frozen=True, slots=True)
class LineRows:
    """The table's cells (header, ``lines`` line rows, then the totals rows) and column widths."""

    rows: list[list[Any]]
    widths: list[float]
    lines: int

    @property
    def first_total(self) -> int:
        """Index of the first totals row."""
        return 1 + self.lines

    @property
    def last(self) -> int:
        """Index of the last row (the total)."""
        return len(self.rows) - 1


def discount_text(line: PricedLine) -> str:
    """The line's discounts that apply on one line, e.g. ``tier 10% · vol. 5%``; ``—`` when
    none."""
    return SEPARATOR.join(discount_parts(line)) or "—"


def discount_lines(parts: Sequence[str], width: float, measure: TextWidths) -> str:
    """``parts`` joined on as few lines as ``width`` allows, breaking only between two
    discounts: ``vol. 5%`` is never split across lines."""
    if not parts:
        return "—"
    lines: list[str] = []
    for part in parts:
        joined = f"{lines[-1]}{SEPARATOR}{part}" if lines else part
        if lines and measure(joined) <= width:
            lines[-1] = joined
        else:
            lines.append(part)
    return "\n".join(lines)


def line_rows(view: QuoteView) -> LineRows:
    """The cells of ``view``'s table: every figure as stored, printed by ``format_amount``."""
    styles()  # the bundled fonts are measured below
    cur = view.currency
    t = view.totals
    figures = [
        (
            f"{ln.qty:,}",
            format_amount(ln.list_price, cur),
            format_amount(ln.net_unit, cur),
            format_amount(ln.line_total, cur),
        )
        for ln in view.lines
    ]
    discount = discount_as_read(t.discount)
    totals = [
        ("List total", format_money(t.list_total, cur)),
        ("Discount", format_money(discount, cur)),
        ("Subtotal", format_money(t.subtotal, cur)),
        (f"Tax {percent_number(t.tax_rate_pct)}%", format_money(t.tax, cur)),
        ("Total", format_money(t.total, cur)),
    ]
    head = [
        "SKU",
        "Description",
        "Qty",
        f"List\n{cur}",
        "Discounts",
        f"Net unit\n{cur}",
        f"Line total\n{cur}",
    ]
    parts = [discount_parts(ln) for ln in view.lines]
    discounts = [discount_text(ln) for ln in view.lines]
    text = TextWidths(SANS.name, CELL_SIZE)
    small = TextWidths(SANS.name, styles()["cell_small"].fontSize)
    widths = _column_widths(
        figures,
        [value for _, value in totals],
        [ln.sku for ln in view.lines],
        discounts,
        [part for line_parts in parts for part in line_parts],
        text,
        small,
    )
    rows: list[list[Any]] = [head]
    for ln, (qty, list_price, net, total), line_parts in zip(
        view.lines, figures, parts, strict=True
    ):
        rows.append(
            [
                _cell(ln.sku, widths[0] - 2 * PAD, text),
                _cell(ln.description, widths[1] - 2 * PAD, text),
                qty,
                list_price,
                discount_lines(line_parts, widths[4] - 2 * PAD, small),
                net,
                total,
            ]
        )
    rows += [["", "", "", "", "", label, value] for label, value in totals]
    return LineRows(rows, widths, len(view.lines))


def _cell(text: str, width: float, measure: TextWidths, style: str = "cell") -> str | Paragraph:
    """A plain string when the main font draws all of it as it stands (fast, never interpreted;
    wrapped to ``width`` here), else a wrapping Paragraph with per-run fonts and shaping."""
    if "\n" not in text and plain(text):
        if measure(text) <= width:
            return text
        # Wrapped here into a multi-line plain string: far cheaper than a Paragraph per cell.
        return "\n".join(measure.wrap(text, width))
    if "\n" not in text and right_to_left(text):
        # Wrapped here in reading order, then each line is put in visual order: a Paragraph
        # would wrap the words already reversed, and its first line would show the text's end.
        # Measured unshaped, so a little wide: the Paragraph keeps these lines as they are.
        text = "\n".join(measure.wrap(text, width))
    return para(text, style)


def _column_widths(
    figures: Sequence[tuple[str, str, str, str]],
    totals: Sequence[str],
    skus: Sequence[str],
    discount_texts: Sequence[str],
    discount_parts: Sequence[str],
    text: TextWidths,
    small: TextWidths,
) -> list[float]:
    """Figure columns as wide as their widest figure, the description takes what is left.
    ``text`` and ``small`` measure the line rows' text and their discounts."""

    head = TextWidths(SANS.name, HEAD_SIZE)  # as first measured: regular, not bold
    total_font = TextWidths(SANS_BOLD.name, 9.5)

    def widest(texts: Sequence[str], measure: TextWidths = text) -> float:
        return measure.widest(texts) + 2 * PAD + 1

    qty = max(widest([f[0] for f in figures]), widest(["Qty"], head), 10 * mm)
    list_w = max(widest([f[1] for f in figures]), widest(["List"], head), 16 * mm)
    net = max(widest([f[2] for f in figures]), widest(["Net unit"], head), 16 * mm)
    total = max(
        widest([f[3] for f in figures]),
        widest(totals, total_font) + 4,
        widest(["Line total"], head),
        18 * mm,
    )
    sku = max(min(widest(skus), 30 * mm), 18 * mm)
    # Wide enough for the usual three discounts on one line; four wrap rather than squeeze.
    discounts = min(max(widest(discount_texts, small), 22 * mm), 44 * mm)
    description = WIDTH - (sku + qty + list_w + discounts + net + total)
    # The description keeps room to read: the discounts give way first (they wrap between two
    # discounts, never inside one), then the SKU; the figures never do.
    for_text = 48 * mm
    narrowest = max(widest(discount_parts, small), 22 * mm)
    if description < for_text:
        give = max(0.0, min(for_text - description, discounts - narrowest))
        discounts -= give
        description += give
    if description < for_text:
        give = min(for_text - description, sku - 14 * mm)
        sku -= give
        description += give
    return [sku, description, qty, list_w, discounts, net, total]
