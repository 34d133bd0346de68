"""The quote's table of lines, built for speed, draws exactly what reportlab draws for the same
cells styled one by one; text is measured and wrapped as reportlab's ``simpleSplit`` does."""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.platypus import SimpleDocTemplate, Table

from app.domain.quote_view import QuoteView
from app.io import pdf_fonts
from app.io.pdf_text_width import TextWidths
from app.io.quote_pdf_lines import line_rows
from app.io.quote_pdf_table import cell_commands, line_table, table_commands
from tests.io.test_quote_pdf import long_quote
from tests.support.quote_docs import MARKUP, NAMES, document, line


def styled_cell_by_cell(view: QuoteView) -> Table:
    """The same cells with every command applied to every cell, as reportlab does by default."""
    cells = line_rows(view)
    table = Table(cells.rows, colWidths=cells.widths, repeatRows=1)
    table.setStyle(cell_commands(cells.first_total, cells.last) + table_commands(cells))
    return table


def drawn(table: Table) -> bytes:
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, invariant=1).build([table])
    return out.getvalue()


MIXED = tuple(
    line(i + 1, sku, description, qty, price, discounts)
    for i, (sku, description, qty, price, discounts) in enumerate(
        [
            ("CD-1", "Edge router", 3, "1234.50", ("10", "5", "0", "0")),
            ("CD-2", MARKUP, 10, "99.99", ("10", "5", "10", "0")),
            ("CD-3-WITH-A-VERY-LONG-SKU-CODE", NAMES["arabic"] + " licence", 1, "5", ("0",) * 4),
            ("CD-4", NAMES["japanese"] + " " + NAMES["greek"], 2, "7.10", ("12.5", "5", "10", "3")),
            ("CD-5", "First line\nsecond line", 1, "1", ("0", "0", "0", "15")),
            ("CD-6", "word " * 60, 5000, "99999.99", ("10", "0", "5", "0")),
        ]
    )
)


@pytest.mark.parametrize(
    "lines",
    [long_quote(120), MIXED, MIXED[:1], MIXED[:2], MIXED[:3], MIXED * 15],
    ids=["long", "mixed", "one line", "two lines", "three lines", "mixed long"],
)
def test_the_table_draws_as_one_styled_cell_by_cell(lines: tuple) -> None:
    view = document(lines).view
    assert drawn(line_table(view)) == drawn(styled_cell_by_cell(view))


@given(
    st.text(alphabet=st.sampled_from("ab W,.-1\u00a0 ÆØΩж"), max_size=80),
    st.floats(min_value=1, max_value=300),
)
def test_wrapping_gives_reportlabs_lines(text: str, width: float) -> None:
    pdf_fonts.register_fonts()
    widths = TextWidths(pdf_fonts.SANS.name, 8)
    assert widths.wrap(text, width) == simpleSplit(text, pdf_fonts.SANS.name, 8, width)
    assert widths(text) == widths(text)  # remembered, the same


def test_covered_means_the_main_font_draws_every_character() -> None:
    assert pdf_fonts.covered("Société Générale Ærø Łódź ООО «Ромашка» Ωμέγα")
    assert pdf_fonts.covered("")
    assert not pdf_fonts.covered("Tokyo 東京")
    assert not pdf_fonts.covered(NAMES["japanese"])
