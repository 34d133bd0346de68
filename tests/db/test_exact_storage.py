"""Money and percentages are stored and read back exactly, on SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select, text

from app.db.engine import Database
from app.db.models import Price, Product, Tier

EXACT_VALUES = [
    Decimal("0.1") + Decimal("0.2"),
    Decimal("12345678901.23"),
    Decimal("0.001"),
    Decimal("99999999999999.9999"),
    Decimal("0"),
    Decimal("1234.5678"),
]


@pytest.mark.parametrize("amount", EXACT_VALUES, ids=str)
def test_money_round_trips_exactly(any_db: Database, amount: Decimal) -> None:
    with any_db.transaction() as session:
        product = Product(sku="CD-1", name="Backup")
        session.add(product)
        session.flush()
        session.add(
            Price(
                product=product, currency="KWD", list_price=amount, effective_from=date(2026, 1, 1)
            )
        )
    with any_db.reading() as session:
        stored = session.scalars(select(Price.list_price)).one()
    assert isinstance(stored, Decimal)
    assert stored == amount
    assert str(stored.normalize()) == str(amount.normalize())


def test_sums_in_sql_are_exact(any_db: Database) -> None:
    """Ten times 0.1 is exactly 1 when SQL adds it up: integers underneath, no float."""
    with any_db.transaction() as session:
        product = Product(sku="CD-2", name="Backup")
        session.add(product)
        for day in range(1, 11):
            session.add(
                Price(product=product, currency="EUR", list_price=Decimal("0.1"),
                      effective_from=date(2026, 1, day))
            )  # fmt: skip
    with any_db.reading() as session:
        raw = session.scalar(select(func.sum(text("list_price"))).select_from(Price))
    assert int(raw) == 10_000  # ten-thousandths: exactly 1.0000


def test_more_decimals_than_storage_is_refused(any_db: Database) -> None:
    with pytest.raises(Exception, match="more than 4 decimals"), any_db.transaction() as session:
        session.add(Tier(name="Odd", discount_pct=Decimal("1.00001")))


def test_float_is_refused(any_db: Database) -> None:
    with pytest.raises(Exception, match="exact decimals only"), any_db.transaction() as session:
        session.add(Tier(name="Floaty", discount_pct=0.1))
