"""The demo's market development funds: every step of a request appears with its history and
proof, the last quarter's unapproved rest has lapsed, and its payments are the program's MDF
spend; made through the MDF services, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from app.db.engine import Database
from app.db.models import MdfProof, MdfRequest, MdfStep
from app.domain.enums import MdfStatus
from app.domain.quarters import quarter_of, quarter_start
from app.services.demo.fill import generate_demo
from app.services.mdf.overview import mdf_overview
from app.services.mdf.spend import mdf_paid_items


@pytest.mark.parametrize("today", [date(2026, 3, 15), date(2026, 10, 1)])
def test_the_demo_has_funds_at_every_step(any_db: Database, today: date) -> None:
    with any_db.transaction() as s:
        generate_demo(s, today=today)
    with any_db.reading() as s:
        overview = mdf_overview(s, today)
        steps = dict(
            s.execute(select(MdfStep.request_id, func.count()).group_by(MdfStep.request_id)).all()
        )
        dated = set(s.scalars(select(MdfStep.at)))
        claimed = s.scalars(select(MdfRequest.id).where(MdfRequest.claimed_amount.is_not(None)))
        proofs = set(s.scalars(select(MdfProof.request_id)))
        paid = mdf_paid_items(s, date(2025, 1, 1), today)
    statuses = {r.status for r in overview.requests}
    early = (today - quarter_start(quarter_of(today))).days < 30
    wanted = set(MdfStatus) - ({MdfStatus.CLAIMED, MdfStatus.CLAIM_APPROVED} if early else set())
    assert statuses >= wanted
    assert all(steps[r.id] >= 1 for r in overview.requests)
    assert all(at.date() <= today for at in dated) and len({at.date() for at in dated}) > 5
    assert set(claimed) <= proofs
    assert any(b.lapsed > 0 for b in overview.balances)  # last quarter's unapproved rest
    assert any(b.available > 0 for b in overview.balances)  # this quarter's
    assert all(p.paid_on < quarter_start(quarter_of(today)) for p in paid)
    assert len({p.partner_id for p in paid}) == 8 < len(paid)  # key partners: a year of it
    this = quarter_of(today)
    lapsed = [r for r in overview.requests if r.quarter < this and r.status is MdfStatus.REQUESTED]
    assert lapsed, "asked for, never decided, and the quarter ended under it"
