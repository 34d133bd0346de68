"""The leads as the leads page lists them, and one lead's history of assignments.

A lead's *recipient* is whoever holds it now: the recipient of its latest assignment that was
not declined or let expire (a declined or expired lead is back with nobody until it is routed
again). A lead is *quiet* on a day when its recipient accepted it more than the quiet days
before and it is neither converted nor lost by then: the "black hole" the lead board counts,
listed here lead by lead so the board's figure is one click from the leads behind it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import NamedTuple

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from app.db.models import Partner, ProductFamily
from app.db.models.leads import Lead, LeadAssignment
from app.domain.columns import Column, Kind
from app.domain.enums import AssignmentOutcome, LeadStatus
from app.domain.lead_actions import acceptance_deadline
from app.domain.leads.board import is_quiet
from app.domain.leads.rules import DIRECT, LeadRules
from app.domain.leads.world import PastAssignment
from app.domain.names import fold
from app.services.leads.rules import read_lead_rules

#: A recipient to filter by: a partner's row id, or ``DIRECT`` for the direct team.
Recipient = int | str
#: Outcomes after which the assignment's recipient no longer holds the lead.
_LET_GO = (AssignmentOutcome.DECLINED, AssignmentOutcome.EXPIRED)
#: How a grade reads where a lead has none.
NO_GRADE = "none"


@dataclass(frozen=True, slots=True)
class LeadQuery:
    """Which leads to list; ``None`` in a field lets every value through.

    ``grade`` is ``"A"``..``"D"`` or ``"none"``; ``quiet`` keeps the leads quiet on the day
    listed for; ``codes`` only the leads of those Lead IDs (the quiet leads behind a figure of
    the board, which counts them as of its own day).
    """

    status: LeadStatus | None = None
    grade: str | None = None
    recipient: Recipient | None = None
    campaign: str | None = None
    country: str | None = None
    text: str = ""
    quiet: bool = False
    codes: frozenset[str] | None = None

    def with_(self, **changes: object) -> LeadQuery:
        return replace(self, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class LeadRow:
    """One lead as the list shows it, with who holds it now and by when they must answer."""

    id: int
    lead_code: str
    company: str
    country: str
    contact: str | None
    email: str | None
    website: str | None
    family: str | None
    campaign: str | None
    grade: str | None
    created_on: date
    status: LeadStatus
    status_reason: str | None
    recipient: str | None  # "Direct", the Partner ID, else the partner's name
    recipient_name: str | None
    partner_id: int | None  # the recipient partner's row id (None: Direct or nobody)
    assigned_on: date | None
    answer_by: date | None  # a partner's last day to accept, while it has not
    accepted_on: date | None
    quiet: bool
    deal_id: int | None  # the deal a converted lead became
    version: int

    @property
    def grade_text(self) -> str:
        return self.grade or NO_GRADE


LEAD_COLUMNS: tuple[Column[LeadRow], ...] = (
    Column("lead_code", "Lead ID", lambda r: r.lead_code, width=11),
    Column("company", "Company", lambda r: r.company, width=26),
    Column("grade", "Grade", lambda r: r.grade_text, width=5),
    Column("status", "Status", lambda r: r.status, width=10),
    Column("recipient", "Recipient", lambda r: r.recipient, width=12),
    Column("assigned_on", "Assigned on", lambda r: r.assigned_on, Kind.DATE, width=11),
    Column("answer_by", "Accept by", lambda r: r.answer_by, Kind.DATE, width=11),
    Column("quiet", "Quiet", lambda r: "quiet" if r.quiet else "", width=6),
    Column("country", "Country", lambda r: r.country, width=7),
    Column("family", "Product family", lambda r: r.family, width=16),
    Column("campaign", "Campaign", lambda r: r.campaign, width=18),
    Column("created_on", "Created on", lambda r: r.created_on, Kind.DATE, width=11),
    Column("contact", "Contact", lambda r: r.contact, width=18),
    Column("email", "E-mail", lambda r: r.email, width=22),
    Column("status_reason", "Reason", lambda r: r.status_reason, width=24),
)


@dataclass(frozen=True, slots=True)
class AssignmentRow:
    """One assignment of a lead: to whom, when, at which grade, why, and how it ended."""

    id: int
    recipient: str
    recipient_name: str
    assigned_on: date
    grade: str | None
    reason: str
    outcome: AssignmentOutcome
    accepted_on: date | None
    ended_on: date | None
    end_reason: str | None


ASSIGNMENT_COLUMNS: tuple[Column[AssignmentRow], ...] = (
    Column("recipient", "Recipient", lambda r: r.recipient, width=10),
    Column("recipient_name", "Name", lambda r: r.recipient_name, width=16),
    Column("assigned_on", "Assigned on", lambda r: r.assigned_on, Kind.DATE, width=11),
    Column("grade", "Grade", lambda r: r.grade or NO_GRADE, width=5),
    Column("reason", "Why", lambda r: r.reason, width=10),
    Column("outcome", "Outcome", lambda r: r.outcome, width=10),
    Column("accepted_on", "Accepted on", lambda r: r.accepted_on, Kind.DATE, width=11),
    Column("ended_on", "Ended on", lambda r: r.ended_on, Kind.DATE, width=11),
    Column("end_reason", "Ending reason", lambda r: r.end_reason, width=12),
)


@dataclass(frozen=True, slots=True)
class LeadChoices:
    """What the filters offer: only values the database holds."""

    campaigns: tuple[str, ...]
    countries: tuple[str, ...]
    recipients: tuple[tuple[str, Recipient], ...]  # (shown text, key), Direct first


def recipient_code(partner_code: str | None, partner_name: str | None) -> str:
    """How a partner recipient is written: its Partner ID, else its name."""
    return partner_code or partner_name or ""


class Held(NamedTuple):
    """The assignment through which a lead is held now, and its recipient partner (if any)."""

    partner_id: int | None
    partner_code: str | None
    partner_name: str | None
    assigned_on: date
    accepted_on: date | None
    outcome: AssignmentOutcome
    ended_on: date | None

    @property
    def recipient(self) -> str:
        if self.partner_id is None:
            return DIRECT
        return recipient_code(self.partner_code, self.partner_name)


def _current_assignments(session: Session) -> dict[int, Held]:
    """Per lead, its latest assignment still held (not declined, not expired), with the
    recipient partner's ID and name."""
    latest = (
        select(LeadAssignment.lead_id, func.max(LeadAssignment.id).label("id"))
        .where(LeadAssignment.outcome.not_in(_LET_GO))
        .group_by(LeadAssignment.lead_id)
        .subquery()
    )
    query = (
        select(
            LeadAssignment.lead_id,
            LeadAssignment.partner_id,
            Partner.partner_code,
            Partner.name,
            LeadAssignment.assigned_on,
            LeadAssignment.accepted_on,
            LeadAssignment.outcome,
            LeadAssignment.ended_on,
        )
        .join(latest, latest.c.id == LeadAssignment.id)
        .outerjoin(Partner, Partner.id == LeadAssignment.partner_id)
    )
    return {row[0]: Held(*row[1:]) for row in session.execute(query)}


