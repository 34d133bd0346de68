"""Property test: a quote priced by the real engine over a random price book prints figures that
reconcile on paper (read back from the PDF with pdftotext) and equal the ``quote show`` JSON."""

from __future__ import annotations

import re
import subprocess
from dataclasses import replace
from decimal import Decimal

from hypothesis import HealthCheck, given, settings

from app.domain.money import minor_unit, round_money
from app.domain.pricing import LineRequest, PricingTerms, ProductFacts, price_quote
from app.domain.quote_view import as_json
from app.io.quote_pdf import render_quote_pdf
from tests.support.quote_docs import document
from tests.unit.test_pricing_properties import scenario

NUMBER = r"(-?[\d,]+(?:\.\d+)?)"


def figure(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def printed_total(text: str, label: str, currency: str) -> Decimal:
    found = re.search(rf"^{re.escape(label)} {currency} {NUMBER}$", text, re.MULTILINE)
    assert found, f"{label} is not printed"
    return figure(found.group(1))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario())
def test_printed_figures_reconcile_and_match_the_json(
    case: tuple[PricingTerms, list[LineRequest], dict[str, ProductFacts]],
) -> None:
    terms, requests, products = case
    quote = price_quote(terms, requests, products)
    # A description without digits, so each row can be found in the extracted text.
    lines = tuple(replace(ln, description="Item") for ln in quote.lines)
    cur = terms.currency
    doc = document(lines, currency=cur, totals=quote.totals)
    # -layout keeps each printed row on one line of text.
    layout = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", "-", "-"],
        input=render_quote_pdf(doc), capture_output=True, check=True,
    ).stdout.decode("utf-8")  # fmt: skip
    printed = [" ".join(row.split()) for row in layout.splitlines()]
    text = "\n".join(printed)
    data = as_json(doc.view)

    # The totals block on paper reconciles like a pocket calculator.
    list_total = printed_total(text, "List total", cur)
    discount = printed_total(text, "Discount", cur)
    subtotal = printed_total(text, "Subtotal", cur)
    rate = data["tax_rate"]
    tax = printed_total(text, f"Tax {rate}%", cur)
    total = printed_total(text, "Total", cur)
    assert list_total + discount == subtotal  # the discount prints as a negative amount
    assert round_money(subtotal * Decimal(rate) / 100, cur) == tax
    assert subtotal + tax == total
    # ... and carries the JSON's figures, to the currency's minor unit.
    assert (list_total, -discount, subtotal, tax, total) == tuple(
        Decimal(data[k]) for k in ("list_total", "discount", "subtotal", "tax", "total")
    )
    for amount in (list_total, subtotal, tax, total):
        assert -amount.as_tuple().exponent == minor_unit(cur)  # type: ignore[operator]

    # Every line: net unit × qty = line total, as printed, in the JSON's order.
    row = re.compile(rf"(SKU-\d+) Item {NUMBER} {NUMBER} .*?{NUMBER} {NUMBER}")
    rows = [found.groups() for found in map(row.fullmatch, printed) if found]
    assert len(rows) == len(data["lines"])
    for (sku, qty, list_price, net, line_total), ln in zip(rows, data["lines"], strict=True):
        assert sku == ln["sku"]
        assert figure(qty) == ln["qty"]
        assert figure(list_price) == Decimal(ln["list"])
        assert figure(net) == Decimal(ln["net_unit"])
        assert figure(line_total) == Decimal(ln["line_total"]) == figure(net) * figure(qty)
