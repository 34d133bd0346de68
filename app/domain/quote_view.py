"""One stored quote revision as every reader sees it: the screen, ``quote show``, the PDF.

The figures are the stored ones (never re-priced), and for an issued revision the partner and
account names are those of its snapshot, so the same revision always shows the same document.
``as_json`` is SPEC.md's ``quote show --format json``: every figure a decimal string with the
currency's decimals, so a script can compare it with the PDF character for character.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from app.domain.enums import QuoteStatus
from app.domain.money import amount_text, percent_number
from app.domain.pricing import PricedLine, QuoteTotals


@dataclass(frozen=True, slots=True)
class QuoteView:
    number: str
    revision: int
    status: QuoteStatus
    quote_date: date
    valid_until: date | None
    currency: str
    partner: str
    partner_code: str | None
    account: str
    account_country: str | None
    lines: tuple[PricedLine, ...]
    totals: QuoteTotals
    issued_at: datetime | None
    revisions: int
    #: The day the partner accepted it (an accepted revision), else None.
    accepted_on: date | None = None

    @property
    def frozen(self) -> bool:
        """Issued (or later): its figures and names come from the snapshot taken then."""
        return self.issued_at is not None


def as_json(view: QuoteView) -> dict[str, Any]:
    """SPEC.md's JSON of a quote: figures as strings, never floats."""
    cur = view.currency
    return {
        "number": view.number,
        "revision": view.revision,
        "partner": view.partner,
        "account": view.account,
        "currency": cur,
        "date": view.quote_date.isoformat(),
        "status": view.status.value,
        "lines": [
            {
                "sku": ln.sku,
                "qty": ln.qty,
                "list": amount_text(ln.list_price, cur),
                "discounts": {
                    "tier": percent_number(ln.tier_pct),
                    "deal_registration": percent_number(ln.reg_pct),
                    "volume": percent_number(ln.volume_pct),
                    "special": percent_number(ln.special_pct),
                },
                "net_unit": amount_text(ln.net_unit, cur),
                "line_total": amount_text(ln.line_total, cur),
            }
            for ln in view.lines
        ],
        "list_total": amount_text(view.totals.list_total, cur),
        "discount": amount_text(view.totals.discount, cur),
        "subtotal": amount_text(view.totals.subtotal, cur),
        "tax_rate": percent_number(view.totals.tax_rate_pct),
        "tax": amount_text(view.totals.tax, cur),
        "total": amount_text(view.totals.total, cur),
    }
