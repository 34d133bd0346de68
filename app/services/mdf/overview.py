"""What the MDF page reads at once: every balance and every request, from one read of each
table (the balances and the requests share their rows instead of reading them twice)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from app.services.mdf.balances import BalanceRow, balance_rows
from app.services.mdf.rows import RequestRow, proof_counts, request_rows
from app.services.mdf.stored import read_allocations, read_requests


@dataclass(frozen=True, slots=True)
class MdfOverview:
    balances: list[BalanceRow]
    requests: list[RequestRow]


def mdf_overview(session: Session, today: date) -> MdfOverview:
    allocations = read_allocations(session)
    requests = read_requests(session)
    return MdfOverview(
        balance_rows(allocations, requests, today),
        request_rows(allocations, requests, proof_counts(session), today),
    )
