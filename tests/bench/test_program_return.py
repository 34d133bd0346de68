"""Benchmark: the return report over 5,000 partners, 200,000 won deals (300,000 partner parties)
and 100,000 spend items, as a ratio to reading those rows through SQLAlchemy Core in the same run.

Run on demand: ``pytest tests/bench/test_program_return.py -s``.

Figure: *return report* (``return_report``: the rows read set-based, every amount converted once,
rebates accrued per partner and quarter, summed per partner and program) against *Core read*
(the same columns of the same rows fetched with ``session.execute(select(...)).all()`` and
nothing done with them). SPEC's budget: at most 3×.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import (
    Account,
    Deal,
    DealParty,
    FxRate,
    Partner,
    RebateThreshold,
    SpendItem,
)
from app.domain.enums import DealStage, PartyRole, SpendProgram
from app.services.program.returns import return_report
from tests.bench.timing import paired_ratio, report

PARTNERS, DEALS, SPEND = 5_000, 200_000, 100_000
START, END = date(2026, 1, 1), date(2026, 12, 31)
CURRENCIES = ("EUR", "EUR", "USD", "GBP", "JPY")


def _fill(db: Database) -> None:
    rng = random.Random(7)
    with db.transaction() as s:
        s.execute(insert(Partner), [
            {"id": i, "partner_code": f"P-{i:05d}", "name": f"Partner {i}",
             "name_key": f"partner {i}"}
            for i in range(1, PARTNERS + 1)
        ])  # fmt: skip
        s.execute(insert(Account), [{"id": 1, "name": "Fabrikam", "name_key": "fabrikam"}])
        s.execute(insert(FxRate), [
            {"currency": c, "into_currency": "EUR", "rate": Decimal(r), "effective_from": d}
            for c, r in (("USD", "0.9"), ("GBP", "1.17"))
            for d in (date(2025, 1, 1), date(2026, 4, 1), date(2026, 9, 15))
        ])  # fmt: skip
        s.execute(insert(RebateThreshold), [
            {"rule": "Growth", "threshold": Decimal(t), "percent": Decimal(p)}
            for t, p in (("10000", "1"), ("50000", "2"), ("150000", "3"))
        ])  # fmt: skip
        deals, parties = [], []
        for i in range(1, DEALS + 1):
            currency = rng.choice(CURRENCIES)
            amount = Decimal(rng.randrange(100, 10_000_000)).scaleb(-2 if currency != "JPY" else 0)
            deals.append({
                "id": i, "deal_code": f"D-{i}", "name": f"Deal {i}", "account_id": 1,
                "stage": DealStage.WON, "amount": amount, "currency": currency,
                "closed_on": START + timedelta(days=rng.randrange(365)),
            })  # fmt: skip
            registering = rng.randrange(1, PARTNERS + 1)
            parties.append({"deal_id": i, "partner_id": registering,
                            "role": PartyRole.REGISTERING_PARTNER})  # fmt: skip
            if i % 2:
                parties.append({"deal_id": i, "partner_id": rng.randrange(1, PARTNERS + 1),
                                "role": PartyRole.INFLUENCER})  # fmt: skip
        s.execute(insert(Deal), deals)
        s.execute(insert(DealParty), parties)
        programs = list(SpendProgram)
        s.execute(insert(SpendItem), [
            {"partner_id": rng.randrange(1, PARTNERS + 1) if i % 10 else None,
             "program": rng.choice(programs),
             "spent_on": START + timedelta(days=rng.randrange(365)),
             "amount": Decimal(rng.randrange(100, 1_000_000)).scaleb(-2),
             "currency": rng.choice(("EUR", "USD", "GBP")), "description": f"Item {i}"}
            for i in range(SPEND)
        ])  # fmt: skip


def _core_read(session: Session) -> int:
    """The rows the report needs, fetched through Core and not otherwise used."""
    rows = session.execute(select(Partner.id, Partner.partner_code, Partner.name)).all()
    won = (Deal.stage == DealStage.WON, Deal.closed_on.between(START, END))
    rows += session.execute(
        select(DealParty.deal_id, DealParty.partner_id, DealParty.role)
        .join(Deal, DealParty.deal_id == Deal.id).where(*won)
    ).all()  # fmt: skip
    rows += session.execute(
        select(Deal.id, Deal.deal_code, Deal.name, Deal.closed_on, Deal.amount, Deal.currency)
        .where(*won)
    ).all()  # fmt: skip
    rows += session.execute(
        select(SpendItem.partner_id, SpendItem.program, SpendItem.spent_on, SpendItem.amount,
               SpendItem.currency, SpendItem.description)
        .where(SpendItem.spent_on.between(START, END))
    ).all()  # fmt: skip
    return len(rows)


def test_return_report_within_three_times_a_core_read(sqlite_db: Database) -> None:
    _fill(sqlite_db)
    with sqlite_db.reading() as session:
        assert _core_read(session) == PARTNERS + DEALS + DEALS // 2 + DEALS + SPEND
        first = return_report(session, START, END)
        assert len(first.partners) == PARTNERS and first.not_converted
        base, work, ratio = paired_ratio(
            lambda: return_report(session, START, END), lambda: _core_read(session), repeat=3
        )
    report("program return", {"core read s": base, "return report s": work, "ratio": ratio})
    assert ratio <= 3.0
