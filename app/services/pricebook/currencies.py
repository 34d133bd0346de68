"""The currencies the price book has prices in: what a quote can be priced in, and what the
forms that take an amount (a course's cost per seat) offer to pick from."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import Price


def price_book_currencies(session: Session) -> list[str]:
    """The currencies the price book has prices in, the most used first: a quote can only be
    priced in one of them."""
    count = func.count(Price.id)
    query = select(Price.currency, count).group_by(Price.currency)
    rows = session.execute(query.order_by(count.desc(), Price.currency))
    return [currency for currency, _n in rows]
