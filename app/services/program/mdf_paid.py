"""MDF spend as the return report reads it: the paid amount of each request on its paid date
(SPEC.md, "Program spend and return"). One set-based query; the MDF lifecycle itself lives with
the MDF screens and services."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import MdfAllocation, MdfRequest, Partner
from app.domain.program.accruals import SpendEntry


def mdf_paid_entries(session: Session, start: date, end: date) -> list[SpendEntry]:
    """Every MDF payment dated within [start, end], for its allocation's partner."""
    query = (
        select(
            func.coalesce(Partner.partner_code, Partner.name),
            MdfRequest.paid_on,
            MdfRequest.paid_amount,
            MdfAllocation.currency,
            MdfRequest.activity,
        )
        .join(MdfAllocation, MdfRequest.allocation_id == MdfAllocation.id)
        .join(Partner, MdfAllocation.partner_id == Partner.id)
        .where(
            MdfRequest.paid_on.is_not(None),
            MdfRequest.paid_amount.is_not(None),
            MdfRequest.paid_on.between(start, end),
        )
    )
    return [
        SpendEntry(code, "MDF", paid_on, amount, currency, activity)
        for code, paid_on, amount, currency, activity in session.execute(query)
        if paid_on is not None and amount is not None  # excluded by the query
    ]
