"""The routing world read from the database in a handful of set-based Core queries.

One query each for the leads a run takes up, the partners, the assignments that weigh on the run
(in the load window, waiting past their deadline, or excluding a partner from a lead it takes
up), the certain account matches of those leads with the approved live claims on them, and the
certifications held on the day. Nothing is loaded per lead or per partner, so a run over 20,000
leads costs a few statements, not 20,000.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import ColumnElement, Select, Subquery, and_, or_, select, union
from sqlalchemy.orm import Session

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
from app.domain.leads.rules import DIRECT, LeadRules
from app.domain.leads.world import (
    PastAssignment,
    Registration,
    RoutingLead,
    RoutingPartner,
    RoutingWorld,
)
from app.domain.territories import territory_codes
from app.domain.training import add_months

#: Lead statuses a run looks at (nurture only when the grade changed, decided by the rules).
TAKEN_UP = (
    LeadStatus.NEW,
    LeadStatus.DECLINED,
    LeadStatus.EXPIRED,
    LeadStatus.UNROUTABLE,
    LeadStatus.NURTURE,
)


@dataclass(frozen=True, slots=True)
class StoredWorld:
    """The world, and the row ids the run needs to write back what it decided."""

    world: RoutingWorld
    lead_ids: dict[str, int]  # Lead ID → lead.id
    partner_ids: dict[str, int]  # Partner ID → partner.id


def _waiting(on: date, rules: LeadRules) -> ColumnElement[bool]:
    """Assignments a run on ``on`` expires: a partner's, open, not accepted, past the deadline."""
    return and_(
        LeadAssignment.outcome == AssignmentOutcome.OPEN,
        LeadAssignment.accepted_on.is_(None),
        LeadAssignment.partner_id.is_not(None),
        LeadAssignment.assigned_on < on - timedelta(days=rules.acceptance_days),
    )


def read_world(session: Session, on: date, rules: LeadRules) -> StoredWorld:
    """The snapshot a routing run on ``on`` reads."""
    waiting = _waiting(on, rules)
    taken_up = select(Lead.id).where(
        Lead.created_on <= on,
        or_(
            Lead.status.in_(TAKEN_UP),
            Lead.id.in_(select(LeadAssignment.lead_id).where(waiting)),
        ),
    )
    partners, partner_ids, codes = _partners(session, on, rules)
    lead_rows = session.execute(
        select(
            Lead.id, Lead.lead_code, Lead.created_on, Lead.country, Lead.grade, Lead.status,
            Lead.family_id, ProductFamily.name.label("family_name"), Lead.nurture_grade,
        )
        .outerjoin(ProductFamily, ProductFamily.id == Lead.family_id)
        .where(Lead.id.in_(taken_up))
    ).all()  # fmt: skip
    lead_codes = {row[0]: row[1] for row in lead_rows}
    named, registrations = _matches(session, on, taken_up, codes)
    leads = tuple(
        RoutingLead(
            code=row.lead_code,
            created_on=row.created_on,
            country=row.country,
            grade=row.grade,
            status=str(row.status),
            family_id=row.family_id,
            family_name=row.family_name,
            nurture_grade=row.nurture_grade,
            named_account=row.id in named,
            registrations=tuple(registrations.get(row.id, ())),
        )
        for row in lead_rows
    )
    start = on - timedelta(days=rules.load_window_days)
    past = session.execute(
        select(
            LeadAssignment.id, LeadAssignment.lead_id, LeadAssignment.partner_id,
            LeadAssignment.assigned_on, LeadAssignment.outcome, LeadAssignment.grade,
            LeadAssignment.accepted_on, LeadAssignment.ended_on,
        ).where(
            or_(
                and_(LeadAssignment.assigned_on > start, LeadAssignment.assigned_on <= on),
                and_(
                    LeadAssignment.outcome == AssignmentOutcome.EXPIRED,
                    LeadAssignment.ended_on > start,
                    LeadAssignment.ended_on <= on,
                ),
                waiting,
                and_(
                    LeadAssignment.outcome.in_(
                        (AssignmentOutcome.DECLINED, AssignmentOutcome.EXPIRED)
                    ),
                    LeadAssignment.lead_id.in_(taken_up),
                ),
            )
        )
    ).all()  # fmt: skip
    assignments = tuple(
        PastAssignment(
            lead=lead_codes.get(lead_id) or f"#{lead_id}",
            recipient=DIRECT if partner_id is None else codes[partner_id],
            assigned_on=assigned_on,
            outcome=str(outcome),
            grade=grade,
            accepted_on=accepted_on,
            ended_on=ended_on,
            id=row_id,
        )
        for row_id, lead_id, partner_id, assigned_on, outcome, grade, accepted_on, ended_on in past
    )
    world = RoutingWorld(leads, partners, assignments)
    return StoredWorld(world, {code: lead_id for lead_id, code in lead_codes.items()}, partner_ids)


