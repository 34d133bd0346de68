"""How the editor writes figures: money grouped with the currency's decimals, receipt steps
short enough to read."""

from __future__ import annotations

from decimal import Decimal

from app.domain.money import minor_unit


def step_text(value: Decimal) -> str:
    """A receipt step to six places at most, without trailing zeros past the cents:
    ``30.3600000000`` → ``30.36``, ``28.8420`` → ``28.842``."""
    shown = value.quantize(Decimal("0.000001")).normalize()
    if -shown.as_tuple().exponent < 2:  # type: ignore[operator]
        shown = shown.quantize(Decimal("0.01"))
    return f"{shown:,f}"


def amount_text(amount: Decimal, currency: str) -> str:
    """``1234.5`` EUR → ``1,234.50``: grouped, with the currency's decimals, for reading."""
    return f"{amount:,.{minor_unit(currency)}f}"
