"""What ``export deals`` writes: the deals under the very headers the deals import reads.

Partners are named by their Partner ID where they have one (else their name), the registering
partner in *Partner* (``Direct`` when the direct team registered the deal), every other partner
party in *Other partners*, so a workbook exported here and imported again changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import Account, Deal, DealParty, Partner
from app.domain.columns import Column, Kind
from app.domain.enums import DealStage, PartyRole
from app.services.claims.accounts import DIRECT


@dataclass(frozen=True, slots=True)
class DealExportRow:
    deal_code: str | None
    name: str
    account: str
    country: str | None
    partner: str
    other_partners: str | None
    stage: DealStage
    amount: Decimal
    currency: str
    expected_close: date | None
    closed_on: date | None
    commission_pct: Decimal | None


DEAL_EXPORT_COLUMNS: tuple[Column[DealExportRow], ...] = (
    Column("deal_code", "Deal ID", lambda r: r.deal_code, width=12),
    Column("name", "Name", lambda r: r.name, width=36),
    Column("account", "Account", lambda r: r.account, width=28),
    Column("country", "Country", lambda r: r.country, width=8),
    Column("partner", "Partner", lambda r: r.partner, width=18),
    Column("other_partners", "Other partners", lambda r: r.other_partners, width=24),
    Column("stage", "Stage", lambda r: r.stage, width=12),
    Column("amount", "Amount", lambda r: r.amount, Kind.MONEY, lambda r: r.currency, width=16),
    Column("currency", "Currency", lambda r: r.currency, width=8),
    Column("expected_close", "Expected close", lambda r: r.expected_close, Kind.DATE, width=12),
    Column("closed_on", "Closed on", lambda r: r.closed_on, Kind.DATE, width=12),
    Column("commission_pct", "Commission %", lambda r: r.commission_pct, Kind.PERCENT, width=12),
)


def deal_export_rows(session: Session) -> list[DealExportRow]:
    """Every deal as the deals import reads it back, by Deal ID then name."""
    partner_ref = func.coalesce(Partner.partner_code, Partner.name)
    parties: dict[int, list[tuple[PartyRole, str, Decimal]]] = {}
    query = (
        select(DealParty.deal_id, DealParty.role, partner_ref, DealParty.commission_pct)
        .join(Partner, Partner.id == DealParty.partner_id)
        .order_by(DealParty.deal_id, DealParty.id)
    )
    for deal_id, role, ref, pct in session.execute(query):
        parties.setdefault(deal_id, []).append((role, ref, pct))
    statement = (
        select(Deal.id, Deal.deal_code, Deal.name, Account.name, Account.country, Deal.stage,
               Deal.amount, Deal.currency, Deal.expected_close, Deal.closed_on)
        .join(Account, Account.id == Deal.account_id)
        .order_by(Deal.deal_code.is_(None), Deal.deal_code, Deal.name, Deal.id)
    )  # fmt: skip
    rows = []
    for (
        deal_id,
        code,
        name,
        account,
        country,
        stage,
        amount,
        currency,
        close,
        closed,
    ) in session.execute(statement):
        found = parties.get(deal_id, [])
        registering = next((p for p in found if p[0] is PartyRole.REGISTERING_PARTNER), None)
        others = [p[1] for p in found if p is not registering]
        rows.append(
            DealExportRow(
                code, name, account, country,
                registering[1] if registering else DIRECT,
                "; ".join(others) or None,
                stage, amount, currency, close, closed,
                registering[2] if registering else None,
            )
        )  # fmt: skip
    return rows