def _partners(
    session: Session, on: date, rules: LeadRules
) -> tuple[tuple[RoutingPartner, ...], dict[str, int], dict[int, str]]:
    """Every partner with its resolved territories, weight and the families certified on ``on``."""
    certified = certified_families(session, on)
    rows = session.execute(
        select(
            Partner.id, Partner.partner_code, Partner.name, Partner.status, Partner.country,
            Partner.territories, Tier.name,
        ).outerjoin(Tier, Tier.id == Partner.tier_id)
    ).all()  # fmt: skip
    partners = []
    ids: dict[str, int] = {}
    codes: dict[int, str] = {}
    for partner_id, code, name, status, country, territories, tier in rows:
        shown = code or name
        ids[shown] = partner_id
        codes[partner_id] = shown
        partners.append(
            RoutingPartner(
                code=shown,
                active=status == PartnerStatus.ACTIVE,
                weight=rules.weight_of(tier),
                territories=territory_codes(territories, country),
                certified=frozenset(certified.get(partner_id, ())),
            )
        )
    return tuple(partners), ids, codes


def certified_families(session: Session, on: date) -> dict[int, set[int]]:
    """Partner id → the product families one of its active contacts holds a valid certification
    for on ``on``: a passed record of a certifying course, completed on or before ``on``, valid
    until on or after it (no valid-until: the course's months after completion, or for ever)."""
    rows = session.execute(
        select(
            Contact.partner_id, Course.family_id, TrainingRecord.completed_on,
            TrainingRecord.valid_until, Course.valid_months,
        )
        .join(Contact, Contact.id == TrainingRecord.contact_id)
        .join(Course, Course.id == TrainingRecord.course_id)
        .where(
            TrainingRecord.passed.is_(True),
            Contact.active.is_(True),
            Course.certifies.is_(True),
            Course.family_id.is_not(None),
            TrainingRecord.completed_on <= on,
            or_(TrainingRecord.valid_until.is_(None), TrainingRecord.valid_until >= on),
        )
        .distinct()
    ).all()  # fmt: skip
    held: dict[int, set[int]] = defaultdict(set)
    for partner_id, family_id, completed_on, valid_until, months in rows:
        if family_id is None:
            continue
        if valid_until is None and months is not None and add_months(completed_on, months) < on:
            continue
        held[partner_id].add(family_id)
    return held


def _matches(
    session: Session,
    on: date,
    taken_up: Select[int],
    codes: dict[int, str],
) -> tuple[set[int], dict[int, list[Registration]]]:
    """The leads that certainly match a named account, and the approved claims live on ``on``
    on the accounts each lead certainly matches (SPEC's certain overlap rules: the same company
    domain, or the same name key in the same country or where the account has no country)."""
    matched = certain_matches(taken_up)
    live_claim = and_(
        Claim.account_id == matched.c.account_id,
        Claim.status == ClaimStatus.APPROVED,
        Claim.claimed_on <= on,
        Claim.valid_until >= on,
    )
    rows = session.execute(
        select(
            matched.c.lead_id, Account.named_account, Claim.id, Claim.partner_id, Claim.claimed_on
        )
        .join(Account, Account.id == matched.c.account_id)
        .outerjoin(Claim, live_claim)
    ).all()
    named = {lead_id for lead_id, is_named, *_ in rows if is_named}
    registrations: dict[int, list[Registration]] = defaultdict(list)
    for lead_id, _, claim_id, partner_id, claimed_on in rows:
        if claim_id is None:
            continue
        claimant = DIRECT if partner_id is None else codes[partner_id]
        registrations[lead_id].append(Registration(claimant, claimed_on))
    return named, registrations


def certain_matches(leads: Select[tuple[int]] | Select[int]) -> Subquery:
    """(lead_id, account_id) of every live account each of ``leads`` certainly matches, by the
    certain overlap rules ``app.domain.overlap_match.same_company`` applies to two accounts: the
    same company domain, or the same non-empty name key in the same country or where the
    account has no country (a lead always has one)."""
    live = Account.merged_into_id.is_(None)
    by_domain = (
        select(Lead.id.label("lead_id"), Account.id.label("account_id"))
        .join(Account, and_(Account.domain == Lead.domain, live))
        .where(Lead.id.in_(leads), Lead.domain.is_not(None), Lead.domain != "")
    )
    by_name = (
        select(Lead.id.label("lead_id"), Account.id.label("account_id"))
        .join(
            Account,
            and_(
                Account.name_key == Lead.name_key,
                or_(Account.country == Lead.country, Account.country.is_(None)),
                live,
            ),
        )
        .where(Lead.id.in_(leads), Lead.name_key != "")
    )
    return union(by_domain, by_name).subquery("matched")
