"""Exact money: one rounding rule, the currency's minor unit, no float anywhere."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.errors import InputError
from app.domain.money import (
    format_amount,
    format_money,
    format_percent,
    minor_unit,
    parse_decimal,
    parse_percent,
    round_money,
)


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        ("0.005", "EUR", "0.01"),
        ("0.0049", "EUR", "0.00"),
        ("2.675", "USD", "2.68"),  # the float 2.675 would round down to 2.67
        ("-0.005", "EUR", "-0.01"),  # half up means half away from zero
        ("0.5", "JPY", "1"),
        ("1.4999", "JPY", "1"),
        ("0.0005", "KWD", "0.001"),
        ("1.2345", "BHD", "1.235"),
    ],
)
def test_round_half_up_to_the_minor_unit(amount: str, currency: str, expected: str) -> None:
    assert str(round_money(Decimal(amount), currency)) == expected


def test_minor_units() -> None:
    assert [minor_unit(c) for c in ("EUR", "USD", "GBP", "CHF", "JPY", "KWD", "bhd")] == [
        2, 2, 2, 2, 0, 3, 3,
    ]  # fmt: skip


def test_float_is_refused() -> None:
    with pytest.raises(TypeError):
        round_money(0.1, "EUR")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        parse_decimal(0.1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1,234.50", "1234.50"), (" 19 ", "19"), ("1 000", "1000"), (7, "7"), ("-3.5", "-3.5")],
)
def test_parse_decimal(text: object, expected: str) -> None:
    assert parse_decimal(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["abc", "", "1.2.3", "NaN", "Infinity"])
def test_parse_decimal_refuses_non_numbers(text: str) -> None:
    with pytest.raises(InputError, match="not a number"):
        parse_decimal(text, "List price")


def test_parse_percent_limits() -> None:
    assert parse_percent("33.33") == Decimal("33.33")
    assert parse_percent("8.875", max_places=4) == Decimal("8.875")
    with pytest.raises(InputError, match="more than 2 decimals"):
        parse_percent("8.875")
    with pytest.raises(InputError, match="between 0 and 100"):
        parse_percent("101")
    with pytest.raises(InputError, match="between 0 and 100"):
        parse_percent("-1")


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        ("1234.5", "EUR", "EUR 1,234.50"),
        ("1234567", "JPY", "JPY 1,234,567"),
        ("0.001", "KWD", "KWD 0.001"),
        ("-1234.5", "USD", "USD -1,234.50"),
        ("999.995", "EUR", "EUR 1,000.00"),
        ("12345678901.23", "EUR", "EUR 12,345,678,901.23"),
    ],
)
def test_format_money(amount: str, currency: str, expected: str) -> None:
    assert format_money(Decimal(amount), currency) == expected


def test_format_with_another_locale() -> None:
    assert format_amount(Decimal("1234.5"), "EUR", thousands=".", point=",") == "1.234,50"
    assert format_amount(Decimal("-1234567.891"), "CHF", thousands="'") == "-1'234'567.89"
    narrow = "\u202f"
    assert format_amount(Decimal("1234567"), "JPY", narrow, ",") == f"1{narrow}234{narrow}567"


def test_an_amount_that_rounds_to_zero_has_no_sign() -> None:
    assert format_amount(Decimal("-0.004"), "EUR") == "0.00"
    assert format_money(Decimal("-0.4"), "JPY") == "JPY 0"


def test_format_percent() -> None:
    assert format_percent(Decimal("12.5000")) == "12.5%"
    assert format_percent(Decimal("20")) == "20%"
    assert format_percent(Decimal("0")) == "0%"
    assert format_percent(Decimal("100.0000")) == "100%"


@given(
    st.decimals(min_value=-(10**12), max_value=10**12, places=4, allow_nan=False),
    st.sampled_from(["EUR", "JPY", "KWD"]),
)
def test_rounding_is_within_half_a_minor_unit(amount: Decimal, currency: str) -> None:
    rounded = round_money(amount, currency)
    half = Decimal(1).scaleb(-minor_unit(currency)) / 2
    assert abs(rounded - amount) <= half
    assert round_money(rounded, currency) == rounded


@given(st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False))
def test_formatted_text_reads_back_exactly(amount: Decimal) -> None:
    assert parse_decimal(format_amount(amount, "EUR")) == amount
