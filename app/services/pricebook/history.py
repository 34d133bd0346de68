"""Which dated prices issued quotes were priced from, so their history is never rewritten.

An issued quote keeps its own snapshot, but the price book is also the record of what a SKU cost
on a day: changing the amount of a price an issued quote used, or slipping a new price in before
the date of such a quote, would make the book disagree with quotes already sent to partners.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Price, Product, QuoteLine, QuoteRevision
from app.domain.enums import QuoteStatus

#: Statuses of a quote revision that has left the building: its prices are history.
ISSUED = (QuoteStatus.ISSUED, QuoteStatus.SENT, QuoteStatus.ACCEPTED, QuoteStatus.EXPIRED)

Key = tuple[int, str]  # (product id, currency)


class IssuedUse:
    """Issued quote dates per (product, currency) and the price each was priced from."""

    def __init__(self, session: Session, product_id: int | None = None) -> None:
        lines = (
            select(
                QuoteLine.product_id, QuoteLine.sku, QuoteRevision.currency,
                QuoteRevision.quote_date,
            )
            .join(QuoteRevision, QuoteLine.revision_id == QuoteRevision.id)
            .where(QuoteRevision.status.in_(ISSUED))
        )  # fmt: skip
        prices = select(Price.product_id, Price.currency, Price.effective_from)
        if product_id is not None:
            prices = prices.where(Price.product_id == product_id)
        # Issued lines keep the SKU as printed; the product is found by it when not linked.
        by_sku = {
            sku.casefold(): pid for pid, sku in session.execute(select(Product.id, Product.sku))
        }
        self.quote_dates: dict[Key, list[date]] = defaultdict(list)
        for pid, sku, currency, day in session.execute(lines.distinct()):
            pid = pid or by_sku.get(sku.casefold())
            if pid is not None and (product_id is None or pid == product_id):
                self.quote_dates[(pid, currency)].append(day)
        for days in self.quote_dates.values():
            days.sort()
        self.price_dates: dict[Key, list[date]] = defaultdict(list)
        for pid, currency, effective in session.execute(prices):
            self.price_dates[(pid, currency)].append(effective)
        for days in self.price_dates.values():
            days.sort()

    def is_used(self, product_id: int, currency: str, effective_from: date) -> bool:
        """True if an issued quote was priced from this price (dated on or after it, before the
        next one)."""
        key = (product_id, currency)
        later = [d for d in self.price_dates.get(key, []) if d > effective_from]
        until = later[0] if later else None
        return any(
            effective_from <= day and (until is None or day < until)
            for day in self.quote_dates.get(key, [])
        )

    def blocking_quote_date(self, product_id: int, currency: str, new_from: date) -> date | None:
        """The date of an issued quote a new price from ``new_from`` would reprice, if any.

        A new price changes nothing for quotes dated before it; for quotes dated on or after
        it that were priced from an earlier price, it would rewrite what they were priced from.
        """
        key = (product_id, currency)
        dates = self.price_dates.get(key, [])
        for day in self.quote_dates.get(key, []):
            if day < new_from:
                continue
            used = dates[bisect_right(dates, day) - 1] if bisect_right(dates, day) else None
            if used is not None and used < new_from:
                return day
        return None
