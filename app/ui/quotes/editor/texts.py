"""How the editor writes its totals and receipt steps: short enough to read. Its money goes
through ``app.domain.money`` like every other figure."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from app.domain.money import format_amount, format_money, format_percent
from app.domain.pricing import PricedLine, PricedQuote
from app.domain.quote_print import discount_as_read


def step_text(value: Decimal) -> str:
    """A receipt step to six places at most, without trailing zeros past the cents:
    ``30.3600000000`` → ``30.36``, ``28.8420`` → ``28.842``."""
    shown = value.quantize(Decimal("0.000001"), ROUND_HALF_UP).normalize()
    if -shown.as_tuple().exponent < 2:  # type: ignore[operator]
        shown = shown.quantize(Decimal("0.01"))
    return f"{shown:,f}"


def totals_text(priced: PricedQuote | None) -> str:
    """The totals line under the lines; the discount as the PDF prints it (money taken off)."""
    if priced is None:
        return "Total: —"
    t, cur = priced.totals, priced.currency
    return (
        f"List {format_amount(t.list_total, cur)}   "
        f"Discount {format_amount(discount_as_read(t.discount), cur)}   "
        f"Subtotal {format_amount(t.subtotal, cur)}   "
        f"Tax {format_percent(t.tax_rate_pct)} {format_amount(t.tax, cur)}   "
        f"Total {format_money(t.total, cur)}"
    )


def receipt_text(line: PricedLine | None, currency: str, sku: str) -> str:
    """How a line's price is built, step by step; for a line that cannot be priced yet, why
    there are no figures."""
    if line is None:
        return f"{sku}\n\nNo figures yet: the problems under the lines say why."
    steps = line.receipt(currency)
    text = "\n".join(f"{name}:  {step_text(value)}" for name, value in steps)
    return f"{line.sku} — {line.description}\n\n{text}"
