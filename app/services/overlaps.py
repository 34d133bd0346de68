"""The overlap report: live claims grouped by ``app.domain.overlap_groups``, and its decisions.

A scan reads every live claim and the accounts they are on once, as plain rows
(``app.db.plain``), matches the accounts in memory through blocking, finds the overlapping
claims from five values per claim, and makes full rows only of the claims in an overlap: most
live claims are in none. The decisions are the person's: resolve a group (one owner, the others
rejected with the reason) or dismiss a likely match as "not the same company" for good.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from operator import itemgetter
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from app.db.models import Account, Claim, OverlapDismissal, OverlapResolution, Partner
from app.db.plain import plain_rows
from app.db.types import Money, Percent, utcnow
from app.domain.enums import ClaimStatus
from app.domain.errors import ConflictError, InputError, RefusedError
from app.domain.overlap_groups import LiveClaim, OverlapGroup, group_overlaps
from app.domain.overlap_links import ClaimOverlap, claim_links
from app.domain.overlap_match import AccountKey, Confidence, account_matches, compare
from app.services.accounts import DIRECT, is_live, live_claim_condition
from app.services.business_settings import load_business_settings
from app.services.gc_pause import gc_paused

DIRECT_KEY = "direct"


def claimant_key(partner_id: int | None) -> str:
    """Who holds a claim, as the rules compare it: a partner, or the direct team as one."""
    return f"partner:{partner_id}" if partner_id is not None else DIRECT_KEY


def _live_claims(
    today: date,
) -> Select[int, int, int | None, date, date, Decimal | None, str | None, Decimal]:
    """The live claims, with what the rules need first (a ``ClaimSpan``) and then what the report
    shows; no joins, as the accounts and claimants are read once each."""
    return select(
        Claim.id, Claim.account_id, Claim.partner_id, Claim.claimed_on, Claim.valid_until,
        Claim.deal_amount, Claim.currency, Claim.commission_pct,
    ).where(live_claim_condition(today))  # fmt: skip


def _live_accounts(today: date) -> Select[int, str, str, str | None, str | None, str | None]:
    """The accounts of live claims, as an ``AccountKey`` lays them out."""
    columns = (
        Account.id, Account.name, Account.name_key, Account.domain, Account.country,
        Account.website,
    )  # fmt: skip
    return select(*columns).where(
        Account.id.in_(_live_claims(today).with_only_columns(Claim.account_id))
    )


def _claims_in(
    links: list[ClaimOverlap],
    rows: list[tuple[Any, ...]],
    accounts: list[tuple[Any, ...]],
    claimants: dict[int | None, tuple[str, str]],
) -> list[LiveClaim]:
    """The full rows of the claims in some overlap, and only of those: most live claims are in
    none. Values many claims share (a day, an amount, a percentage, a currency) are made once
    and shared: a scan keeps 50,000 claims, and fewer objects are quicker to make and free."""
    linked = set(map(_FIRST, links))
    linked.update(map(_SECOND, links))
    rows_of = {row[0]: row for row in accounts}
    keys: dict[int, AccountKey] = {}
    days: dict[date | str, date] = {}
    amounts: dict[int | None, Decimal | None] = {}
    percents: dict[int | None, Decimal] = {}
    currencies: dict[str | None, str | None] = {}
    found = []
    for row in rows:
        if row[0] not in linked:
            continue
        claim_id, account_id, partner_id, since, until, amount, currency, pct = row
        account = keys.get(account_id)
        if account is None:
            account = keys[account_id] = AccountKey._make(rows_of[account_id])
        key, name = claimants[partner_id]
        if since not in days:
            days[since] = _day(since)
        if until not in days:
            days[until] = _day(until)
        if amount not in amounts:
            amounts[amount] = Money.from_stored(amount)
        if pct not in percents:
            percents[pct] = Percent.from_stored(pct) or Decimal(0)
        currency = currencies.setdefault(currency, currency)
        since, until, amount, pct = days[since], days[until], amounts[amount], percents[pct]
        found.append(LiveClaim(claim_id, account, key, name, since, until, amount, currency, pct))
    return found


def _day(stored: date | str) -> date:
    return stored if isinstance(stored, date) else date.fromisoformat(stored)  # SQLite: text


_FIRST, _SECOND = itemgetter(0), itemgetter(1)


def _claimants(session: Session) -> dict[int | None, tuple[str, str]]:
    """Each claimant's key for the rules and name for the report, by partner id (``None``: the
    direct team)."""
    found: dict[int | None, tuple[str, str]] = {None: (DIRECT_KEY, DIRECT)}
    for partner_id, name in plain_rows(session, select(Partner.id, Partner.name)):
        found[partner_id] = (claimant_key(partner_id), name)
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
    with gc_paused():  # a scan's rows, matches and groups hold no cycles (see gc_pause)
        rows = plain_rows(session, _live_claims(today))
        accounts = plain_rows(session, _live_accounts(today))
        matches = account_matches(accounts, threshold, dismissed_pairs(session))
        links = claim_links(rows, matches)
        claims = _claims_in(links, rows, accounts, _claimants(session))
        return group_overlaps(claims, links)


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
