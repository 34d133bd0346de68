"""How the editor writes receipt steps: short enough to read. Its money goes through
``app.domain.money.format_amount`` like every other figure."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def step_text(value: Decimal) -> str:
    """A receipt step to six places at most, without trailing zeros past the cents:
    ``30.3600000000`` → ``30.36``, ``28.8420`` → ``28.842``."""
    shown = value.quantize(Decimal("0.000001"), ROUND_HALF_UP).normalize()
    if -shown.as_tuple().exponent < 2:  # type: ignore[operator]
        shown = shown.quantize(Decimal("0.01"))
    return f"{shown:,f}"
