"""What happens to a lead after routing: accept, decline, convert, lose, assign by hand
(SPEC.md, "Leads and fair distribution", after routing).

Each action works on the lead's current assignment (its latest one), checks everything first
and refuses with one ``RefusedError`` line that says why and what would work, so a refusal
writes nothing. Conversion makes the account (the one the lead certainly matches, or a new
one), a pending claim by the recipient and a qualified deal with the recipient as a party in
the caller's one transaction. Every assignment is kept: an action only ends one or adds one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.db.models import (
    Account,
    Claim,
    Deal,
    DealFamily,
    DealParty,
    Lead,
    LeadAssignment,
    Partner,
)
from app.domain.enums import (
    AssignmentOutcome,
    ClaimStatus,
    DealStage,
    LeadStatus,
    Paper,
    PartyRole,
)
from app.domain.errors import InputError, NotFoundError, RefusedError
from app.domain.lead_actions import (
    DECLINE_REASONS,
    LOSE_REASONS,
    acceptance_deadline,
    parse_reason,
)
from app.domain.leads.rules import DIRECT
from app.domain.money import (
    amount_problem,
    decimal_places,
    minor_unit,
    normalize_currency,
    parse_decimal,
)
from app.services.business_settings import load_business_settings
from app.services.leads.rules import read_lead_rules

#: What "by hand" writes as an assignment's reason.
BY_HAND = "by hand"


@dataclass(frozen=True)
class Conversion:
    """What a conversion made: the account (``new_account`` when it made one), claim and deal."""

    lead: str
    account_id: int
    account: str
    new_account: bool
    claim_id: int
    deal_id: int
    deal: str
    amount: Decimal
    currency: str


def accept_lead(session: Session, lead_code: str, on: date) -> None:
    """The partner holding ``lead_code`` accepts it on ``on``, at the latest on assigned on +
    acceptance days."""
    lead, current = _held(session, lead_code, "accepted")
    if current.outcome is not AssignmentOutcome.OPEN:
        raise RefusedError(
            f"{lead.lead_code} was already accepted by {_recipient(session, current)} on "
            f"{_day(current.accepted_on)}."
        )
    _not_before(current, on, "accepted")
    days = read_lead_rules(session).acceptance_days
    deadline = acceptance_deadline(current.assigned_on, days)
    if on > deadline:
        raise RefusedError(
            f"{lead.lead_code} can no longer be accepted: its deadline was {deadline.isoformat()} "
            f"(assigned on {current.assigned_on.isoformat()}, {days} acceptance days)."
        )
    current.outcome = AssignmentOutcome.ACCEPTED
    current.accepted_on = on
    lead.status, lead.status_reason = LeadStatus.ACCEPTED, None
    session.flush()


def decline_lead(session: Session, lead_code: str, reason: str, on: date) -> None:
    """The partner holding ``lead_code``, not having accepted it, declines it for ``reason``;
    the lead goes back to routing, which never sends it to that partner again."""
    why = parse_reason(reason, DECLINE_REASONS, "decline")
    lead, current = _held(session, lead_code, "declined")
    if current.partner_id is None:
        raise RefusedError(
            f"{lead.lead_code} is with the direct team, which does not decline leads: "
            "mark it lost, or assign it by hand."
        )
    if current.outcome is not AssignmentOutcome.OPEN:
        raise RefusedError(
            f"{lead.lead_code} was accepted by {_recipient(session, current)} on "
            f"{_day(current.accepted_on)}: only a lead not yet accepted can be declined; "
            "mark it lost instead."
        )
    _not_before(current, on, "declined")
    days = read_lead_rules(session).acceptance_days
    deadline = acceptance_deadline(current.assigned_on, days)
    if on > deadline:
        raise RefusedError(
            f"{lead.lead_code} can no longer be declined: its deadline was "
            f"{deadline.isoformat()}, so it has expired for {_recipient(session, current)}."
        )
    _end(current, AssignmentOutcome.DECLINED, on, why)
    lead.status, lead.status_reason = LeadStatus.DECLINED, why
    session.flush()


def lose_lead(session: Session, lead_code: str, reason: str, on: date) -> None:
    """An accepted lead (or one with the direct team) came to nothing, for ``reason``."""
    why = parse_reason(reason, LOSE_REASONS, "lose")
    lead, current = _held(session, lead_code, "marked lost")
    _accepted(session, lead, current, "marked lost")
    _not_before(current, on, "marked lost")
    _end(current, AssignmentOutcome.LOST, on, why)
    lead.status, lead.status_reason = LeadStatus.LOST, why
    session.flush()


def convert_lead(
    session: Session,
    lead_code: str,
    on: date,
    amount: Decimal | str | int | None = None,
    currency: str | None = None,
) -> Conversion:
    """An accepted lead (or one with the direct team) becomes an account, a pending claim by its
    recipient and a deal at stage qualified with the recipient as a party; ``amount`` and
    ``currency`` default to 0 in the reporting currency."""
    settings = load_business_settings(session)
    money, code = _money(amount, currency or settings.reporting_currency)
    lead, current = _held(session, lead_code, "converted")
    _accepted(session, lead, current, "converted")
    _not_before(current, on, "converted")
    account, new_account = _account(session, lead)
    claim = Claim(
        account_id=account.id, partner_id=current.partner_id,
        direct_rep_id=account.owner_rep_id if current.partner_id is None else None,
        claimed_on=on, valid_until=on + timedelta(days=settings.registration_protection_days),
        status=ClaimStatus.PENDING, deal_amount=money, currency=code,
    )  # fmt: skip
    session.add(claim)
    session.flush()
    deal = Deal(
        name=f"{lead.company} (lead {lead.lead_code})"[:200], account_id=account.id,
        claim_id=claim.id, stage=DealStage.QUALIFIED, amount=money, currency=code,
        paper=Paper.OURS if current.partner_id is None else Paper.PARTNER,
    )  # fmt: skip
    if current.partner_id is not None:
        deal.parties.append(
            DealParty(partner_id=current.partner_id, role=PartyRole.REGISTERING_PARTNER)
        )
    elif account.owner_rep_id is not None:
        deal.parties.append(
            DealParty(direct_rep_id=account.owner_rep_id, role=PartyRole.DIRECT_REP)
        )
    if lead.family_id is not None:
        deal.families.append(DealFamily(family_id=lead.family_id))
    session.add(deal)
    session.flush()
    _end(current, AssignmentOutcome.CONVERTED, on, None)
    lead.status, lead.status_reason = LeadStatus.CONVERTED, None
    lead.account_id, lead.claim_id, lead.deal_id = account.id, claim.id, deal.id
    session.flush()
    return Conversion(
        lead.lead_code,
        account.id,
        account.name,
        new_account,
        claim.id,
        deal.id,
        deal.name,
        money,
        code,
    )


def assign_lead(session: Session, lead_code: str, to: str, on: date) -> None:
    """Assign ``lead_code`` by hand to the partner of Partner ID ``to`` or to ``Direct`` (also
    to a partner that declined it or let it expire). A lead someone holds, or one that was
    converted or lost, is refused."""
    lead = _lead(session, lead_code)
    partner_id = _recipient_id(session, to)
    if lead.status in (LeadStatus.CONVERTED, LeadStatus.LOST):
        raise RefusedError(
            f"{lead.lead_code} was {lead.status.value}: it cannot be assigned again."
        )
    current = _current(session, lead)
    if current is not None and current.outcome in (
        AssignmentOutcome.OPEN, AssignmentOutcome.ACCEPTED
    ):  # fmt: skip
        what = "accepted" if current.outcome is AssignmentOutcome.ACCEPTED else "not yet accepted"
        raise RefusedError(
            f"{lead.lead_code} is held by {_recipient(session, current)} ({what}, assigned on "
            f"{current.assigned_on.isoformat()}): it is assigned again once declined, expired "
            "or lost."
        )
    if on < lead.created_on:
        raise RefusedError(
            f"{lead.lead_code} was created on {lead.created_on.isoformat()}: it cannot be "
            f"assigned on {on.isoformat()}, before that."
        )
    if current is not None and on < current.assigned_on:
        raise RefusedError(
            f"{lead.lead_code} was last assigned on {current.assigned_on.isoformat()}: a new "
            f"assignment cannot be dated {on.isoformat()}, before that."
        )
    direct = partner_id is None
    session.add(
        LeadAssignment(
            lead_id=lead.id, partner_id=partner_id, assigned_on=on, grade=lead.grade,
            reason=BY_HAND,
            outcome=AssignmentOutcome.ACCEPTED if direct else AssignmentOutcome.OPEN,
            accepted_on=on if direct else None,
        )
    )  # fmt: skip
    lead.status = LeadStatus.ACCEPTED if direct else LeadStatus.ASSIGNED
    lead.status_reason = None
    session.flush()


# --- inside -------------------------------------------------------------------------------


def _lead(session: Session, lead_code: str) -> Lead:
    code = (lead_code or "").strip()
    lead = session.scalars(select(Lead).where(Lead.lead_code == code)).one_or_none()
    if lead is None and code:  # a Lead ID typed in another case
        folded = [
            found
            for found in session.scalars(select(Lead).where(Lead.lead_code.ilike(code)))
            if found.lead_code.casefold() == code.casefold()
        ]
        lead = folded[0] if len(folded) == 1 else None
    if lead is None:
        raise NotFoundError(f"No lead has the Lead ID '{code}'.")
    return lead


def _current(session: Session, lead: Lead) -> LeadAssignment | None:
    """The lead's latest assignment (by date, then as written), or ``None``."""
    return session.scalars(
        select(LeadAssignment)
        .where(LeadAssignment.lead_id == lead.id)
        .order_by(LeadAssignment.assigned_on.desc(), LeadAssignment.id.desc())
        .limit(1)
    ).one_or_none()


