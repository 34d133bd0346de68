"""The database itself refuses bad data, whatever code writes it (SPEC.md, issue 2)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import (
    Account,
    Claim,
    Contact,
    Deal,
    DealParty,
    Price,
    Product,
    Quote,
    QuoteLine,
    QuoteRevision,
    Tier,
    VolumeBreak,
)
from app.domain.enums import PartyRole


def _product(session: Session) -> Product:
    product = Product(sku="CD-100", name="Backup")
    session.add(product)
    session.flush()
    return product


def _account(session: Session) -> Account:
    account = Account(name="Contoso", name_key="contoso")
    session.add(account)
    session.flush()
    return account


def _quote_revision(session: Session) -> QuoteRevision:
    from app.db.models import Partner

    partner = Partner(name="Northwind", name_key="northwind")
    account = _account(session)
    session.add(partner)
    session.flush()
    quote = Quote(number="Q-2026-00001", year=2026, sequence=1, partner=partner, account=account)
    revision = QuoteRevision(quote=quote, revision=1, quote_date=date(2026, 1, 1), currency="EUR")
    session.add_all([quote, revision])
    session.flush()
    return revision


def duplicate_price(session: Session) -> None:
    product = _product(session)
    for _ in range(2):
        session.add(Price(product=product, currency="EUR", list_price=Decimal(1),
                          effective_from=date(2026, 1, 1)))  # fmt: skip
    session.flush()


def negative_price(session: Session) -> None:
    session.add(Price(product=_product(session), currency="EUR", list_price=Decimal(-1),
                      effective_from=date(2026, 1, 1)))  # fmt: skip
    session.flush()


def lower_case_currency(session: Session) -> None:
    session.add(Price(product=_product(session), currency="eur", list_price=Decimal(1),
                      effective_from=date(2026, 1, 1)))  # fmt: skip
    session.flush()


def percent_above_100(session: Session) -> None:
    session.add(Tier(name="Too generous", discount_pct=Decimal("100.01")))
    session.flush()


def negative_percent(session: Session) -> None:
    session.add(Tier(name="Surcharge", discount_pct=Decimal("-1")))
    session.flush()


def zero_quantity(session: Session) -> None:
    revision = _quote_revision(session)
    line = QuoteLine(revision=revision, position=1, sku="X", description="X", quantity=0,
                     list_price=Decimal(1), net_unit=Decimal(1), line_total=Decimal(0))  # fmt: skip
    session.add(line)
    session.flush()


def volume_break_for_both(session: Session) -> None:
    from app.db.models import ProductFamily

    family = ProductFamily(code="BK", name="Backup")
    session.add(family)
    session.flush()
    session.add(VolumeBreak(product=_product(session), family=family, min_qty=10,
                            discount_pct=Decimal(5)))  # fmt: skip
    session.flush()


def contact_of_missing_partner(session: Session) -> None:
    session.execute(insert(Contact).values(partner_id=999, name="Nobody", role="sales",
                                           active=True, version=1,
                                           created_at=_now(), updated_at=_now()))  # fmt: skip


def claim_ending_before_it_starts(session: Session) -> None:
    session.add(Claim(account=_account(session), claimed_on=date(2026, 5, 1),
                      valid_until=date(2026, 4, 1)))  # fmt: skip
    session.flush()


def party_both_partner_and_nobody(session: Session) -> None:
    deal = Deal(name="D", account=_account(session), currency="EUR")
    session.add(deal)
    session.flush()
    session.add(DealParty(deal=deal, role=PartyRole.INFLUENCER))
    session.flush()


def unknown_enum_value(session: Session) -> None:
    from sqlalchemy import text

    session.execute(
        text(
            "INSERT INTO partner (name, name_key, type, status, version, created_at, updated_at) "
            "VALUES ('X', 'x', 'pirate', 'active', 1, :t, :t)"
        ),
        {"t": _now().replace(tzinfo=None)},
    )


def _now() -> Any:
    from app.db.types import utcnow

    return utcnow()


CASES: list[Callable[[Session], None]] = [
    duplicate_price,
    negative_price,
    lower_case_currency,
    percent_above_100,
    negative_percent,
    zero_quantity,
    volume_break_for_both,
    contact_of_missing_partner,
    claim_ending_before_it_starts,
    party_both_partner_and_nobody,
    unknown_enum_value,
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.__name__)
def test_database_refuses(any_db: Database, case: Callable[[Session], None]) -> None:
    with pytest.raises(IntegrityError), any_db.transaction() as session:
        case(session)


def test_fresh_database_knows_the_default_tiers(any_db: Database) -> None:
    from sqlalchemy import select

    with any_db.reading() as session:
        tiers = session.execute(select(Tier.name, Tier.discount_pct).order_by(Tier.rank)).all()
    assert [(name, pct) for name, pct in tiers] == [
        ("Registered", Decimal(0)),
        ("Silver", Decimal(0)),
        ("Gold", Decimal(0)),
        ("Platinum", Decimal(0)),
    ]
