"""The joint-deal pipeline: amounts by stage and by registering partner, per currency.

Sums are grouped in SQL (one row per stage or partner and currency), never converted between
currencies: adding EUR to USD would print a number nobody can use. A deal without a registering
partner (the direct team alone) is shown under ``DIRECT_ONLY``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from app.db.models import Deal, DealParty, Partner
from app.domain.columns import Column, Kind
from app.domain.enums import DealStage, PartyRole
from app.services.deals.rows import CLOSED_STAGES

DIRECT_ONLY = "(direct team only)"
_STAGE_ORDER = {stage: n for n, stage in enumerate(DealStage)}


@dataclass(frozen=True, slots=True)
class StageTotal:
    stage: DealStage
    currency: str
    deals: int
    amount: Decimal


@dataclass(frozen=True, slots=True)
class PartnerTotal:
    partner: str
    currency: str
    deals: int
    amount: Decimal
    won: Decimal


STAGE_COLUMNS: tuple[Column[StageTotal], ...] = (
    Column("stage", "Stage", lambda r: r.stage, width=12),
    Column("deals", "Deals", lambda r: r.deals, Kind.INTEGER, width=7),
    Column("amount", "Amount", lambda r: r.amount, Kind.MONEY, lambda r: r.currency, width=18),
    Column("currency", "Currency", lambda r: r.currency, width=8),
)
PARTNER_COLUMNS: tuple[Column[PartnerTotal], ...] = (
    Column("partner", "Registering partner", lambda r: r.partner, width=26),
    Column("deals", "Open deals", lambda r: r.deals, Kind.INTEGER, width=9),
    Column(
        "amount", "Open pipeline", lambda r: r.amount, Kind.MONEY, lambda r: r.currency, width=18
    ),
    Column("won", "Won", lambda r: r.won, Kind.MONEY, lambda r: r.currency, width=18),
    Column("currency", "Currency", lambda r: r.currency, width=8),
)


def by_stage(session: Session) -> list[StageTotal]:
    """Deals and amount per stage and currency, in the order deals move through stages."""
    query = select(Deal.stage, Deal.currency, func.count(Deal.id), func.sum(Deal.amount)).group_by(
        Deal.stage, Deal.currency
    )
    rows = [StageTotal(s, c, n, a or Decimal(0)) for s, c, n, a in session.execute(query)]
    return sorted(rows, key=lambda r: (_STAGE_ORDER[r.stage], r.currency))


def open_totals(session: Session) -> dict[str, Decimal]:
    """The open pipeline (every stage but won and lost) per currency."""
    query = (
        select(Deal.currency, func.sum(Deal.amount))
        .where(Deal.stage.not_in(CLOSED_STAGES))
        .group_by(Deal.currency)
        .order_by(Deal.currency)
    )
    return {c: a or Decimal(0) for c, a in session.execute(query)}


def by_partner(session: Session) -> list[PartnerTotal]:
    """Per registering partner and currency: open deals, open amount and won amount."""
    registering = (
        select(DealParty.deal_id, func.min(DealParty.partner_id).label("partner_id"))
        .where(DealParty.role == PartyRole.REGISTERING_PARTNER, DealParty.partner_id.is_not(None))
        .group_by(DealParty.deal_id)
        .subquery()
    )
    is_open = Deal.stage.not_in(CLOSED_STAGES)
    open_amount = func.sum(Deal.amount).filter(is_open)
    won_amount = func.sum(Deal.amount).filter(Deal.stage == DealStage.WON)
    query = (
        select(
            Partner.name,
            Deal.currency,
            func.count(Deal.id).filter(is_open),
            open_amount,
            won_amount,
        )
        .select_from(Deal)
        .outerjoin(registering, registering.c.deal_id == Deal.id)
        .outerjoin(Partner, and_(Partner.id == registering.c.partner_id))
        .group_by(Partner.id, Partner.name, Deal.currency)
    )
    rows = [
        PartnerTotal(name or DIRECT_ONLY, currency, n or 0, amount or Decimal(0), won or Decimal(0))
        for name, currency, n, amount, won in session.execute(query)
    ]
    return sorted(rows, key=lambda r: (r.partner == DIRECT_ONLY, r.partner.casefold(), r.currency))