def _held(session: Session, lead_code: str, done: str) -> tuple[Lead, LeadAssignment]:
    """The lead and the assignment that holds it (open or accepted), or a refusal saying where
    the lead stands."""
    lead = _lead(session, lead_code)
    current = _current(session, lead)
    if current is None or current.outcome not in (
        AssignmentOutcome.OPEN, AssignmentOutcome.ACCEPTED
    ):  # fmt: skip
        raise RefusedError(
            f"{lead.lead_code} cannot be {done}: {_standing(session, lead, current)}."
        )
    return lead, current


def _standing(session: Session, lead: Lead, current: LeadAssignment | None) -> str:
    """Where a lead nobody holds stands, in a few words."""
    if lead.status is LeadStatus.CONVERTED:
        return "it was converted"
    if lead.status is LeadStatus.LOST:
        return f"it was lost ({lead.status_reason})" if lead.status_reason else "it was lost"
    if current is None:
        return f"it is {lead.status.label.lower()} and was never assigned"
    ended = current.outcome.label.lower()
    return (
        f"{_recipient(session, current)} {ended} it on {_day(current.ended_on)}; it waits "
        "for routing or an assignment by hand"
    )


def _accepted(session: Session, lead: Lead, current: LeadAssignment, done: str) -> None:
    if current.outcome is not AssignmentOutcome.ACCEPTED:
        raise RefusedError(
            f"{lead.lead_code} cannot be {done} yet: {_recipient(session, current)} has not "
            "accepted it."
        )


