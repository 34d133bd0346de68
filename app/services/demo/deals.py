"""Demo deals: joint deals in every stage, each on a partner's registration, with the parties
(registering partner, direct rep, fulfilment partner, influencer) and a dated activity log.

Open deals sit on live claims; won and lost ones on claims that have since expired.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from app.db.models import (
    Claim,
    Deal,
    DealActivity,
    DealFamily,
    DealParty,
    DirectRep,
    Partner,
)
from app.domain.enums import (
    ActivityKind,
    ClaimStatus,
    DealStage,
    Paper,
    PartnerStatus,
    PartnerType,
    PartyRole,
)
from app.services.demo import world
from app.services.demo.accounts import rep_for
from app.services.demo.state import DemoState, days

_STAGE_QUOTAS = {
    DealStage.REGISTERED: 6,
    DealStage.QUALIFIED: 7,
    DealStage.PROPOSAL: 7,
    DealStage.NEGOTIATION: 6,
    DealStage.WON: 8,
    DealStage.LOST: 6,
}


def add_deals(state: DemoState) -> None:
    """Joint deals in every stage, each on a partner's registration: open ones on live claims,
    won and lost ones on claims that have since expired."""
    live = [
        c
        for c in state.claims
        if c.partner is not None
        and c.status in (ClaimStatus.APPROVED, ClaimStatus.PENDING)
        and c.valid_until >= state.today
    ]
    closed = [c for c in state.claims if c.partner is not None and c.status is ClaimStatus.EXPIRED]
    state.rng.shuffle(live)
    state.rng.shuffle(closed)
    taken = set(state.session.scalars(select(Deal.deal_code)))
    for stage, count in _STAGE_QUOTAS.items():
        for _ in range(count):
            source = closed if stage in (DealStage.WON, DealStage.LOST) else live
            source = source or live or closed
            if not source:
                return
            claim = next(
                (
                    c
                    for c in source
                    if c.status is ClaimStatus.APPROVED or stage is DealStage.REGISTERED
                ),
                source[0],
            )
            source.remove(claim)
            _deal(state, claim, stage, taken)


#: A party of a deal: (partner, direct rep, role, commission %).
Party = tuple[Partner | None, DirectRep | None, PartyRole, Decimal]


def with_parties(state: DemoState, deal: Deal, parties: list[Party], family: str) -> None:
    """The deal's parties and product family, written with the others of their kind."""
    for partner, rep, role, commission in parties:
        state.later(
            DealParty,
            {"role": role, "commission_pct": commission},
            deal_id=deal,
            partner_id=partner,
            direct_rep_id=rep,
        )
    state.later(DealFamily, {}, deal_id=deal, family_id=state.families[family])


def _next_code(state: DemoState, taken: set[str | None]) -> str:
    """The next Deal ID ``D-1001`` on that no stored deal holds (a second demo run adds more)."""
    number = 1001 + len(state.deals)
    while f"D-{number}" in taken:
        number += 1
    taken.add(f"D-{number}")
    return f"D-{number}"


def _deal(state: DemoState, claim: Claim, stage: DealStage, taken: set[str | None]) -> None:
    partner, account = claim.partner, claim.account
    assert partner is not None
    family_code, family_name = state.rng.choice(world.FAMILIES)
    closed = stage in (DealStage.WON, DealStage.LOST)
    if closed:
        expected = min(state.ago(1), claim.claimed_on + days(state.rng.randint(20, 85)))
    else:
        expected = state.today + days(state.rng.randint(7, 150))
    parties: list[Party] = [(partner, None, PartyRole.REGISTERING_PARTNER, claim.commission_pct)]
    rep = None
    if account.owner_rep is not None or state.rng.random() < 0.4:
        rep = account.owner_rep or rep_for(state, account.country)
        parties.append((None, rep, PartyRole.DIRECT_REP, Decimal(0)))
    if state.rng.random() < 0.3:
        distributors = [p for p in state.partners if p.type is PartnerType.DISTRIBUTOR]
        local = [p for p in distributors if p.country == account.country]
        fulfiller = state.rng.choice(local or distributors)
        parties.append((fulfiller, None, PartyRole.FULFILMENT_PARTNER, Decimal(3)))
    if state.rng.random() < 0.15:
        advisers = [
            p
            for p in state.partners
            if p.type in (PartnerType.REFERRAL, PartnerType.SI)
            and p.status is PartnerStatus.ACTIVE
            and p is not partner
        ]
        adviser = state.rng.choice(advisers)
        parties.append(
            (adviser, None, PartyRole.INFLUENCER, Decimal(state.rng.choice(("2", "3", "5"))))
        )
    paper = Paper.OURS if rep is not None and state.rng.random() < 0.6 else Paper.PARTNER
    deal = Deal(
        deal_code=_next_code(state, taken),
        name=f"{account.name} – {family_name} {state.rng.choice(world.DEAL_PROJECTS)}",
        account=account,
        claim=claim,
        stage=stage,
        amount=claim.deal_amount or Decimal(0),
        currency=claim.currency or "USD",
        expected_close=expected,
        closed_on=expected if closed else None,  # a closed deal's expected close is in the past
        paper=paper,
    )
    with_parties(state, deal, parties, family_code)
    end = expected if closed else state.today
    span = max(0, (end - claim.claimed_on).days)
    offsets = sorted(state.rng.sample(range(span + 1), min(state.rng.randint(1, 4), span + 1)))
    lines = list(state.rng.sample(world.ACTIVITIES, len(offsets)))
    if stage is DealStage.WON:
        lines[-1] = world.ACTIVITY_WON
    elif stage is DealStage.LOST:
        lines[-1] = world.ACTIVITY_LOST
    authors = [partner.account_manager or world.ACCOUNT_MANAGERS[0][0]]
    if rep is not None:
        authors.append(rep.name)
    for offset, (kind, summary, next_step) in zip(offsets, lines, strict=True):
        activity = {
            "occurred_on": claim.claimed_on + days(offset),
            "kind": ActivityKind(kind),
            "summary": summary.format(family=family_name),
            "next_step": next_step.format(family=family_name),
            "author": state.rng.choice(authors),
        }
        state.later(DealActivity, activity, deal_id=deal)
    state.add(deal)
    state.deals.append((deal, family_code))
