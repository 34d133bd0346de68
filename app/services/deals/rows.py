"""Joint deals: the rows of the deals page, with the parties folded into names and a total.

The total commission is what every party on the deal expects together: the figure that shows,
before the deal closes, when three partners each expect 20% of the same top line.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import (
    Account,
    Deal,
    DealFamily,
    DealParty,
    DirectRep,
    Partner,
    ProductFamily,
)
from app.domain.columns import Column, Kind
from app.domain.enums import DealStage, Paper, PartyRole

#: Stages after which a deal is no longer pipeline.
CLOSED_STAGES = (DealStage.WON, DealStage.LOST)


@dataclass(frozen=True, slots=True)
class DealRow:
    id: int
    deal_code: str | None
    name: str
    account_id: int
    account: str
    registering_partner: str | None
    direct_reps: str | None
    stage: DealStage
    amount: Decimal
    currency: str
    expected_close: date | None
    paper: Paper
    total_commission_pct: Decimal
    parties: int
    version: int
    closed_on: date | None = None
    families: str | None = None


DEAL_COLUMNS: tuple[Column[DealRow], ...] = (
    Column("name", "Deal", lambda r: r.name, width=40),
    Column("deal_code", "Deal ID", lambda r: r.deal_code, width=10),
    Column("account", "Account", lambda r: r.account, width=26),
    Column("registering_partner", "Registering partner", lambda r: r.registering_partner, width=24),
    Column("stage", "Stage", lambda r: r.stage, width=12),
    Column(
        "amount", "Amount", lambda r: r.amount, Kind.MONEY, currency=lambda r: r.currency, width=16
    ),
    Column("expected_close", "Expected close", lambda r: r.expected_close, Kind.DATE, width=12),
    Column("closed_on", "Closed on", lambda r: r.closed_on, Kind.DATE, width=12),
    Column("families", "Product families", lambda r: r.families, width=22),
    Column(
        "total_commission_pct",
        "Total commission",
        lambda r: r.total_commission_pct,
        Kind.PERCENT,
        width=12,
    ),
    Column("paper", "Paper", lambda r: r.paper, width=9),
    Column("direct_reps", "Direct rep", lambda r: r.direct_reps, width=18),
    Column("currency", "Currency", lambda r: r.currency, width=8),
)


@dataclass
class _Parties:
    partners: list[str]
    reps: list[str]
    commission: Decimal
    count: int


def _parties(session: Session) -> dict[int, _Parties]:
    """Per deal: registering partners (first registered first), direct reps, total commission."""
    query = (
        select(
            DealParty.deal_id,
            DealParty.role,
            Partner.name,
            DirectRep.name,
            DealParty.commission_pct,
        )
        .outerjoin(Partner, Partner.id == DealParty.partner_id)
        .outerjoin(DirectRep, DirectRep.id == DealParty.direct_rep_id)
        .order_by(DealParty.deal_id, DealParty.id)
    )
    found: dict[int, _Parties] = defaultdict(lambda: _Parties([], [], Decimal(0), 0))
    for deal_id, role, partner, rep, pct in session.execute(query):
        entry = found[deal_id]
        entry.count += 1
        entry.commission += pct or Decimal(0)
        if role is PartyRole.REGISTERING_PARTNER and partner:
            entry.partners.append(partner)
        if rep:
            entry.reps.append(rep)
    return found


def _families(session: Session) -> dict[int, str]:
    """Per deal: the names of the product families it is about, by name."""
    query = (
        select(DealFamily.deal_id, ProductFamily.name)
        .join(ProductFamily, ProductFamily.id == DealFamily.family_id)
        .order_by(DealFamily.deal_id, ProductFamily.name)
    )
    found: dict[int, list[str]] = defaultdict(list)
    for deal_id, name in session.execute(query):
        found[deal_id].append(name)
    return {deal_id: ", ".join(names) for deal_id, names in found.items()}


def list_deals(session: Session) -> list[DealRow]:
    """Every deal with its account, parties and total commission, soonest expected close first."""
    parties = _parties(session)
    families = _families(session)
    empty = _Parties([], [], Decimal(0), 0)
    query = (
        select(
            Deal.id,
            Deal.deal_code,
            Deal.name,
            Deal.account_id,
            Account.name,
            Deal.stage,
            Deal.amount,
            Deal.currency,
            Deal.expected_close,
            Deal.paper,
            Deal.version,
            Deal.closed_on,
        )
        .join(Account, Account.id == Deal.account_id)
        .order_by(Deal.expected_close.is_(None), Deal.expected_close, Deal.id)
    )
    rows = []
    for (
        deal_id,
        code,
        name,
        account_id,
        account,
        stage,
        amount,
        currency,
        close,
        paper,
        version,
        closed_on,
    ) in session.execute(query):
        p = parties.get(deal_id, empty)
        rows.append(
            DealRow(
                id=deal_id,
                deal_code=code,
                name=name,
                account_id=account_id,
                account=account,
                registering_partner=", ".join(p.partners) or None,
                direct_reps=", ".join(p.reps) or None,
                stage=stage,
                amount=amount,
                currency=currency,
                expected_close=close,
                paper=paper,
                total_commission_pct=p.commission,
                parties=p.count,
                version=version,
                closed_on=closed_on,
                families=families.get(deal_id),
            )
        )
    return rows
