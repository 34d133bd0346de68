"""The accounts table of the accounts & claims page: each account with its live claims and its
open deals, so a CAM sees at a glance which customers are contested and which are in play."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import Deal
from app.domain.columns import Column, Kind
from app.services.claims.accounts import ACCOUNT_COLUMNS, AccountRow, list_accounts
from app.services.deals.rows import CLOSED_STAGES


@dataclass(frozen=True, slots=True)
class AccountListRow(AccountRow):
    open_deals: int


ACCOUNT_LIST_COLUMNS: tuple[Column[Any], ...] = (
    *ACCOUNT_COLUMNS,
    Column("open_deals", "Open deals", lambda r: r.open_deals, Kind.INTEGER, width=9),
)


def list_accounts_with_deals(session: Session, today: date) -> list[AccountListRow]:
    """Every account that was not merged away, by name, with live claims and open deals."""
    query = (
        select(Deal.account_id, func.count(Deal.id))
        .where(Deal.stage.not_in(CLOSED_STAGES))
        .group_by(Deal.account_id)
    )
    deals: dict[int, int] = {account_id: n for account_id, n in session.execute(query)}
    return [
        AccountListRow(
            id=r.id,
            name=r.name,
            website=r.website,
            country=r.country,
            city=r.city,
            named_account=r.named_account,
            owner_rep=r.owner_rep,
            live_claims=r.live_claims,
            version=r.version,
            open_deals=deals.get(r.id, 0),
        )
        for r in list_accounts(session, today=today)
    ]