def _not_before(current: LeadAssignment, on: date, done: str) -> None:
    if on < current.assigned_on:
        raise RefusedError(
            f"{current.lead.lead_code} was assigned on {current.assigned_on.isoformat()}: it "
            f"cannot be {done} on {on.isoformat()}, before that."
        )
    if current.accepted_on is not None and on < current.accepted_on:
        raise RefusedError(
            f"{current.lead.lead_code} was accepted on {current.accepted_on.isoformat()}: it "
            f"cannot be {done} on {on.isoformat()}, before that."
        )


def _end(current: LeadAssignment, outcome: AssignmentOutcome, on: date, why: str | None) -> None:
    current.outcome, current.ended_on, current.end_reason = outcome, on, why


def _recipient(session: Session, assignment: LeadAssignment) -> str:
    """``Direct`` or the partner's Partner ID (its name when it has none)."""
    if assignment.partner_id is None:
        return DIRECT
    partner = session.get(Partner, assignment.partner_id)
    assert partner is not None
    return partner.partner_code or partner.name


def _recipient_id(session: Session, to: str) -> int | None:
    """The partner of Partner ID ``to`` (any case), or ``None`` for ``Direct``."""
    text = (to or "").strip()
    if text.casefold() == DIRECT.casefold():
        return None
    found = [
        partner_id
        for partner_id, code in session.execute(
            select(Partner.id, Partner.partner_code).where(Partner.partner_code.ilike(text))
        )
        if code is not None and code.casefold() == text.casefold()
    ]
    if not text or not found:
        raise NotFoundError(f"No partner has the Partner ID '{text}': give a Partner ID or Direct.")
    return found[0]


def _day(day: date | None) -> str:
    return day.isoformat() if day is not None else "an unknown day"


def _money(amount: Decimal | str | int | None, currency: str) -> tuple[Decimal, str]:
    """The deal's amount and currency, checked as a deal's are: not negative, no more decimals
    than the currency has."""
    code = normalize_currency(currency)
    value = Decimal(0) if amount is None or amount == "" else parse_decimal(amount, "amount")
    if value < 0:
        raise InputError(f"The amount {value} must not be negative.")
    if (too_large := amount_problem(value)) is not None:
        raise InputError(f"The amount {too_large}.")
    if decimal_places(value) > minor_unit(code):
        raise InputError(
            f"The amount {value} has more than {minor_unit(code)} decimals for {code}."
        )
    return value, code


def _account(session: Session, lead: Lead) -> tuple[Account, bool]:
    """The account the lead certainly matches (the same company domain; else the same name key
    in the same country, or where the account has no country), or a new one. Among several,
    the one of the same domain, then the same country, then the oldest."""
    live = Account.merged_into_id.is_(None)
    if lead.domain:
        by_domain = session.scalars(
            select(Account).where(live, Account.domain == lead.domain).order_by(Account.id)
        ).first()
        if by_domain is not None:
            return by_domain, False
    if lead.name_key:
        by_name = session.scalars(
            select(Account)
            .where(
                live,
                Account.name_key == lead.name_key,
                or_(Account.country == lead.country, Account.country.is_(None)),
            )
            .order_by(Account.country.is_(None), Account.id)
        ).first()
        if by_name is not None:
            return by_name, False
    account = Account(
        name=lead.company, name_key=lead.name_key, website=lead.website, domain=lead.domain,
        country=lead.country, named_account=False,
    )  # fmt: skip
    session.add(account)
    session.flush()
    return account, True
