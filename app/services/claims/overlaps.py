"""The overlap report: live claims grouped by ``app.domain.overlap_groups``, and its decisions.

A scan reads every live claim and the accounts they are on once, in one moment of the database
(``app.services.claims.overlap_scan``), and the pairs of alike names kept as accounts were
written (``app.db.alike_names``); matches the accounts in memory through blocking and the one
overlap rule (``app.domain.overlap_match``), finds the overlapping claims from five values per
claim, and makes full rows only of the claims in an overlap. The decisions are the person's:
resolve a group (one owner, the others rejected with the reason) or dismiss a likely match as
"not the same company" for good.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.alike_names import stored_alike
from app.db.models import Account, Claim, OverlapDismissal, OverlapResolution
from app.db.snapshot import read_one_moment
from app.db.types import utcnow
from app.domain.engagement import Suggestion
from app.domain.enums import ClaimStatus
from app.domain.errors import ConflictError, InputError, RefusedError
from app.domain.overlap_groups import OverlapGroup, group_overlaps, with_lone_named
from app.domain.overlap_links import claim_links
from app.domain.overlap_match import AccountKey, Confidence, company_matches, same_company
from app.domain.progress import Cancelled, Progress, Ticker
from app.domain.text_rules import checked_block
from app.services.business_settings import load_business_settings
from app.services.claims.accounts import is_live
from app.services.claims.overlap_scan import (
    ClaimRow,
    claimant_names,
    claims_in,
    linked_ids,
    live_accounts,
    live_claim_rows,
    named_among,
)
from app.services.gc_pause import gc_paused


def _account_keys(session: Session, ids: list[int]) -> list[AccountKey]:
    columns = (Account.id, Account.name, Account.name_key, Account.domain, Account.country)
    return [
        AccountKey(*row) for row in session.execute(select(*columns).where(Account.id.in_(ids)))
    ]


def dismissed_pairs(session: Session) -> frozenset[tuple[int, int]]:
    """Account pairs a person said are not the same company (lower id first)."""
    rows = session.execute(select(OverlapDismissal.account_a_id, OverlapDismissal.account_b_id))
    return frozenset((a, b) for a, b in rows)


#: The steps of a scan a progress bar counts: read, match the accounts, link and group.
SCAN_STEPS = 3


def overlap_groups(
    session: Session,
    today: date,
    threshold: int | None = None,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> list[OverlapGroup]:
    """Today's overlap groups, largest commission exposure first.

    ``progress`` hears of each of the ``SCAN_STEPS`` steps as it begins; when ``cancelled()``
    answers True between two steps the scan stops with ``CancelledByUser``."""
    steps = Ticker(SCAN_STEPS, progress, cancelled)
    steps.start()
    read_one_moment(session)
    if threshold is None:
        threshold = load_business_settings(session).match_threshold
    return _scan(session, today, threshold, steps)


@gc_paused()  # pays for itself, see gc_pause
def _scan(session: Session, today: date, threshold: int, steps: Ticker) -> list[OverlapGroup]:
    """The scan itself; the collector resumes once its rows, matches and links are freed,
    leaving only the groups for it to look at."""
    rows = live_claim_rows(session, today)
    accounts = live_accounts(session, today, rows)
    claimants = claimant_names(session)
    alike = stored_alike(session, threshold)
    dismissed = dismissed_pairs(session)
    steps.advance(1)
    matches, companies = company_matches(accounts, threshold, dismissed, alike)
    steps.advance(1)
    links = claim_links(rows, matches, companies)
    linked = linked_ids(links)
    on_named, lone_ids = named_account_claims(session, rows, linked, named_among(accounts))
    claims = claims_in(linked | lone_ids, rows, accounts, claimants)
    groups = group_overlaps(claims, links, on_named)
    return with_lone_named(groups, [c for c in claims if c.id in lone_ids] if lone_ids else [])


def named_account_claims(
    session: Session, rows: list[ClaimRow], linked: set[int], named: frozenset[int]
) -> tuple[set[int], set[int]]:
    """The live claims on named accounts, and among them the partner claims that overlap no
    other claim: each of those still conflicts with the direct team (SPEC.md, "Rules of
    engagement"), unless a resolution already gave the account to that claim. One pass over the
    claims read finds both."""
    if not named:
        return set(), set()
    on_named = [row for row in rows if row[1] in named]
    kept = set(session.scalars(select(OverlapResolution.owner_claim_id)))
    lone = {
        row[0]
        for row in on_named
        if row[2] is not None and row[0] not in linked and row[0] not in kept
    }
    return {row[0] for row in on_named}, lone


def resolve_group(
    session: Session,
    claim_ids: list[int],
    owner_claim_id: int | None,
    reason: str,
    today: date,
    now: datetime | None = None,
    suggestion: Suggestion | None = None,
) -> int:
    """Give the account to ``owner_claim_id``: every other claim of the group is rejected with
    ``reason``, and the decision is kept (``overlap_resolution`` and the audit log) beside the
    owner the rules of engagement suggested (``suggestion``, as the person saw it). Returns the
    resolution's id.

    ``owner_claim_id`` None gives a named account of the group to the direct team when it holds
    no claim there: an approved claim of the team is registered for it, protected for the
    registration protection days, and owns the account.

    The group is the one the person looked at: if any of its claims stopped being live since
    (someone else decided or it expired), nothing is changed and they are asked to look again.
    """
    reason = checked_block(reason, "The reason")
    if not reason:
        raise InputError("Say why this claimant owns the account; the others will ask.")
    if owner_claim_id is not None and owner_claim_id not in claim_ids:
        raise InputError("The owner must be one of the group's claims.")
    claims = list(session.scalars(select(Claim).where(Claim.id.in_(claim_ids))))
    live = [c for c in claims if is_live(c.status, c.valid_until, today)]
    if len(live) != len(set(claim_ids)):
        raise ConflictError(
            "Some claims of this overlap were decided or expired since it was shown; "
            "refresh the overlaps and look at the group again."
        )
    when = now or utcnow()
    if owner_claim_id is None:
        owner_claim_id = _direct_claim_for(session, claims, today, when)
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
        suggested_owner=suggestion.owner if suggestion else None,
        suggested_rule=suggestion.rule if suggestion else None,
    )
    session.add(resolution)
    session.flush()
    return resolution.id


def _direct_claim_for(session: Session, claims: list[Claim], today: date, when: datetime) -> int:
    """The direct team's approved claim on the group's named account, registered today for the
    registration protection days: the owner of a resolution for the direct team."""
    named = sorted(
        (c.account for c in claims if c.account.named_account), key=lambda account: account.id
    )
    if not named:
        raise InputError(
            "Only a named account goes to the direct team without a claim of its own; "
            "choose one of the group's claims."
        )
    days = load_business_settings(session).registration_protection_days
    claim = Claim(
        account_id=named[0].id,
        partner_id=None,
        direct_rep_id=named[0].owner_rep_id,
        claimed_on=today,
        valid_until=today + timedelta(days=days),
        status=ClaimStatus.APPROVED,
        commission_pct=Decimal(0),
        decision_reason="Named account of the direct team: overlap resolved for the team",
        decided_at=when,
    )
    session.add(claim)
    session.flush()
    return claim.id


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
    match = same_company(keys[low], keys[high], 0)
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
