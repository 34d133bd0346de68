"""The before-save overlap check of the claim dialog, as rows a person reads.

The matching itself (SPEC.md, "Overlap rules") belongs to the overlap engine
(``app.services.claims.overlap_check``); this module only asks it about one claim that is not
saved yet and turns each answer into a row: who holds the overlapping claim, since when, certain
or likely, and why (same account, same domain, same name, similar name).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Account, DirectRep
from app.domain.columns import Column, Kind
from app.domain.engagement import NAMED_WARNING
from app.services.claims.claim_edit import ClaimDraft
from app.services.claims.engagement_check import probe_warnings
from app.services.claims.overlap_check import ClaimProbe, new_claim_overlaps


@dataclass(frozen=True, slots=True)
class OverlapWarning:
    claim_id: int
    claimant: str
    account: str
    country: str | None
    claimed_on: date
    valid_until: date
    confidence: str  # "certain" or "likely"
    why: str
    deal_amount: Decimal | None
    currency: str | None


OVERLAP_COLUMNS: tuple[Column[OverlapWarning], ...] = (
    Column("claimant", "Claimed by", lambda r: r.claimant, width=20),
    Column("account", "Account", lambda r: r.account, width=18),
    Column("claimed_on", "Since", lambda r: r.claimed_on, Kind.DATE, width=11),
    Column("valid_until", "Valid until", lambda r: r.valid_until, Kind.DATE, width=11),
    Column("confidence", "Match", lambda r: r.confidence.capitalize(), width=7),
    Column("why", "Why", lambda r: r.why, width=18),
    Column(
        "deal_amount",
        "Deal amount",
        lambda r: r.deal_amount,
        Kind.MONEY,
        lambda r: r.currency,
        width=13,
    ),
)


def _probe(draft: ClaimDraft) -> ClaimProbe:
    return ClaimProbe(
        account_id=draft.account_id,
        name=draft.account_name,
        website=draft.website,
        country=draft.country,
        partner_id=draft.partner_id,
        claimed_on=draft.claimed_on,
        valid_until=draft.valid_until,
    )


def overlapping_claims(session: Session, draft: ClaimDraft, today: date) -> list[OverlapWarning]:
    """Every live claim by another claimant that the new claim would overlap, certain first."""
    probe = _probe(draft)
    return [
        OverlapWarning(
            claim_id=o.claim_id,
            claimant=o.claimant,
            account=o.account,
            country=o.country,
            claimed_on=o.claimed_on,
            valid_until=o.valid_until,
            confidence=o.confidence,
            why=o.why,
            deal_amount=o.deal_amount,
            currency=o.currency,
        )
        for o in new_claim_overlaps(session, probe, today)
    ]


def engagement_lines(session: Session, draft: ClaimDraft) -> list[str]:
    """The rules of engagement's warnings of the claim as typed (``named direct account``,
    ``direct team active since DATE``), each in a sentence saying what it means."""
    lines = []
    for warning in probe_warnings(session, _probe(draft)):
        if warning == NAMED_WARNING:
            note = named_account_note(session, draft) or (
                "this company is on the direct team's list of named accounts."
            )
            lines.append(f"Named direct account: {note} The claim is saved pending.")
        else:
            lines.append(
                f"{warning[0].upper()}{warning[1:]} on this company: the claim is saved pending."
            )
    return lines


def named_account_note(session: Session, draft: ClaimDraft) -> str | None:
    """A partner claiming a named account of the direct team: worth knowing before saving."""
    if draft.account_id is None or draft.partner_id is None:
        return None
    row = session.execute(
        select(Account.name, Account.named_account, DirectRep.name)
        .outerjoin(DirectRep, DirectRep.id == Account.owner_rep_id)
        .where(Account.id == draft.account_id)
    ).first()
    if row is None or not row[1]:
        return None
    owner = f" (owner {row[2]})" if row[2] else ""
    return f"{row[0]} is a named account of the direct team{owner}."
