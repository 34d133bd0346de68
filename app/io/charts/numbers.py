"""How a chart writes its numbers: exact labels as the tables write them, short axis ticks.

A label on a bar is the figure itself (``format_amount``, SPEC.md's 1,234.50), so it can be found
in the table behind the chart; an axis tick is only a scale and reads better short (``250k``).
"""

from __future__ import annotations

from decimal import Decimal

from app.domain.money import format_amount
from app.io.charts.spec import Number, ValueKind

_STEPS = ((Decimal(10) ** 9, "bn"), (Decimal(10) ** 6, "M"), (Decimal(10) ** 3, "k"))


def value_label(value: Number | None, kind: ValueKind, currency: str | None = None) -> str:
    """The exact figure as the screens write it; an em dash for a value that does not exist."""
    if value is None:
        return "—"
    if kind is ValueKind.MONEY:
        assert currency is not None
        return format_amount(Decimal(value), currency)
    if kind is ValueKind.PERCENT:
        return f"{Decimal(value).quantize(Decimal('0.1')):,}%"
    if kind is ValueKind.RATIO:
        return f"{Decimal(value).quantize(Decimal('0.01')):,}"
    return f"{int(value):,}"


def tick_label(value: float, kind: ValueKind) -> str:
    """A short scale mark: 250k, 1.5M; percentages with a sign; counts as whole numbers."""
    if kind is ValueKind.PERCENT:
        return f"{value:.0f}%"
    amount = Decimal(repr(float(value)))
    if kind is ValueKind.RATIO:
        return f"{amount.normalize():f}"
    for size, suffix in _STEPS:
        if abs(amount) >= size:
            short = (amount / size).quantize(Decimal("0.1")).normalize()
            return f"{short:f}{suffix}"
    if amount != amount.to_integral_value():
        return ""  # a count or an amount has no tick between whole numbers worth writing
    return f"{int(amount):,}"
