"""``quote show --format table``: the quote as an aligned text table a person reads in a terminal.

The same stored figures as the JSON and the PDF, with thousands separators and the currency code.
"""

from __future__ import annotations

from app.domain.money import format_amount, percent_number
from app.domain.quote_print import discount_as_read
from app.domain.quote_view import QuoteView

_HEADERS = ("#", "SKU", "Qty", "List", "Tier %", "Reg %", "Vol %", "Spec %", "Net unit", "Total")
_RIGHT = frozenset({0, 2, 3, 4, 5, 6, 7, 8, 9})


def render_table(view: QuoteView) -> str:
    cur = view.currency
    rows = [
        (
            str(ln.position),
            ln.sku,
            f"{ln.qty:,}",
            format_amount(ln.list_price, cur),
            percent_number(ln.tier_pct),
            percent_number(ln.reg_pct),
            percent_number(ln.volume_pct),
            percent_number(ln.special_pct),
            format_amount(ln.net_unit, cur),
            format_amount(ln.line_total, cur),
        )
        for ln in view.lines
    ]
    widths = [max(len(r[i]) for r in (_HEADERS, *rows)) for i in range(len(_HEADERS))]

    def line(cells: tuple[str, ...]) -> str:
        return "  ".join(
            c.rjust(w) if i in _RIGHT else c.ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    status = view.status.label
    head = [
        f"Quote {view.number}  rev {view.revision}  ({status})",
        f"Partner:  {view.partner}" + (f" [{view.partner_code}]" if view.partner_code else ""),
        f"Account:  {view.account}"
        + (f" ({view.account_country})" if view.account_country else ""),
        f"Date:     {view.quote_date.isoformat()}"
        + (f"   valid until {view.valid_until.isoformat()}" if view.valid_until else "")
        + (f"   accepted on {view.accepted_on.isoformat()}" if view.accepted_on else ""),
        f"Currency: {cur}",
        "",
        line(_HEADERS),
        line(tuple("-" * w for w in widths)),
        *(line(r) for r in rows),
        "",
    ]
    t = view.totals
    figures = (
        ("List total", t.list_total),
        ("Discount", discount_as_read(t.discount)),  # as the PDF prints it: money taken off
        ("Subtotal", t.subtotal),
        (f"Tax {percent_number(t.tax_rate_pct)}%", t.tax),
        ("Total", t.total),
    )
    amounts = [format_amount(amount, cur) for _, amount in figures]
    amount_w = max(len(a) for a in amounts)
    texts = [
        (label, f"{cur} {a.rjust(amount_w)}")
        for (label, _), a in zip(figures, amounts, strict=True)
    ]
    label_w = max(len(label) for label, _ in texts)
    value_w = max(len(text) for _, text in texts)
    total_w = max(sum(widths) + 2 * (len(widths) - 1), label_w + 2 + value_w)
    tail = [
        f"{label.ljust(label_w)}  {text.rjust(value_w)}".rjust(total_w) for label, text in texts
    ]
    return "\n".join(head + tail)
