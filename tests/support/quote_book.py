"""A small price book, partner and account for quote tests, written through the ORM.

The figures are chosen so a pocket calculator can follow them (see the tests that use it).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select

from app.db.engine import Database
from app.db.models import (
    Account,
    Claim,
    Partner,
    Price,
    Product,
    ProductFamily,
    Setting,
    Tier,
    VolumeBreak,
)
from app.domain.enums import ClaimStatus
from app.domain.names import name_key

QUOTE_DAY = date(2026, 11, 22)


def add_price_book(db: Database) -> None:
    """Gold at 10%; deal registration 5% with an approved claim of Northwind on Contoso live on
    QUOTE_DAY; CD-100 at EUR 1,234.50 (EUR 1,300.00 from QUOTE_DAY + 1), CD-200 at EUR 99.99;
    CD-100 has a SKU break of 5% from 20, its family 10% from 10 and 15% from 50."""
    with db.transaction() as s:
        gold = s.scalar(select(Tier).where(Tier.name == "Gold"))
        assert gold is not None
        gold.discount_pct = Decimal(10)
        family = ProductFamily(code="NET", name="Networking")
        cd100 = Product(sku="CD-100", name="Edge router", family=family)
        cd200 = Product(sku="CD-200", name='Switch <b>Fast & "Safe"</b>', family=family)
        partner = Partner(
            name="Northwind Traders",
            name_key=name_key("Northwind Traders"),
            partner_code="P-1001",
            tier=gold,
            country="DE",
        )
        other = Partner(name="Adatum Systems", name_key=name_key("Adatum Systems"))
        contoso = Account(name="Contoso Ltd", name_key=name_key("Contoso Ltd"), country="DE")
        fabrikam = Account(name="Fabrikam Inc", name_key=name_key("Fabrikam Inc"), country="US")
        s.add_all(
            [
                family, cd100, cd200, partner, other, contoso, fabrikam,
                Price(product=cd100, currency="EUR", list_price=Decimal("1234.50"),
                      effective_from=date(2026, 1, 1)),
                Price(product=cd100, currency="EUR", list_price=Decimal("1300.00"),
                      effective_from=date(2026, 11, 23)),
                Price(product=cd200, currency="EUR", list_price=Decimal("99.99"),
                      effective_from=date(2026, 1, 1)),
                Price(product=cd100, currency="JPY", list_price=Decimal(150001),
                      effective_from=date(2026, 1, 1)),
                VolumeBreak(product=cd100, min_qty=20, discount_pct=Decimal(5)),
                VolumeBreak(family=family, min_qty=10, discount_pct=Decimal(10)),
                VolumeBreak(family=family, min_qty=50, discount_pct=Decimal(15)),
                Claim(account=contoso, partner=partner, claimed_on=date(2026, 9, 1),
                      valid_until=QUOTE_DAY, status=ClaimStatus.APPROVED),
                Setting(key="deal_reg_discount_pct", value="5"),
                Setting(key="default_tax_rate_pct", value="19"),
                Setting(key="company_name", value="Channel Desk GmbH"),
            ]
        )  # fmt: skip
