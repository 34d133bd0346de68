"""The overlap report: live claims read in one query, grouped by ``app.domain.overlap_groups``.

A scan reads every live claim with its account and claimant once, matches accounts in memory
through blocking, and leaves the decisions to the person: resolve a group (one owner, the others
rejected with the reason) or dismiss a likely match as "not the same company" for good.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import BigInteger, select, type_coerce
from sqlalchemy.orm import Session

from app.db.models import Account, Claim, OverlapDismissal, OverlapResolution, Partner
from app.db.types import Money, Percent, utcnow
from app.domain.enums import ClaimStatus
from app.domain.errors import ConflictError, InputError, RefusedError
from app.domain.overlap_groups import LiveClaim, OverlapGroup, find_groups
from app.domain.overlap_match import AccountKey, Confidence, compare
from app.services.accounts import DIRECT, is_live, live_claim_condition
from app.services.business_settings import load_business_settings

DIRECT_KEY = "direct"


def claimant_key(partner_id: int | None) -> str:
    """Who holds a claim, as the rules compare it: a partner, or the direct team as one."""
    return f"partner:{partner_id}" if partner_id is not None else DIRECT_KEY


def live_claims(session: Session, today: date) -> list[LiveClaim]:
    """Every claim that is not rejected or expired and still valid on ``today``, in one query.

    The scan reads 100,000 claims at a time, so the rows come through Core rather than the ORM
    and the exact amounts are turned into Decimals here rather than one type call at a time.
    """
    statement = (
        select(
            Claim.id, Claim.partner_id, Partner.name, Claim.claimed_on, Claim.valid_until,
            type_coerce(Claim.deal_amount, BigInteger), Claim.currency,
            type_coerce(Claim.commission_pct, BigInteger),
            Account.id, Account.name, Account.name_key, Account.domain, Account.country,
            Account.website,
        )
        .join(Account, Account.id == Claim.account_id)
        .outerjoin(Partner, Partner.id == Claim.partner_id)
        .where(live_claim_condition(today))
    )  # fmt: skip
    money = Money.from_stored
    percent = Percent.from_stored
    accounts: dict[int, AccountKey] = {}
    found = []
    for (
        claim_id, partner_id, partner, since, until, amount, currency, pct,
        account_id, name, key, domain, country, website,
    ) in session.connection().execute(statement).all():  # fmt: skip
        account = accounts.get(account_id)
        if account is None:
            account = AccountKey(account_id, name, key, domain, country, website)
            accounts[account_id] = account
        found.append(
            LiveClaim(
                claim_id,
                account,
                DIRECT_KEY if partner_id is None else f"partner:{partner_id}",
                DIRECT if partner_id is None else partner,
                since,
                until,
                money(amount),
                currency,
                percent(pct) or Decimal(0),
            )
        )
    return found


def _account_keys(session: Session, ids: list[int]) -> list[AccountKey]:
    columns = (Account.id, Account.name, Account.name_key, Account.domain, Account.country)
    return [
        AccountKey(*row) for row in session.execute(select(*columns).where(Account.id.in_(ids)))
    ]


def dismissed_pairs(session: Session) -> frozenset[tuple[int, int]]:
    """Account pairs a person said are not the same company (lower id first)."""
    rows = session.execute(select(OverlapDismissal.account_a_id, OverlapDismissal.account_b_id))
    return frozenset((a, b) for a, b in rows)


def overlap_groups(
    session: Session, today: date, threshold: int | None = None
) -> list[OverlapGroup]:
    """Today's overlap groups, largest commission exposure first."""
    if threshold is None:
        threshold = load_business_settings(session).match_threshold
    return find_groups(live_claims(session, today), threshold, dismissed_pairs(session))


def resolve_group(
    session: Session,
    claim_ids: list[int],
    owner_claim_id: int,
    reason: str,
    today: date,
    now: datetime | None = None,
) -> int:
    """Give the account to ``owner_claim_id``: every other claim of the group is rejected with
    ``reason``, and the decision is kept (``overlap_resolution`` and the audit log). Returns the
    resolution's id.

    The group is the one the person looked at: if any of its claims stopped being live since
    (someone else decided or it expired), nothing is changed and they are asked to look again.
    """
    reason = reason.strip()
    if not reason:
        raise InputError("Say why this claimant owns the account; the others will ask.")
    if owner_claim_id not in claim_ids:
        raise InputError("The owner must be one of the group's claims.")
    claims = list(session.scalars(select(Claim).where(Claim.id.in_(claim_ids))))
    live = [c for c in claims if is_live(c.status, c.valid_until, today)]
    if len(live) != len(set(claim_ids)):
        raise ConflictError(
            "Some claims of this overlap were decided or expired since it was shown; "
            "refresh the overlaps and look at the group again."
        )
    when = now or utcnow()
    for claim in claims:
        if claim.id == owner_claim_id:
            continue
        claim.status = ClaimStatus.REJECTED
        claim.decision_reason = f"Overlap resolved for claim {owner_claim_id}: {reason}"
        claim.decided_at = when
    resolution = OverlapResolution(
        resolved_at=when,
        resolved_by=str(session.info.get("actor", "unknown")),
        owner_claim_id=owner_claim_id,
        reason=reason,
        claim_ids=",".join(str(c) for c in sorted(set(claim_ids))),
    )
    session.add(resolution)
    session.flush()
    return resolution.id


def dismiss_match(
    session: Session, account_a: int, account_b: int, now: datetime | None = None
) -> None:
    """ "Not the same company": the likely match of two accounts is never reported again.

    Certain matches (same record, domain or name) cannot be dismissed: merge or correct the
    accounts instead.
    """
    low, high = sorted((account_a, account_b))
    keys = {k.id: k for k in _account_keys(session, [low, high])}
    if len(keys) != 2:
        raise RefusedError("These are not two existing accounts; refresh the overlaps.")
    match = compare(keys[low], keys[high], 0)
    if match is not None and match.confidence is Confidence.CERTAIN:
        raise RefusedError(
            f"These accounts are certainly the same company ({match.why}); "
            "merge them or correct their details instead."
        )
    known = session.scalar(
        select(OverlapDismissal.id).where(
            OverlapDismissal.account_a_id == low, OverlapDismissal.account_b_id == high
        )
    )
    if known is not None:
        return
    session.add(
        OverlapDismissal(
            account_a_id=low,
            account_b_id=high,
            dismissed_at=now or utcnow(),
            dismissed_by=str(session.info.get("actor", "unknown")),
        )
    )
    session.flush()
