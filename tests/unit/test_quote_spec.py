"""The quote spec of SPEC.md: every problem of a spec file reported at once, one per line."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.domain.errors import InputError
from app.domain.pricing import LineRequest
from app.domain.quote_spec import parse_quote_spec

TODAY = date(2026, 3, 1)


def problems(data: object) -> list[str]:
    with pytest.raises(InputError) as caught:
        parse_quote_spec(data, TODAY)
    return str(caught.value).splitlines()


def test_spec_example_parses() -> None:
    spec = parse_quote_spec(
        {
            "partner": "Northwind Traders", "account": "Contoso Ltd", "date": "2026-11-22",
            "currency": "eur", "tax_rate": "19",
            "lines": [
                {"sku": "CD-100", "qty": 3, "special": "5"},
                {"sku": "CD-200", "qty": "1,000"},
            ],
        },
        TODAY,
    )  # fmt: skip
    assert spec.partner == "Northwind Traders" and spec.account == "Contoso Ltd"
    assert spec.quote_date == date(2026, 11, 22) and spec.currency == "EUR"
    assert spec.tax_rate_pct == Decimal(19)
    assert spec.lines == (
        LineRequest("CD-100", 3, Decimal(5)),
        LineRequest("CD-200", 1000, Decimal(0)),
    )


def test_defaults_date_today_and_no_tax_rate() -> None:
    spec = parse_quote_spec(
        {"partner": "P-1", "account": 7, "currency": "JPY", "lines": [{"sku": "A", "qty": 1}]},
        TODAY,
    )
    assert spec.quote_date == TODAY and spec.tax_rate_pct is None and spec.account == "7"


def test_exact_json_numbers_are_accepted_and_floats_refused() -> None:
    base = {"partner": "P", "account": "A", "currency": "EUR"}
    spec = parse_quote_spec(
        {**base, "tax_rate": Decimal("8.875"), "lines": [{"sku": "A", "qty": Decimal("2")}]},
        TODAY,
    )
    assert spec.tax_rate_pct == Decimal("8.875") and spec.lines[0].qty == 2
    assert problems({**base, "tax_rate": 19.5, "lines": [{"sku": "A", "qty": 1}]}) == [
        "'tax_rate': 19.5 is not an exact number; write it as text."
    ]


def test_every_problem_is_listed() -> None:
    found = problems(
        {
            "partner": "", "colour": "red", "currency": "EURO", "date": "22/11/2026",
            "tax_rate": "8.87501",
            "lines": [
                {"sku": "A", "qty": 0}, {"sku": "B", "qty": "2.5"}, {"qty": 1},
                {"sku": "C", "qty": 1, "special": "120", "note": "x"}, {"sku": "D", "qty": True},
                {"sku": "E"}, "F",
            ],
        }
    )  # fmt: skip
    assert found[0].startswith("Unknown key 'colour'")
    joined = "\n".join(found)
    for expected in (
        "'partner' is missing.",
        "'account' is missing.",
        "'date': '22/11/2026' is not a date",
        "'currency': 'EURO' is not a currency code",
        "'tax_rate': '8.87501' has more than 4 decimals.",
        "Line 1: 'qty' 0 must be from 1",
        "Line 2: 'qty' 2.5 is not a whole number.",
        "Line 3: 'sku' is missing.",
        "Line 4: unknown key 'note'",
        "Line 4: 'special': '120' is not between 0 and 100.",
        "Line 5: 'qty' True is not a whole number.",
        "Line 6: 'qty' is missing.",
        "Line 7: must be an object",
    ):
        assert expected in joined, expected
    assert len(found) == 14


def test_lines_are_required_and_must_be_a_list() -> None:
    assert "'lines' is missing." in problems({"partner": "P", "account": "A", "currency": "EUR"})
    assert any("must be a list" in p for p in problems(
        {"partner": "P", "account": "A", "currency": "EUR", "lines": {"sku": "A"}}
    ))  # fmt: skip
    assert problems([1, 2]) == ['The quote spec must be a JSON object such as {"partner": …}.']
