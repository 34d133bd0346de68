"""The quote PDF as the customer reads it: every discount whole on its line, the short names
explained under the table, no internal status, and the company's footer under every page."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from app.domain.enums import QuoteStatus
from app.io.quote_pdf import render_quote_pdf
from app.io.quote_pdf_lines import line_rows
from tests.support.quote_docs import document, line, pdftotext_pages

#: One discount as printed: its short name and its percentage, never split.
WHOLE = re.compile(r"^(tier|reg\.|vol\.|spec\.) \d+(\.\d+)?%$")


def crowded(price: str) -> tuple:
    """Lines whose figures are wide, so the discounts column gets little room."""
    return tuple(
        line(i, f"CD-{i:03d}", "Rack-mount appliance with a long description", 9_876,
             price, ("12.5", "5", "10", "7.5"))
        for i in range(1, 4)
    )  # fmt: skip


@pytest.mark.parametrize("price", ["99.99", "98765.43", "9876543.21"])
def test_no_discount_is_split_across_lines(price: str) -> None:
    doc = document(crowded(price))
    cells = line_rows(doc.view)
    for row in cells.rows[1 : cells.first_total]:
        for printed in str(row[4]).splitlines():
            for part in printed.split(" · "):
                assert WHOLE.match(part), f"{part!r} is a piece of a discount"


def test_the_legend_explains_the_short_names_used_and_no_status_is_printed() -> None:
    doc = document(crowded("98765.43"), status=QuoteStatus.ACCEPTED)
    text = " ".join(" ".join(pdftotext_pages(render_quote_pdf(doc))).split())
    for meaning in ("tier = partner tier", "reg. = deal registration", "vol. = volume",
                    "spec. = special discount"):  # fmt: skip
        assert meaning in text
    for internal in ("Status", "Issued", "Accepted"):
        assert internal not in text


def test_the_legend_names_only_the_discounts_the_quote_has() -> None:
    doc = document((line(1, "CD-100", "Edge router", 3, "1234.50", ("10", "0", "0", "0")),))
    text = " ".join(" ".join(pdftotext_pages(render_quote_pdf(doc))).split())
    assert "tier = partner tier" in text and "vol. =" not in text and "reg. =" not in text


def test_the_company_footer_is_printed_under_every_page() -> None:
    many = tuple(line(i, f"CD-{i:03d}", "Router", 1, "10.00") for i in range(1, 90))
    doc = document(many)
    doc = replace(doc, company=replace(doc.company, footer="Amtsgericht Berlin HRB 1\nVAT DE1"))
    pages = pdftotext_pages(render_quote_pdf(doc))
    assert len(pages) > 1
    for page in pages:
        assert "Amtsgericht Berlin HRB 1 · VAT DE1" in " ".join(page.split())
