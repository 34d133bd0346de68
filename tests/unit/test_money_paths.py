"""Every path that writes an amount for a person or a file gives the same digits.

The screen (a table cell, the column text an export shows), the quote PDF's cells, the
``quote show`` table, its JSON and a CSV export all go through ``app.domain.money``; these tests
hold them to one answer for the same amount and currency, including the cases where separate
formatters used to disagree (0.125 EUR, -0.001, JPY, KWD).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.cli.quote_table import render_table
from app.domain.columns import Column, Kind
from app.domain.enums import QuoteStatus
from app.domain.money import (
    amount_text,
    format_amount,
    format_money,
    format_percent,
    minor_unit,
    percent_number,
    round_money,
)
from app.domain.pricing import PricedLine, QuoteTotals
from app.domain.quote_view import QuoteView, as_json
from app.io.csv_writer import cell_text
from app.io.quote_pdf_lines import line_rows

CURRENCIES = ("EUR", "USD", "JPY", "KWD", "BHD", "CHF")


@dataclass(frozen=True)
class _Row:
    amount: Decimal
    currency: str


_MONEY = Column[_Row]("amount", "Amount", lambda r: r.amount, Kind.MONEY, lambda r: r.currency)


def _view(amount: Decimal, currency: str, tax_pct: Decimal = Decimal(19)) -> QuoteView:
    """A quote whose every figure is ``amount``: what each path prints is then comparable."""
    line = PricedLine(1, "SKU-1", "Thing", None, 1, amount, Decimal(0), Decimal(0), Decimal(0),
                      Decimal(0), amount, amount)  # fmt: skip
    totals = QuoteTotals(amount, amount, amount, tax_pct, amount, amount)
    return QuoteView(
        number="Q-2026-00001", revision=1, status=QuoteStatus.DRAFT, quote_date=date(2026, 1, 2),
        valid_until=None, currency=currency, partner="Northwind", partner_code=None,
        account="Contoso", account_country=None, lines=(line,), totals=totals, issued_at=None,
        revisions=1,
    )  # fmt: skip


def _paths(amount: Decimal, currency: str) -> dict[str, str]:
    """The amount as each path writes it, reduced to its digits (grouping commas dropped)."""
    view = _view(amount, currency)
    data = as_json(view)
    cli_total = render_table(view).splitlines()[-1].split()[-1]
    pdf = line_rows(view)
    pdf_list = pdf.rows[1][3]
    pdf_total = pdf.rows[pdf.last][-1]
    assert pdf_total.startswith(f"{currency} ")
    screen = _MONEY.text(_Row(amount, currency))
    return {
        "json list": data["lines"][0]["list"],
        "json total": data["total"],
        "cli total": cli_total.replace(",", ""),
        "pdf list": pdf_list.replace(",", ""),
        "pdf total": pdf_total.removeprefix(f"{currency} ").replace(",", ""),
        "screen": screen.replace(",", ""),
    }


@settings(max_examples=150, deadline=None)
@given(
    st.decimals(min_value=-(10**13), max_value=10**13, places=4, allow_nan=False),
    st.sampled_from(CURRENCIES),
)
def test_every_path_gives_the_same_digits(amount: Decimal, currency: str) -> None:
    paths = _paths(amount, currency)
    expected = amount_text(amount, currency)
    assert paths == dict.fromkeys(paths, expected)
    assert Decimal(expected) == round_money(amount, currency)
    if Decimal(expected) == 0:
        assert not expected.startswith("-")


@settings(max_examples=100, deadline=None)
@given(
    st.integers(min_value=-(10**15), max_value=10**15),
    st.sampled_from(CURRENCIES),
)
def test_a_stored_amount_writes_the_same_digits_to_csv(minor_units: int, currency: str) -> None:
    """Stored money has the currency's decimals: the CSV (which never rounds) then agrees."""
    amount = Decimal(minor_units).scaleb(-minor_unit(currency))
    assert cell_text(_MONEY, _Row(amount, currency)) == amount_text(amount, currency)
    assert as_json(_view(amount, currency))["total"] == amount_text(amount, currency)


@pytest.mark.parametrize(
    ("amount", "currency", "plain", "printed"),
    [
        ("0.125", "EUR", "0.13", "EUR 0.13"),  # half up, not to the even 0.12
        ("0.135", "EUR", "0.14", "EUR 0.14"),
        ("-0.125", "EUR", "-0.13", "EUR -0.13"),  # half up is away from zero
        ("-0.001", "EUR", "0.00", "EUR 0.00"),  # never -0.00
        ("-0.0049", "USD", "0.00", "USD 0.00"),
        ("-0.4", "JPY", "0", "JPY 0"),
        ("2.5", "JPY", "3", "JPY 3"),
        ("1234567.5", "JPY", "1234568", "JPY 1,234,568"),
        ("0.0005", "KWD", "0.001", "KWD 0.001"),
        ("1234.5675", "BHD", "1234.568", "BHD 1,234.568"),
        ("-0.0004", "KWD", "0.000", "KWD 0.000"),
        ("12345678901234.565", "EUR", "12345678901234.57", "EUR 12,345,678,901,234.57"),
    ],
)
def test_one_rule_for_plain_and_printed_amounts(
    amount: str, currency: str, plain: str, printed: str
) -> None:
    value = Decimal(amount)
    assert amount_text(value, currency) == plain
    assert format_money(value, currency) == printed
    paths = _paths(value, currency)
    assert paths == dict.fromkeys(paths, plain)


def test_a_locale_changes_only_the_separators() -> None:
    value = Decimal("-1234567.125")
    assert format_amount(value, "EUR", ".", ",") == "-1.234.567,13"
    assert format_money(value, "EUR", "\u202f", ",") == "EUR -1\u202f234\u202f567,13"
    assert format_amount(Decimal("-0.001"), "EUR", ".", ",") == "0,00"


@pytest.mark.parametrize(
    ("pct", "number"),
    [("12.5000", "12.5"), ("0.0000", "0"), ("-0", "0"), ("100.00", "100"), ("8.875", "8.875")],
)
def test_one_form_of_a_percentage(pct: str, number: str) -> None:
    value = Decimal(pct)
    assert percent_number(value) == number
    assert format_percent(value) == f"{number}%"
    view = _view(Decimal("10"), "EUR", tax_pct=value)
    assert as_json(view)["tax_rate"] == number
    assert f"Tax {number}%" in render_table(view)
