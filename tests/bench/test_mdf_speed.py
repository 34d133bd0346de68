"""Benchmark: the MDF page's read with 5,000 partners, 20,000 allocations (four quarters each),
40,000 requests at every step and 8,000 proof files, as a ratio to reading the same rows as
tuples through SQLAlchemy Core in the same run.

Run on demand: ``pytest tests/bench/test_mdf_speed.py -s`` (``-k sqlite`` to skip PostgreSQL).

Figures:
- *read*: what the page reads in the background (every balance, every request with the steps
  it allows, the partners to pick from). Baseline: the allocations, requests and partners
  selected as Core tuples (the proof files counted), the least any read of them costs.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, insert, select, text

from app.db.engine import Database
from app.db.models import MdfAllocation, MdfProof, MdfRequest, Partner
from app.domain.enums import MdfStatus
from app.services.mdf.allocations import allocation_partners
from app.services.mdf.overview import mdf_overview
from tests.bench.timing import paired_ratio, report

PARTNERS = 5_000
QUARTERS = ("2026Q1", "2026Q2", "2026Q3", "2026Q4")
TODAY = date(2026, 11, 20)
NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)  # the same for every proof: it is not read


def _fill(db: Database) -> None:
    rng = random.Random(7)
    with db.engine.begin() as connection:
        connection.execute(
            insert(Partner),
            [{"name": f"Partner {n:05}", "name_key": f"partner {n:05}", "partner_code": f"P-{n}"}
             for n in range(1, PARTNERS + 1)],
        )  # fmt: skip
        partners = connection.execute(select(Partner.id)).scalars().all()
        connection.execute(
            insert(MdfAllocation),
            [{"partner_id": p, "quarter": q, "amount": Decimal(20000), "currency": "EUR"}
             for p in partners for q in QUARTERS],
        )  # fmt: skip
        allocations = connection.execute(select(MdfAllocation.id)).scalars().all()
        statuses = list(MdfStatus)
        requests = []
        for allocation in allocations:
            for _ in range(2):
                status = rng.choice(statuses)
                done = statuses.index(status)
                approved = done >= 1 and status is not MdfStatus.REJECTED
                start = date(2026, 1, 1) + timedelta(days=rng.randrange(300))
                requests.append({
                    "allocation_id": allocation, "activity": "Webinar", "starts_on": start,
                    "ends_on": start + timedelta(days=2), "requested_on": start,
                    "requested_amount": Decimal(5000), "status": status,
                    "approved_amount": Decimal(4000) if approved else None,
                    "claimed_amount": Decimal(3900) if done >= 3 else None,
                    "claim_approved_amount": Decimal(3800) if done >= 4 else None,
                    "paid_amount": Decimal(3800) if done >= 5 else None,
                    "paid_on": start + timedelta(days=30) if done >= 5 else None,
                })  # fmt: skip
        connection.execute(insert(MdfRequest), requests)
        claimed = (
            connection.execute(
                select(MdfRequest.id).where(MdfRequest.claimed_amount.is_not(None)).limit(8_000)
            )
            .scalars()
            .all()
        )
        connection.execute(
            insert(MdfProof),
            [{"request_id": r, "file_name": "invoice.pdf", "media_type": "application/pdf",
              "content": b"%PDF" * 256, "added_at": NOW} for r in claimed],
        )  # fmt: skip
    if not db.is_sqlite:
        with db.engine.connect() as connection:
            connection.execute(text("ANALYZE"))
            connection.commit()


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_mdf_read_speed(backend: str, request: pytest.FixtureRequest) -> None:
    db: Database = request.getfixturevalue(f"{backend}_db")
    _fill(db)

    def core() -> None:
        with db.engine.connect() as connection:
            connection.execute(select(MdfAllocation.__table__)).all()
            connection.execute(select(MdfRequest.__table__)).all()
            connection.execute(select(Partner.id, Partner.name, Partner.partner_code)).all()
            connection.execute(
                select(MdfProof.request_id, func.count()).group_by(MdfProof.request_id)
            ).all()

    def page_read() -> None:
        with db.reading() as s:
            overview = mdf_overview(s, TODAY)
            allocation_partners(s)
        shown = overview.balances
        assert len(shown) == PARTNERS * len(QUARTERS) and len(overview.requests) == 2 * len(shown)

    base, work, ratio = paired_ratio(page_read, core, repeat=3)
    report(
        f"MDF page read {backend}, {PARTNERS * len(QUARTERS):,} allocations",
        {"core s": base, "page read s": work, "ratio": ratio},
    )
    assert ratio < 8  # a guard against a query per allocation or per request creeping in
