"""The before-save check: which live claims a claim about to be registered would overlap.

The claim dialog asks this on every change of account, claimant or dates, so it must answer in
milliseconds with 100,000 claims on file. It never scans the claims: candidate accounts come by
index (the same record, company domain, normalised name) and, for likely matches, from the
accounts of the same country with the same word initials (the rule's block, see
``app.domain.overlap_match.alike_pairs``); only their claims are then read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.db.models import Account, Claim, OverlapDismissal, Partner
from app.domain.names import domain_key, name_key
from app.domain.overlap_match import AccountKey, AccountMatch, Confidence, same_company, shape
from app.services.business_settings import load_business_settings
from app.services.claims.accounts import DIRECT, live_claim_condition


@dataclass(frozen=True, slots=True)
class ClaimProbe:
    """The claim being registered: an existing account, or the one the dialog would create."""

    account_id: int | None
    name: str
    website: str | None
    country: str | None
    partner_id: int | None  # None: the direct team
    claimed_on: date
    valid_until: date


@dataclass(frozen=True, slots=True)
class NewClaimOverlap:
    """A live claim the new one would overlap, with what the person needs to decide."""

    claim_id: int
    claimant: str
    account_id: int
    account: str
    country: str | None
    claimed_on: date
    valid_until: date
    confidence: str  # "certain" or "likely"
    why: str
    deal_amount: Decimal | None
    currency: str | None


_KEY_COLUMNS = (Account.id, Account.name, Account.name_key, Account.domain, Account.country)


def new_claim_overlaps(
    session: Session, probe: ClaimProbe, today: date, threshold: int | None = None
) -> list[NewClaimOverlap]:
    """Every live claim by another claimant, valid at some time of the new claim's window, on
    an account that is the same company; certain ones first, then by claim date."""
    if threshold is None:
        threshold = load_business_settings(session).match_threshold
    me = _probe_key(session, probe)
    matches = {m.b if m.a == me.id else m.a: m for m in _matching_accounts(session, me, threshold)}
    if not matches:
        return []
    statement = (
        select(
            Claim.id, Claim.partner_id, Partner.name, Claim.account_id, Account.name,
            Account.country, Claim.claimed_on, Claim.valid_until, Claim.deal_amount,
            Claim.currency,
        )
        .join(Account, Account.id == Claim.account_id)
        .outerjoin(Partner, Partner.id == Claim.partner_id)
        .where(
            Claim.account_id.in_(list(matches)),
            live_claim_condition(today),
            Claim.claimed_on <= probe.valid_until,
            Claim.valid_until >= probe.claimed_on,
        )
    )  # fmt: skip
    found = []
    for row in session.execute(statement):
        claim_id, partner_id, partner, account_id, account, country, since, until, amount, cur = row
        if partner_id == probe.partner_id:
            continue  # the same claimant again renews; it does not conflict
        match = matches[account_id]
        found.append(
            NewClaimOverlap(
                claim_id=claim_id,
                claimant=partner if partner_id is not None else DIRECT,
                account_id=account_id,
                account=account,
                country=country,
                claimed_on=since,
                valid_until=until,
                confidence=match.confidence.value,
                why=match.why,
                deal_amount=amount,
                currency=cur,
            )
        )
    found.sort(key=lambda o: (o.confidence != Confidence.CERTAIN.value, o.claimed_on, o.claim_id))
    return found


@dataclass(frozen=True, slots=True)
class SameCompany:
    """An existing account that a new one, as typed, would duplicate."""

    account_id: int
    name: str
    country: str | None
    confidence: str  # "certain" or "likely"
    why: str


def existing_same_company(
    session: Session, name: str, website: str | None, country: str | None,
    threshold: int | None = None,
) -> list[SameCompany]:  # fmt: skip
    """Accounts that are the same company as a new account of ``name`` (the overlap rule,
    ``same_company``): offered before a claim creates a duplicate. Certain ones first."""
    if not name.strip():
        return []
    if threshold is None:
        threshold = load_business_settings(session).match_threshold
    me = AccountKey(-1, name, name_key(name), domain_key(website), country)
    matches = {m.b if m.a == me.id else m.a: m for m in _matching_accounts(session, me, threshold)}
    if not matches:
        return []
    rows = session.execute(
        select(Account.id, Account.name, Account.country).where(Account.id.in_(list(matches)))
    )
    found = [
        SameCompany(account_id, account, where, matches[account_id].confidence.value,
                    matches[account_id].why)
        for account_id, account, where in rows
    ]  # fmt: skip
    found.sort(key=lambda o: (o.confidence != Confidence.CERTAIN.value, o.name, o.account_id))
    return found


def _probe_key(session: Session, probe: ClaimProbe) -> AccountKey:
    if probe.account_id is not None:
        row = session.execute(select(*_KEY_COLUMNS).where(Account.id == probe.account_id)).first()
        if row is not None:
            return AccountKey(*row)
    return AccountKey(
        -1, probe.name, name_key(probe.name), domain_key(probe.website), probe.country
    )


def _matching_accounts(session: Session, me: AccountKey, threshold: int) -> list[AccountMatch]:
    """Accounts that are the same company as ``me`` (itself included when it exists)."""
    exact = [Account.id == me.id]
    if me.domain:
        exact.append(Account.domain == me.domain)
    if me.name_key:
        exact.append(Account.name_key == me.name_key)
    candidates = {
        row[0]: AccountKey(*row)
        for row in session.execute(
            select(*_KEY_COLUMNS).where(or_(*exact), Account.merged_into_id.is_(None))
        )
    }
    if me.country and me.name_key:
        in_country = session.execute(
            select(*_KEY_COLUMNS).where(
                Account.country == me.country, Account.merged_into_id.is_(None)
            )
        ).all()
        # The block of the rule's likely matches (``alike_pairs``): the same word initials,
        # abbreviations read as their full words, which the rule then decides.
        initials = shape(me.name_key)[0]
        for row in in_country:
            if row[2] and shape(row[2])[0] == initials:
                candidates.setdefault(row[0], AccountKey(*row))
    dismissed = _dismissed_with(session, me.id)
    found = []
    for key in candidates.values():
        match = same_company(me, key, threshold)
        if match is None:
            continue
        if match.confidence is Confidence.LIKELY and key.id in dismissed:
            continue  # a person said these are not the same company
        found.append(match)
    return found


def _dismissed_with(session: Session, account_id: int) -> set[int]:
    if account_id < 0:
        return set()
    rows = session.execute(
        select(OverlapDismissal.account_a_id, OverlapDismissal.account_b_id).where(
            or_(
                OverlapDismissal.account_a_id == account_id,
                OverlapDismissal.account_b_id == account_id,
            )
        )
    )
    return {b if a == account_id else a for a, b in rows}


def certain_accounts(session: Session, probe: ClaimProbe) -> list[int]:
    """The accounts certainly the same company as the claim's (its own among them): what the
    rules of engagement look at."""
    me = _probe_key(session, probe)
    return [
        m.b if m.a == me.id else m.a
        for m in _matching_accounts(session, me, 101)  # above any score: no likely ones
        if m.confidence is Confidence.CERTAIN
    ]
