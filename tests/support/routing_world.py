"""A small stored world for routing and board tests, every answer worked out by hand.

Day ``D``; family Firewalls (certifying course FW-200). Partners: P-00001 Alpha (Gold, DE,
certified), P-00002 Beta (Silver, AT and DE, certification valid until D itself), P-00003 Gamma
(Platinum, suspended), P-00004 Delta (Registered, FR) holding an approved claim on Fabrikam.
Contoso is a named account. Lead L-007 waits at Alpha past its deadline.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from app.db.engine import Database
from app.db.models import (
    Account,
    Claim,
    Contact,
    Course,
    Partner,
    ProductFamily,
    Tier,
    TrainingRecord,
)
from app.db.models.leads import Lead, LeadAssignment
from app.domain.enums import AssignmentOutcome, ClaimStatus, LeadStatus, PartnerStatus
from app.domain.names import domain_key, name_key

#: The routing day: far enough before today that an export "as of today" sees every deadline pass.
D = date.today() - timedelta(days=16)


def ago(days: int) -> date:
    return D - timedelta(days=days)


def build_routing_world(db: Database) -> None:
    with db.transaction() as s:
        tiers = {t.name: t for t in s.scalars(select(Tier))}
        fw = ProductFamily(code="FW", name="Firewalls")
        course = Course(
            code="FW-200", title="Firewall expert", family=fw, certifies=True, valid_months=12
        )

        def partner(code: str, name: str, tier: str, country: str, **kw: object) -> Partner:
            return Partner(
                partner_code=code,
                name=name,
                name_key=name_key(name),
                country=country,
                tier=tiers[tier],
                status=kw.pop("status", PartnerStatus.ACTIVE),
                **kw,
            )

        alpha = partner("P-00001", "Alpha", "Gold", "DE")
        beta = partner("P-00002", "Beta", "Silver", "DE", territories="AT;DE")
        gamma = partner("P-00003", "Gamma", "Platinum", "DE", status=PartnerStatus.SUSPENDED)
        delta = partner("P-00004", "Delta", "Registered", "FR")
        s.add_all([fw, course, alpha, beta, gamma, delta])
        for who, done, until in ((alpha, ago(30), D + timedelta(days=335)), (beta, ago(400), D)):
            contact = Contact(partner=who, name=f"{who.name} seller")
            s.add(
                TrainingRecord(
                    contact=contact,
                    course=course,
                    completed_on=done,
                    passed=True,
                    valid_until=until,
                )
            )

        def account(name: str, site: str, named: bool = False) -> Account:
            return Account(
                name=name,
                name_key=name_key(name),
                website=site,
                domain=domain_key(site),
                country="DE",
                named_account=named,
            )

        contoso = account("Contoso", "contoso.com", named=True)
        fabrikam = account("Fabrikam", "fabrikam.com")
        s.add_all([contoso, fabrikam])
        s.add(
            Claim(
                account=fabrikam,
                partner=delta,
                claimed_on=ago(10),
                valid_until=D + timedelta(days=80),
                status=ClaimStatus.APPROVED,
            )
        )

        def lead(
            code: str,
            company: str,
            country: str,
            grade: str | None,
            created: int,
            site: str | None = None,
            **kw: object,
        ) -> Lead:
            return Lead(
                lead_code=code,
                company=company,
                name_key=name_key(company),
                website=site,
                domain=domain_key(site),
                country=country,
                grade=grade,
                created_on=ago(created),
                status=kw.pop("status", LeadStatus.NEW),
                **kw,
            )

        adatum = lead("L-007", "Adatum", "DE", "B", 10, status=LeadStatus.ASSIGNED)
        s.add_all(
            [
                adatum,
                lead("L-001", "Contoso GmbH", "DE", "A", 9, "https://www.contoso.com/de"),
                lead("L-002", "Fabrikam", "DE", "C", 8),
                lead("L-003", "Northwind", "DE", "B", 7, family=fw),
                lead("L-004", "Tailspin", "AT", "B", 6),
                lead("L-005", "Wingtip", "DE", "D", 5),
                lead("L-006", "Litware", "ES", "A", 4),
                lead("L-008", "Tomorrow", "DE", "A", -1),
            ]
        )
        s.add(
            LeadAssignment(
                lead=adatum,
                partner=alpha,
                assigned_on=ago(5),
                grade="B",
                reason="load 0/3",
                outcome=AssignmentOutcome.OPEN,
            )
        )


#: What a run on D does to that world: (lead, to, reason), in the order decided.
EXPECTED_ASSIGNED = [
    ("L-007", "P-00002", "load 0/2"),  # Alpha let it expire: excluded
    ("L-001", "Direct", "named account"),
    ("L-002", "P-00004", "registered"),  # whatever its territory
    ("L-003", "P-00001", "load 1/3"),  # the expired assignment still weighs: 1/3 < 1/2
    ("L-004", "P-00002", "load 1/2"),  # only Beta covers AT
]
