"""The program world with what a quarterly review of Northwind Traders (P-1) for 2026 Q1 adds,
seen on 2026-04-20: open deals (one in USD, one in GBP that no rate converts), leads assigned in
the quarter (accepted, converted, declined, and one before it), and a certification of one of
its people that runs out next quarter (2026 Q3)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select

from app.db.engine import Database
from app.db.models import (
    Account,
    Contact,
    Course,
    Deal,
    DealParty,
    Partner,
    ProductFamily,
    TrainingRecord,
)
from app.db.models.leads import Lead, LeadAssignment
from app.domain.enums import AssignmentOutcome, DealStage, LeadStatus, PartyRole
from app.domain.names import name_key
from tests.support.program_world import add_program_world

TODAY = date(2026, 4, 20)
QUARTER = "2026Q1"


def add_qbr_world(db: Database) -> None:
    add_program_world(db)
    with db.transaction() as s:
        p1 = s.scalars(select(Partner).where(Partner.partner_code == "P-1")).one()
        core = s.scalars(select(ProductFamily).where(ProductFamily.code == "CORE")).one()
        account = Account(name="Litware Ltd", name_key=name_key("Litware Ltd"), country="GB")
        s.add(account)
        for code, amount, currency, stage in (
            ("D-7", "20000", "USD", DealStage.PROPOSAL),
            ("D-8", "3000", "GBP", DealStage.QUALIFIED),
        ):
            deal = Deal(deal_code=code, name=f"Deal {code}", account=account, stage=stage,
                        amount=Decimal(amount), currency=currency,
                        expected_close=date(2026, 6, 30))  # fmt: skip
            deal.parties = [DealParty(partner=p1, role=PartyRole.REGISTERING_PARTNER)]
            s.add(deal)
        for n, (assigned, outcome, accepted, ended) in enumerate(
            (
                (date(2026, 1, 12), AssignmentOutcome.ACCEPTED, date(2026, 1, 13), None),
                (date(2026, 2, 2), AssignmentOutcome.CONVERTED, date(2026, 2, 3),
                 date(2026, 3, 9)),
                (date(2026, 3, 16), AssignmentOutcome.DECLINED, None, date(2026, 3, 17)),
                (date(2025, 12, 1), AssignmentOutcome.ACCEPTED, date(2025, 12, 2), None),
            ),
            start=1,
        ):  # fmt: skip
            lead = Lead(lead_code=f"L-{n}", company=f"Prospect {n} GmbH",
                        name_key=name_key(f"Prospect {n} GmbH"), country="DE", grade="A",
                        created_on=assigned, status=LeadStatus.ASSIGNED)  # fmt: skip
            lead.assignments = [
                LeadAssignment(partner=p1, assigned_on=assigned, grade="A", reason="route",
                               outcome=outcome, accepted_on=accepted, ended_on=ended)
            ]  # fmt: skip
            s.add(lead)
        cert = Course(code="CD-201", title="Core Engineer", family=core, certifies=True,
                      valid_months=12)  # fmt: skip
        ann = Contact(partner=p1, name="Ann Lee", email="ann@northwind.example")
        s.add_all([cert, ann])
        s.add(TrainingRecord(contact=ann, course=cert, completed_on=date(2025, 8, 1),
                             valid_until=date(2026, 8, 1)))  # fmt: skip
