"""The dashboard's headline figures: a few counts and totals a CAM looks at every morning.

Money totals are kept per currency: adding EUR to USD would print a number nobody can use.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import Claim, Deal, Partner, Quote, QuoteRevision, Tier
from app.domain.columns import Column, Kind
from app.domain.enums import PartnerStatus, QuoteStatus
from app.services.claims.accounts import live_claim_condition
from app.services.deals.rows import CLOSED_STAGES
from app.services.quotes.rows import latest_revisions
from app.services.training.expiring import count_expiring, expiring_days

#: What the tier column says for partners without a tier.
NO_TIER = "(no tier)"


@dataclass(frozen=True, slots=True)
class TierCount:
    tier: str
    rank: int
    active_partners: int


@dataclass(frozen=True, slots=True)
class PipelineTotal:
    currency: str
    deals: int
    amount: Decimal


@dataclass(frozen=True, slots=True)
class Dashboard:
    today: date
    partners: int
    active_partners: int
    by_tier: tuple[TierCount, ...]
    certifications_expiring: int
    expiring_days: int  # the window of ``certifications_expiring`` (the Training page's)
    live_claims: int
    open_deals: int
    pipeline: tuple[PipelineTotal, ...]
    quotes_awaiting_approval: int


TIER_COLUMNS: tuple[Column[TierCount], ...] = (
    Column("tier", "Tier", lambda r: r.tier, width=16),
    Column(
        "active_partners", "Active partners", lambda r: r.active_partners, Kind.INTEGER, width=12
    ),
)

PIPELINE_COLUMNS: tuple[Column[PipelineTotal], ...] = (
    Column("currency", "Currency", lambda r: r.currency, width=9),
    Column("deals", "Open deals", lambda r: r.deals, Kind.INTEGER, width=10),
    Column(
        "amount",
        "Pipeline",
        lambda r: r.amount,
        Kind.MONEY,
        currency=lambda r: r.currency,
        width=18,
    ),
)


def load_dashboard(
    session: Session, *, today: date | None = None, soon_days: int | None = None
) -> Dashboard:
    """Every headline figure of the dashboard, as of ``today``. Certifications expiring are
    counted over ``soon_days``, by default the window the Training page uses."""
    day = today or date.today()
    days = soon_days if soon_days is not None else expiring_days(session)
    partners = session.scalar(select(func.count(Partner.id))) or 0
    by_tier = _by_tier(session)
    return Dashboard(
        today=day,
        partners=partners,
        active_partners=sum(t.active_partners for t in by_tier),
        by_tier=by_tier,
        certifications_expiring=count_expiring(session, day, days),
        expiring_days=days,
        live_claims=session.scalar(select(func.count(Claim.id)).where(live_claim_condition(day)))
        or 0,
        open_deals=session.scalar(
            select(func.count(Deal.id)).where(Deal.stage.not_in(CLOSED_STAGES))
        )
        or 0,
        pipeline=_pipeline(session),
        quotes_awaiting_approval=_awaiting_approval(session),
    )


def _by_tier(session: Session) -> tuple[TierCount, ...]:
    """Active partners per tier, lowest tier first; tiers without active partners show 0."""
    query = (
        select(Partner.tier_id, func.count(Partner.id))
        .where(Partner.status == PartnerStatus.ACTIVE)
        .group_by(Partner.tier_id)
    )
    counts: dict[int | None, int] = {tier_id: n for tier_id, n in session.execute(query)}
    tiers = session.execute(select(Tier.id, Tier.name, Tier.rank).order_by(Tier.rank, Tier.name))
    rows = [TierCount(name, rank, counts.get(tier_id, 0)) for tier_id, name, rank in tiers]
    if counts.get(None):
        rows.append(TierCount(NO_TIER, 1_000_000, counts[None]))
    return tuple(rows)


def _pipeline(session: Session) -> tuple[PipelineTotal, ...]:
    query = (
        select(Deal.currency, func.count(Deal.id), func.sum(Deal.amount))
        .where(Deal.stage.not_in(CLOSED_STAGES))
        .group_by(Deal.currency)
        .order_by(Deal.currency)
    )
    return tuple(
        PipelineTotal(currency, n, amount if amount is not None else Decimal(0))
        for currency, n, amount in session.execute(query)
    )


def _awaiting_approval(session: Session) -> int:
    """Quotes whose latest revision needs approval before it can be issued."""
    latest = latest_revisions()
    query = (
        select(func.count(Quote.id))
        .join(latest, latest.c.quote_id == Quote.id)
        .join(
            QuoteRevision,
            (QuoteRevision.quote_id == Quote.id) & (QuoteRevision.revision == latest.c.latest),
        )
        .where(QuoteRevision.status == QuoteStatus.NEEDS_APPROVAL)
    )
    return session.scalar(query) or 0
