"""Price-book rules without a database: currencies, exact list prices, family codes, states."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.domain.errors import InputError
from app.domain.pricebook import (
    PriceState,
    check_currency,
    check_list_price,
    family_code,
    price_states,
)


def test_currencies_are_iso_codes_in_any_case() -> None:
    assert check_currency(" eur ") == "EUR"
    assert check_currency("kwd") == "KWD"
    with pytest.raises(InputError, match="three letters"):
        check_currency("EURO")
    with pytest.raises(InputError, match="ISO 4217"):
        check_currency("ABC")


@pytest.mark.parametrize(
    ("text", "currency", "expected"),
    [("1234.50", "EUR", Decimal("1234.50")), ("150001", "JPY", Decimal(150001)),
     ("12.345", "KWD", Decimal("12.345")), ("1,299.00", "USD", Decimal("1299.00")),
     ("0", "CHF", Decimal(0)), ("10.500", "EUR", Decimal("10.5"))],
)  # fmt: skip
def test_list_prices_are_exact(text: str, currency: str, expected: Decimal) -> None:
    assert check_list_price(text, currency) == expected


@pytest.mark.parametrize(
    ("text", "currency", "words"),
    [("19.999", "EUR", "at most 2 decimals"), ("100.5", "JPY", "no decimals"),
     ("1.0005", "KWD", "at most 3 decimals"), ("-1", "USD", "negative"),
     ("ten", "EUR", "not a number")],
)  # fmt: skip
def test_wrong_list_prices_say_why(text: str, currency: str, words: str) -> None:
    with pytest.raises(InputError, match=words):
        check_list_price(text, currency)


def test_family_codes_are_short_and_unique() -> None:
    assert family_code("Cloud Backup", set()) == "CLOUD-BACKUP"
    assert family_code("Cloud backup!", {"cloud-backup"}) == "CLOUD-BACKUP-2"
    assert family_code("ÉÉ", set()) == "FAMILY"
    assert len(family_code("x" * 100, set())) <= 40


def test_the_price_in_force_is_the_latest_on_or_before_the_day() -> None:
    dates = [date(2025, 1, 1), date(2026, 11, 22), date(2027, 1, 1)]
    assert price_states(dates, date(2026, 11, 22)) == [
        PriceState.PAST, PriceState.CURRENT, PriceState.FUTURE,
    ]  # fmt: skip
    assert price_states(dates, date(2026, 11, 21)) == [
        PriceState.CURRENT, PriceState.FUTURE, PriceState.FUTURE,
    ]  # fmt: skip
    assert price_states(dates[2:], date(2026, 1, 1)) == [PriceState.FUTURE]
