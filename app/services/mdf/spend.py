"""MDF as program spend: the paid amount on its paid date (SPEC.md, "Program spend and return")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import MdfAllocation, MdfRequest
from app.domain.enums import MdfStatus


@dataclass(frozen=True, slots=True)
class MdfPaidItem:
    """One payment of market development funds: a spend item of the program."""

    request_id: int
    partner_id: int
    paid_on: date
    amount: Decimal
    currency: str
    activity: str


def mdf_paid_items(session: Session, start: date, end: date) -> list[MdfPaidItem]:
    """Every MDF payment dated within [``start``, ``end``] (both ends included), by date."""
    query = (
        select(
            MdfRequest.id, MdfAllocation.partner_id, MdfRequest.paid_on, MdfRequest.paid_amount,
            MdfAllocation.currency, MdfRequest.activity,
        )
        .join(MdfAllocation, MdfAllocation.id == MdfRequest.allocation_id)
        .where(
            MdfRequest.status == MdfStatus.PAID,
            MdfRequest.paid_on >= start,
            MdfRequest.paid_on <= end,
        )
        .order_by(MdfRequest.paid_on, MdfRequest.id)
    )  # fmt: skip
    return [
        MdfPaidItem(id_, partner, paid_on, amount, currency, activity)
        for id_, partner, paid_on, amount, currency, activity in session.execute(query)
        if paid_on is not None and amount is not None
    ]