def _quiet(code: str, held: tuple[object, ...] | None, on: date, rules: LeadRules) -> bool:
    """Whether the lead's assignment ``held`` is quiet on ``on``, by the board's own rule."""
    if held is None:
        return False
    partner_id, partner_code, partner_name, assigned_on, accepted_on, outcome, ended_on = held
    assignment = PastAssignment(
        lead=code,
        recipient=DIRECT if partner_id is None else recipient_code(partner_code, partner_name),  # type: ignore[arg-type]
        assigned_on=assigned_on,  # type: ignore[arg-type]
        outcome=str(outcome),
        accepted_on=accepted_on,  # type: ignore[arg-type]
        ended_on=ended_on,  # type: ignore[arg-type]
    )
    return is_quiet(assignment, on, rules)


def list_leads(session: Session, query: LeadQuery, on: date) -> list[LeadRow]:
    """The leads ``query`` picks, newest first, as they stand on ``on`` (the quiet mark and
    the days left to accept are counted from it)."""
    rules = read_lead_rules(session)
    acceptance = rules.acceptance_days
    held = _current_assignments(session)
    statement = (
        select(
            Lead.id,
            Lead.lead_code,
            Lead.company,
            Lead.country,
            Lead.contact,
            Lead.email,
            Lead.website,
            ProductFamily.name,
            Lead.campaign,
            Lead.grade,
            Lead.created_on,
            Lead.status,
            Lead.status_reason,
            Lead.deal_id,
            Lead.version,
        )
        .outerjoin(ProductFamily, ProductFamily.id == Lead.family_id)
        .order_by(Lead.created_on.desc(), Lead.lead_code)
    )
    if query.status is not None:
        statement = statement.where(Lead.status == query.status)
    if query.grade is not None:
        grade = None if query.grade == NO_GRADE else query.grade
        statement = statement.where(Lead.grade.is_(None) if grade is None else Lead.grade == grade)
    if query.campaign is not None:
        statement = statement.where(Lead.campaign == query.campaign)
    if query.country is not None:
        statement = statement.where(Lead.country == query.country)
    needle = fold(query.text.strip()).casefold()
    rows: list[LeadRow] = []
    for (
        lead_id, code, company, country, contact, email, website, family, campaign, grade,
        created_on, status, reason, deal_id, version,
    ) in session.execute(statement):  # fmt: skip
        now = held.get(lead_id)
        partner_id = now.partner_id if now is not None else None
        if query.recipient is not None and (
            now is None or (partner_id or DIRECT) != query.recipient
        ):
            continue
        if query.codes is not None and code not in query.codes:
            continue
        quiet = _quiet(code, now, on, rules)
        if query.quiet and not quiet:
            continue
        recipient = recipient_name = None
        answer_by = None
        if now is not None:
            recipient = now.recipient
            recipient_name = "Direct team" if partner_id is None else now.partner_name
            waiting = now.accepted_on is None and now.outcome is AssignmentOutcome.OPEN
            if partner_id is not None and waiting:
                answer_by = acceptance_deadline(now.assigned_on, acceptance)
        row = LeadRow(
            id=lead_id,
            lead_code=code,
            company=company,
            country=country,
            contact=contact,
            email=email,
            website=website,
            family=family,
            campaign=campaign,
            grade=grade,
            created_on=created_on,
            status=status,
            status_reason=reason,
            recipient=recipient,
            recipient_name=recipient_name,
            partner_id=partner_id,
            assigned_on=now.assigned_on if now is not None else None,
            answer_by=answer_by,
            accepted_on=now.accepted_on if now is not None else None,
            quiet=quiet,
            deal_id=deal_id,
            version=version,
        )
        if needle and not _matches(row, needle):
            continue
        rows.append(row)
    return rows


