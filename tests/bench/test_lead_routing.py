"""Benchmark: a routing run and the lead board, as ratios to reading their rows through Core.

Run on demand: ``pytest tests/bench/test_lead_routing.py -s``.

Goals:
- routing 20,000 new leads over 2,000 partners with 50,000 past assignments (dry run, and the run
  written then rolled back) ≤ 3× reading those leads, partners and assignments through
  SQLAlchemy Core;
- the board over 200,000 assignments ≤ 3× reading those assignments through Core.

Each figure is timed by turns with its baseline (``paired_ratio``), so a burst of load on the
shared machine slows both sides alike.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Table, insert, select

from app.db.engine import Database, open_database
from app.db.models import (
    Account,
    Claim,
    Contact,
    Course,
    Partner,
    ProductFamily,
    Tier,
    TrainingRecord,
)
from app.db.models.leads import Lead, LeadAssignment
from app.domain.names import name_key
from app.services.leads.board import lead_board
from app.services.leads.routing import route_leads
from tests.bench.timing import paired_ratio, report

D = date(2026, 11, 20)
COUNTRIES = ["DE", "FR", "GB", "US", "NL", "IT", "ES", "AT", "CH", "BE", "SE", "DK", "NO", "FI",
             "PL", "CZ", "PT", "IE", "JP", "AU"]  # fmt: skip
OUTCOMES = ["open", "accepted", "declined", "expired", "converted", "lost"]
GRADES = ["A", "B", "C", "D", None]


def _table(model: type[Any]) -> Table:
    return model.__table__  # type: ignore[no-any-return]


def _ago(days: int) -> date:
    return D - timedelta(days=days)


def build(db: Database, partners: int, new_leads: int, past: int, seed: int = 7) -> None:
    """A world of ``partners`` partners, ``new_leads`` new leads and ``past`` past assignments."""
    rnd = random.Random(seed)
    with db.transaction(bulk=True) as s:
        c = s.connection()
        tiers = [t for (t,) in s.execute(select(Tier.id))]
        c.execute(insert(_table(ProductFamily)), [
            {"code": f"F{i}", "name": f"Family {i}", "version": 1} for i in range(4)
        ])  # fmt: skip
        families = [f for (f,) in s.execute(select(ProductFamily.id))]
        c.execute(insert(_table(Course)), [
            {"code": f"C{i}", "title": f"Course {i}", "family_id": f, "certifies": True,
             "valid_months": 24, "version": 1}
            for i, f in enumerate(families)
        ])  # fmt: skip
        courses = [k for (k,) in s.execute(select(Course.id))]
        c.execute(insert(_table(Partner)), [
            {"partner_code": f"P-{i:05d}", "name": f"Partner {i}", "name_key": f"partner {i}",
             "type": "reseller", "status": "active" if i % 10 else "suspended",
             "tier_id": tiers[i % len(tiers)], "country": COUNTRIES[i % 20],
             "territories": ";".join(sorted({COUNTRIES[i % 20], COUNTRIES[(i * 7) % 20]})),
             "version": 1}
            for i in range(partners)
        ])  # fmt: skip
        partner_ids = [p for (p,) in s.execute(select(Partner.id))]
        c.execute(insert(_table(Contact)), [
            {"partner_id": p, "name": f"Seller {p}", "role": "sales", "active": True, "version": 1}
            for p in partner_ids
        ])  # fmt: skip
        contacts = [k for (k,) in s.execute(select(Contact.id))]
        c.execute(insert(_table(TrainingRecord)), [
            {"contact_id": k, "course_id": courses[(n + j) % 4], "passed": True,
             "completed_on": _ago(rnd.randint(0, 900)), "valid_until": None, "version": 1}
            for n, k in enumerate(contacts) for j in range(2)
        ])  # fmt: skip
        c.execute(insert(_table(Account)), [
            {"name": f"Company {i}", "name_key": name_key(f"Company {i}"),
             "domain": f"company{i}.example", "country": COUNTRIES[i % 20],
             "named_account": i % 50 == 0, "version": 1}
            for i in range(5_000)
        ])  # fmt: skip
        accounts = [a for (a,) in s.execute(select(Account.id))]
        c.execute(insert(_table(Claim)), [
            {"account_id": accounts[i * 5], "partner_id": partner_ids[i % partners],
             "claimed_on": _ago(30), "valid_until": _ago(-60), "status": "approved",
             "commission_pct": 0, "version": 1}
            for i in range(1_000)
        ])  # fmt: skip
        old = max(1, past // 2)
        lead_rows = []
        for i in range(new_leads + old):
            is_new = i < new_leads
            company = f"Company {i}" if i % 10 == 0 else f"Prospect {i}"
            lead_rows.append({
                "lead_code": f"L-{i:07d}", "company": company, "name_key": name_key(company),
                "domain": f"company{i}.example" if i % 10 == 0 else None,
                "country": COUNTRIES[rnd.randrange(20)],
                "family_id": families[i % 4] if i % 3 == 0 else None,
                "grade": GRADES[i % 5], "created_on": _ago(rnd.randint(0, 60)),
                "status": "new" if is_new else "accepted", "version": 1,
            })  # fmt: skip
        c.execute(insert(_table(Lead)), lead_rows)
        old_leads = [k for (k,) in s.execute(select(Lead.id).where(Lead.status == "accepted"))]
        rows = []
        for n in range(past):
            outcome = OUTCOMES[n % 6]
            assigned = _ago(rnd.randint(0, 150))
            if outcome == "open" and assigned < _ago(5):
                outcome = "expired"  # earlier runs expired what waited too long
            accepted = assigned if outcome in ("accepted", "converted", "lost") else None
            ended = None if outcome in ("open", "accepted") else assigned + timedelta(days=4)
            rows.append({
                "lead_id": old_leads[n % len(old_leads)],
                "partner_id": partner_ids[rnd.randrange(partners)],
                "assigned_on": assigned, "grade": GRADES[n % 5], "reason": "load 1/2",
                "outcome": outcome, "accepted_on": accepted, "ended_on": ended, "version": 1,
            })  # fmt: skip
        c.execute(insert(_table(LeadAssignment)), rows)


def _core_read(db: Database, statements: list[Any]) -> Callable[[], int]:
    def read() -> int:
        with db.reading() as s:
            return sum(len(s.execute(statement).all()) for statement in statements)

    return read


@pytest.fixture(scope="module")
def routing_db(tmp_path_factory: pytest.TempPathFactory) -> Any:
    db = open_database(tmp_path_factory.mktemp("routing") / "routing.sqlite")
    build(db, partners=2_000, new_leads=20_000, past=50_000)
    yield db
    db.dispose()


def test_routing_20000_leads_over_2000_partners(routing_db: Database) -> None:
    db = routing_db
    baseline = _core_read(db, [
        select(_table(Lead)).where(Lead.status == "new"),
        select(_table(Partner)),
        select(_table(LeadAssignment)),
    ])  # fmt: skip

    def dry() -> None:
        with db.reading() as s:
            run = route_leads(s, D, dry_run=True)
        assert len(run.assigned) > 10_000  # D and ungraded leads go to nurture

    def written() -> None:
        session = db.sessions()
        try:
            route_leads(session, D, dry_run=False)
            session.flush()
        finally:
            session.rollback()
            session.close()

    base, work, ratio = paired_ratio(dry, baseline, repeat=3)
    report("routing, dry run", {"core read s": base, "routing s": work, "ratio": ratio})
    base_w, work_w, ratio_w = paired_ratio(written, baseline, repeat=3)
    report("routing, written", {"core read s": base_w, "routing s": work_w, "ratio": ratio_w})
    assert ratio <= 3.0
    assert ratio_w <= 3.0


def test_board_over_200000_assignments(tmp_path: Path) -> None:
    db = open_database(tmp_path / "board.sqlite")
    try:
        build(db, partners=2_000, new_leads=0, past=200_000)
        baseline = _core_read(db, [select(_table(LeadAssignment))])

        def board() -> None:
            with db.reading() as s:
                assert len(lead_board(s, D).rows) > 1_000

        base, work, ratio = paired_ratio(board, baseline, repeat=3)
        report("board", {"core read s": base, "board s": work, "ratio": ratio})
        assert ratio <= 3.0
    finally:
        db.dispose()
