"""How the claims page shows claims: a claim past its date reads *Expired* whatever was stored,
and the claims running out in the next days get a list of their own, so a partner can be
reminded to extend its registration before it lapses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Claim, Deal
from app.domain.columns import Column, Kind
from app.domain.enums import ClaimStatus, DealStage
from app.services.claims.accounts import CLAIM_QUERY, ClaimRow, claim_row, live_claim_condition

#: How far ahead the "expiring soon" list looks.
EXPIRING_DAYS = 14


def shown_status(row: ClaimRow) -> ClaimStatus:
    """The status a person should read: a pending or approved claim past its date is expired."""
    if row.status is ClaimStatus.REJECTED or row.live:
        return row.status
    return ClaimStatus.EXPIRED


CLAIM_PAGE_COLUMNS: tuple[Column[ClaimRow], ...] = (
    Column("claimant", "Claimant", lambda r: r.claimant, width=24),
    Column("account", "Account", lambda r: r.account, width=26),
    Column("status", "Status", shown_status, width=10),
    Column("claimed_on", "Claimed on", lambda r: r.claimed_on, Kind.DATE, width=11),
    Column("valid_until", "Valid until", lambda r: r.valid_until, Kind.DATE, width=11),
    Column(
        "deal_amount",
        "Deal amount",
        lambda r: r.deal_amount,
        Kind.MONEY,
        lambda r: r.currency,
        width=16,
    ),
    Column("commission_pct", "Commission", lambda r: r.commission_pct, Kind.PERCENT, width=10),
    Column("country", "Country", lambda r: r.country, width=8),
    Column("direct_rep", "Direct rep", lambda r: r.direct_rep, width=16),
)

#: The claims of one account: the account column would only repeat its name.
ACCOUNT_CLAIM_COLUMNS = tuple(c for c in CLAIM_PAGE_COLUMNS if c.key != "account")


def expiring_claims(session: Session, today: date, days: int = EXPIRING_DAYS) -> list[ClaimRow]:
    """Live claims whose validity ends within ``days`` from ``today``, soonest first."""
    query = CLAIM_QUERY.where(
        live_claim_condition(today), Claim.valid_until <= today + timedelta(days=days)
    ).order_by(Claim.valid_until, Claim.id)
    return [claim_row(r, today) for r in session.execute(query)]


def account_claims(session: Session, account_id: int, today: date) -> list[ClaimRow]:
    """Every claim on one account, live ones first, newest first within."""
    query = CLAIM_QUERY.where(Claim.account_id == account_id)
    rows = [claim_row(r, today) for r in session.execute(query.order_by(Claim.claimed_on.desc()))]
    return sorted(rows, key=lambda r: not r.live)


@dataclass(frozen=True, slots=True)
class AccountDealRow:
    id: int
    name: str
    stage: DealStage
    amount: Decimal
    currency: str
    expected_close: date | None


ACCOUNT_DEAL_COLUMNS: tuple[Column[AccountDealRow], ...] = (
    Column("name", "Deal", lambda r: r.name, width=30),
    Column("stage", "Stage", lambda r: r.stage, width=11),
    Column("amount", "Amount", lambda r: r.amount, Kind.MONEY, lambda r: r.currency, width=14),
    Column("close", "Expected close", lambda r: r.expected_close, Kind.DATE, width=12),
)


def account_deals(session: Session, account_id: int) -> list[AccountDealRow]:
    """The deals on one account, open ones first by expected close."""
    query = (
        select(Deal.id, Deal.name, Deal.stage, Deal.amount, Deal.currency, Deal.expected_close)
        .where(Deal.account_id == account_id)
        .order_by(Deal.expected_close.is_(None), Deal.expected_close, Deal.id)
    )
    rows = [AccountDealRow(*r) for r in session.execute(query)]
    return sorted(rows, key=lambda r: r.stage in (DealStage.WON, DealStage.LOST))
