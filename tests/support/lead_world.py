"""A small, known set of leads and their assignments, for the leads pages and their services.

Dates are relative to the day given (the tests pass ``TODAY``), with the default lead rules:
3 acceptance days, 14 quiet days.

| Lead  | company          | grade | now                                              |
|-------|------------------|-------|--------------------------------------------------|
| L-001 | Fabrikam Inc     | A     | Direct since 30 days (quiet)                     |
| L-002 | Blue Yonder      | B     | P-001, assigned yesterday, to accept in 2 days   |
| L-003 | Coho Winery      | C     | declined by P-002 5 days ago (quality), nobody   |
| L-004 | Litware          | C     | converted by P-001 10 days ago                   |
| L-005 | Wingtip Toys     | D     | nurture                                          |
| L-006 | Proseware        | none  | unroutable (no partner for FR)                   |
| L-007 | Margie's Travel  | A     | expired with P-001, then P-002 accepted it (quiet)|
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from app.db.engine import Database
from app.db.models import Partner, ProductFamily, Tier
from app.db.models.leads import Lead, LeadAssignment
from app.domain.enums import AssignmentOutcome, LeadStatus, PartnerStatus
from app.domain.names import name_key

Out = AssignmentOutcome


@dataclass(frozen=True)
class LeadWorld:
    partners: dict[str, int]  # Partner ID → row id
    leads: dict[str, int]  # Lead ID → row id


def _partner(session: object, code: str, name: str, country: str, tier: Tier | None) -> Partner:
    partner = Partner(
        name=name,
        name_key=name_key(name),
        partner_code=code,
        tier=tier,
        status=PartnerStatus.ACTIVE,
        country=country,
    )
    session.add(partner)  # type: ignore[attr-defined]
    return partner


def add_lead_world(db: Database, today: date) -> LeadWorld:
    day = lambda n: today - timedelta(days=n)  # noqa: E731
    with db.transaction() as s:
        gold = s.scalar(select(Tier).where(Tier.name == "Gold"))
        if gold is None:
            gold = Tier(name="Gold", rank=3, lead_weight=3)
            s.add(gold)
        north = _partner(s, "P-001", "Northwind Traders", "DE", gold)
        contoso = _partner(s, "P-002", "Contoso Partners", "US", None)
        family = s.scalar(select(ProductFamily).where(ProductFamily.code == "CORE"))
        if family is None:
            family = ProductFamily(code="CORE", name="Core Platform")
            s.add(family)
        s.flush()

        def lead(
            code: str, company: str, grade: str | None, status: LeadStatus, **more: object
        ) -> Lead:
            row = Lead(
                lead_code=code,
                company=company,
                name_key=name_key(company),
                country=more.pop("country", "DE"),
                grade=grade,
                status=status,
                created_on=more.pop("created_on", day(40)),
                campaign=more.pop("campaign", "Spring webinar"),
                family=family,
                **more,
            )
            s.add(row)
            return row

        def give(
            row: Lead,
            partner: Partner | None,
            on: date,
            outcome: AssignmentOutcome,
            reason: str,
            **more: object,
        ) -> None:
            s.add(
                LeadAssignment(
                    lead=row, partner=partner, assigned_on=on, grade=row.grade, reason=reason,
                    outcome=outcome, **more,
                )
            )  # fmt: skip

        l1 = lead("L-001", "Fabrikam Inc", "A", LeadStatus.ACCEPTED, email="ann@fabrikam.example")
        give(l1, None, day(30), Out.ACCEPTED, "grade A", accepted_on=day(30))
        l2 = lead("L-002", "Blue Yonder", "B", LeadStatus.ASSIGNED, campaign="Trade show")
        give(l2, north, day(1), Out.OPEN, "load 0/3")
        l3 = lead(
            "L-003", "Coho Winery", "C", LeadStatus.DECLINED, country="US", status_reason="quality"
        )
        give(l3, contoso, day(8), Out.DECLINED, "load 0/1", ended_on=day(5), end_reason="quality")
        l4 = lead("L-004", "Litware", "C", LeadStatus.CONVERTED)
        give(l4, north, day(22), Out.CONVERTED, "load 1/3", accepted_on=day(20), ended_on=day(10))
        lead(
            "L-005",
            "Wingtip Toys",
            "D",
            LeadStatus.NURTURE,
            nurture_grade="D",
            campaign="Trade show",
        )
        lead(
            "L-006",
            "Proseware",
            None,
            LeadStatus.UNROUTABLE,
            country="FR",
            status_reason="no eligible partner for FR, Core Platform",
        )
        l7 = lead("L-007", "Margie's Travel", "A", LeadStatus.ACCEPTED, country="US")
        give(l7, north, day(30), Out.EXPIRED, "load 2/3", ended_on=day(25))
        give(l7, contoso, day(24), Out.ACCEPTED, "load 1/1", accepted_on=day(20))
        s.flush()
        return LeadWorld(
            {"P-001": north.id, "P-002": contoso.id},
            {r.lead_code: r.id for r in s.scalars(select(Lead))},
        )
