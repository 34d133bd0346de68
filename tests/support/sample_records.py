"""A small, known set of records for service and UI tests, written through the ORM.

Dates are relative to ``TODAY`` so states (expiring, live, expired) are the same on any day the
tests run: services take ``today`` and the tests pass this one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from app.db.engine import Database
from app.db.models import (
    Account,
    Claim,
    Contact,
    Course,
    Deal,
    DealParty,
    DirectRep,
    Partner,
    ProductFamily,
    Quote,
    QuoteRevision,
    Tier,
    TrainingRecord,
)
from app.domain.enums import ClaimStatus, DealStage, PartnerStatus, PartyRole, QuoteStatus
from app.domain.names import domain_key, name_key

TODAY = date.today()


@dataclass(frozen=True)
class Sample:
    partners: tuple[str, ...] = ("Northwind Traders", "Contoso Partners", "Adatum Systems")
    accounts: tuple[str, ...] = ("Fabrikam Inc", "Tailspin Toys")


def _tier(session: object, name: str) -> Tier:
    from sqlalchemy import select

    tier = session.scalar(select(Tier).where(Tier.name == name))  # type: ignore[attr-defined]
    if tier is None:
        tier = Tier(name=name, discount_pct=Decimal(10), rank=3)
        session.add(tier)  # type: ignore[attr-defined]
    return tier


def add_sample_records(db: Database) -> Sample:
    """Three partners, two contacts, three training records, two accounts, three claims,
    two deals and two quotes (one needing approval)."""
    sample = Sample()
    with db.transaction() as s:
        gold = _tier(s, "Gold")
        north = Partner(
            name="Northwind Traders",
            name_key=name_key("Northwind Traders"),
            partner_code="P-001",
            tier=gold,
            status=PartnerStatus.ACTIVE,
            country="DE",
            city="Berlin",
        )
        contoso = Partner(
            name="Contoso Partners",
            name_key=name_key("Contoso Partners"),
            partner_code="P-002",
            status=PartnerStatus.ACTIVE,
            country="US",
        )
        adatum = Partner(name="Adatum Systems", name_key=name_key("Adatum Systems"), country="FR")
        s.add_all([north, contoso, adatum])
        alice = Contact(partner=north, name="Alice Meyer", email="alice@northwind.example")
        bob = Contact(partner=contoso, name="Bob Stone", email="bob@contoso.example")
        s.add_all([alice, bob])
        family = ProductFamily(code="CORE", name="Core Platform")
        course = Course(code="CD-101", title="Core Sales", family=family, certifies=True)
        s.add_all([family, course])
        s.add_all(
            [
                TrainingRecord(
                    contact=alice,
                    course=course,
                    completed_on=TODAY - timedelta(days=300),
                    valid_until=TODAY + timedelta(days=30),
                ),
                TrainingRecord(
                    contact=bob,
                    course=course,
                    completed_on=TODAY - timedelta(days=800),
                    valid_until=TODAY - timedelta(days=5),
                ),
                TrainingRecord(
                    contact=bob,
                    course=course,
                    completed_on=TODAY - timedelta(days=10),
                    valid_until=TODAY + timedelta(days=355),
                ),
            ]
        )
        rep = DirectRep(name="Dana Direct", email="dana@vendor.example")
        fabrikam = Account(
            name="Fabrikam Inc",
            name_key=name_key("Fabrikam Inc"),
            website="fabrikam.example",
            domain=domain_key("fabrikam.example"),
            country="US",
            owner_rep=rep,
            named_account=True,
        )
        tailspin = Account(name="Tailspin Toys", name_key=name_key("Tailspin Toys"), country="GB")
        s.add_all([rep, fabrikam, tailspin])
        s.add_all(
            [
                Claim(
                    account=fabrikam,
                    partner=north,
                    claimed_on=TODAY - timedelta(days=10),
                    valid_until=TODAY + timedelta(days=80),
                    status=ClaimStatus.APPROVED,
                    deal_amount=Decimal("125000.00"),
                    currency="EUR",
                    commission_pct=Decimal(20),
                ),
                Claim(
                    account=fabrikam,
                    partner=None,
                    direct_rep=rep,
                    claimed_on=TODAY - timedelta(days=5),
                    valid_until=TODAY + timedelta(days=85),
                    status=ClaimStatus.PENDING,
                ),
                Claim(
                    account=tailspin,
                    partner=contoso,
                    claimed_on=TODAY - timedelta(days=200),
                    valid_until=TODAY - timedelta(days=110),
                    status=ClaimStatus.EXPIRED,
                    deal_amount=Decimal("990000"),
                    currency="JPY",
                    commission_pct=Decimal("12.5"),
                ),
            ]
        )
        big = Deal(
            name="Fabrikam roll-out",
            account=fabrikam,
            stage=DealStage.PROPOSAL,
            amount=Decimal("125000.00"),
            currency="EUR",
            expected_close=TODAY + timedelta(days=40),
        )
        big.parties = [
            DealParty(
                partner=north, role=PartyRole.REGISTERING_PARTNER, commission_pct=Decimal(20)
            ),
            DealParty(direct_rep=rep, role=PartyRole.DIRECT_REP, commission_pct=Decimal(5)),
        ]
        small = Deal(
            name="Tailspin pilot",
            account=tailspin,
            stage=DealStage.WON,
            closed_on=TODAY - timedelta(days=20),
            amount=Decimal("9900.50"),
            currency="USD",
        )
        s.add_all([big, small])
        q1 = Quote(number=f"Q-{TODAY.year}-00001", year=TODAY.year, sequence=1)
        q1.partner, q1.account = north, fabrikam
        q1.revisions = [
            QuoteRevision(
                revision=1,
                status=QuoteStatus.ISSUED,
                quote_date=TODAY - timedelta(days=20),
                currency="EUR",
                subtotal=Decimal("1000.00"),
                total=Decimal("1190.00"),
            ),
            QuoteRevision(
                revision=2,
                status=QuoteStatus.NEEDS_APPROVAL,
                quote_date=TODAY - timedelta(days=2),
                currency="EUR",
                subtotal=Decimal("900.00"),
                total=Decimal("1071.00"),
            ),
        ]
        q2 = Quote(number=f"Q-{TODAY.year}-00002", year=TODAY.year, sequence=2)
        q2.partner, q2.account = contoso, tailspin
        q2.revisions = [
            QuoteRevision(
                revision=1,
                status=QuoteStatus.SENT,
                quote_date=TODAY - timedelta(days=1),
                currency="USD",
                subtotal=Decimal("5000.00"),
                total=Decimal("5000.00"),
            )
        ]
        s.add_all([q1, q2])
    return sample