def _matches(row: LeadRow, needle: str) -> bool:
    texts: Iterable[str | None] = (
        row.lead_code, row.company, row.contact, row.email, row.website, row.campaign,
        row.recipient, row.recipient_name,
    )  # fmt: skip
    return any(needle in fold(t).casefold() for t in texts if t)


def lead_assignments(session: Session, lead_id: int) -> list[AssignmentRow]:
    """Every assignment lead ``lead_id`` ever had, first first."""
    query = (
        select(
            LeadAssignment.id,
            LeadAssignment.partner_id,
            Partner.partner_code,
            Partner.name,
            LeadAssignment.assigned_on,
            LeadAssignment.grade,
            LeadAssignment.reason,
            LeadAssignment.outcome,
            LeadAssignment.accepted_on,
            LeadAssignment.ended_on,
            LeadAssignment.end_reason,
        )
        .outerjoin(Partner, Partner.id == LeadAssignment.partner_id)
        .where(LeadAssignment.lead_id == lead_id)
        .order_by(LeadAssignment.assigned_on, LeadAssignment.id)
    )
    rows = []
    for (
        assignment_id, partner_id, code, name, assigned_on, grade, reason, outcome,
        accepted_on, ended_on, end_reason,
    ) in session.execute(query):  # fmt: skip
        direct = partner_id is None
        rows.append(
            AssignmentRow(
                id=assignment_id,
                recipient=DIRECT if direct else recipient_code(code, name),
                recipient_name="Direct team" if direct else name,
                assigned_on=assigned_on,
                grade=grade,
                reason=reason,
                outcome=outcome,
                accepted_on=accepted_on,
                ended_on=ended_on,
                end_reason=end_reason,
            )
        )
    return rows


def lead_choices(session: Session) -> LeadChoices:
    """The campaigns and countries of the leads, and every recipient a lead ever had."""
    campaigns = session.scalars(
        select(Lead.campaign).where(Lead.campaign.is_not(None)).distinct().order_by(Lead.campaign)
    ).all()
    countries = session.scalars(select(Lead.country).distinct().order_by(Lead.country)).all()
    reached = (
        select(Partner.id, Partner.partner_code, Partner.name)
        .where(
            Partner.id.in_(
                select(LeadAssignment.partner_id).where(LeadAssignment.partner_id.is_not(None))
            )
        )
        .order_by(Partner.partner_code, Partner.name)
    )
    recipients: list[tuple[str, Recipient]] = [(f"{DIRECT} (direct team)", DIRECT)]
    for partner_id, code, name in session.execute(reached):
        shown = f"{code} {name}" if code else name
        recipients.append((shown, partner_id))
    return LeadChoices(tuple(c for c in campaigns if c), tuple(countries), tuple(recipients))


def count_leads(session: Session) -> int:
    """How many leads there are, whatever the filters."""
    return int(session.scalar(select(func.count(Lead.id))) or 0)


def lead_deal(session: Session, lead_id: int) -> int | None:
    """The deal lead ``lead_id`` became when it was converted, if it was."""
    return session.scalar(select(Lead.deal_id).where(Lead.id == lead_id))


def partners_for_assigning(session: Session) -> Sequence[tuple[str, str]]:
    """(Partner ID, shown text) of every partner a lead may be handed to by hand: the active
    ones with a Partner ID, by Partner ID."""
    from app.domain.enums import PartnerStatus

    query = (
        select(Partner.partner_code, Partner.name)
        .where(and_(Partner.status == PartnerStatus.ACTIVE, Partner.partner_code.is_not(None)))
        .order_by(Partner.partner_code)
    )
    return [(code, f"{code} {name}") for code, name in session.execute(query) if code]
