"""Price-book rules that need no database: currency codes, list prices, and which price is in force.

A list price is exact: it has no more decimals than its currency's minor unit (so 19.999 EUR or
1,000.5 JPY is refused rather than silently rounded) and is never negative. A SKU's prices in one
currency form a history; the price in force on a day is the one with the latest effective-from
date on or before it (SPEC.md, "Pricing rules" 1), later ones are future prices.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from decimal import ROUND_DOWN, Decimal
from enum import StrEnum

from app.domain.errors import InputError
from app.domain.money import amount_problem, minor_unit, parse_decimal

_ISO_CODES = """AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD
BTN BWP BYN BZD CAD CDF CHF CLP CNY COP CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD
FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HRK HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES
KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR
MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR
SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS
UAH UGX USD UYU UZS VED VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG ZWL"""

#: ISO 4217 codes in use (funds and precious metals left out: nobody lists a product in gold).
ISO_CURRENCIES: frozenset[str] = frozenset(_ISO_CODES.split())


def currency_problem(code: str) -> str | None:
    """Why ``code`` (already upper-case) is not a currency a price can be in, or ``None``."""
    if len(code) != 3 or not code.isascii() or not code.isalpha():
        return "is not a currency code: use three letters such as EUR"
    if code not in ISO_CURRENCIES:
        return "is not an ISO 4217 currency: use a code such as EUR or USD"
    return None


def check_currency(text: object) -> str:
    """The upper-case ISO 4217 code ``text`` names; anything else is refused in one line."""
    code = str(text or "").strip().upper()
    problem = currency_problem(code)
    if problem:
        raise InputError(f"'{text}' {problem}.")
    return code


def price_problem(amount: Decimal, currency: str) -> str | None:
    """Why ``amount`` cannot be a list price in ``currency`` (negative, finer than its minor
    unit), or ``None``."""
    if amount < 0:
        return "must not be negative"
    if (too_large := amount_problem(amount)) is not None:
        return too_large
    places = minor_unit(currency)
    if amount != amount.quantize(Decimal(1).scaleb(-places), rounding=ROUND_DOWN):
        unit = "no decimals" if places == 0 else f"at most {places} decimals"
        return f"has more decimals than {currency} allows ({unit})"
    return None


def check_list_price(value: object, currency: str) -> Decimal:
    """An exact list price ≥ 0 with at most the currency's decimals (JPY 0, EUR 2, KWD 3)."""
    amount = parse_decimal(value, "list price")
    problem = price_problem(amount, currency)
    if problem:
        raise InputError(f"The list price {value} {problem}.")
    return amount


_NOT_CODE = re.compile(r"[^A-Z0-9]+")


def family_code(name: str, taken: set[str]) -> str:
    """A short unique code for a new product family named ``name`` (``Cloud Backup`` → ``CLOUD-
    BACKUP``), so a family typed only by name in a sheet can be stored and matched again."""
    base = _NOT_CODE.sub("-", name.upper()).strip("-")[:36] or "FAMILY"
    code, n = base, 2
    while code.casefold() in {t.casefold() for t in taken}:
        code, n = f"{base}-{n}", n + 1
    return code


class PriceState(StrEnum):
    """Where a dated price stands on a given day."""

    PAST = "superseded"
    CURRENT = "in force"
    FUTURE = "future"


def price_states(dates: Sequence[date], today: date) -> list[PriceState]:
    """For the effective-from ``dates`` of a SKU in one currency, each one's state on ``today``."""
    current = max((d for d in dates if d <= today), default=None)
    return [
        PriceState.FUTURE if d > today else PriceState.CURRENT if d == current else PriceState.PAST
        for d in dates
    ]
