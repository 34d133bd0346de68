"""The demo's leads: a quarter of campaign leads whose routing history tells the board's story
(the direct team was sent the A and B leads, some partners go quiet), the same every time."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.db.engine import Database
from app.db.models import Lead, LeadAssignment
from app.domain.enums import AssignmentOutcome, LeadStatus
from app.services.demo.fill import generate_demo
from app.services.leads.board import lead_board

TODAY = date(2026, 3, 15)


@pytest.fixture
def demo(any_db: Database) -> Database:
    with any_db.transaction() as session:
        summary = generate_demo(session, today=TODAY)
    assert summary.leads == 360
    return any_db


def test_every_status_and_outcome_of_a_lead_appears(demo: Database) -> None:
    with demo.reading() as session:
        statuses = Counter(session.scalars(select(Lead.status)))
        outcomes = Counter(session.scalars(select(LeadAssignment.outcome)))
        created = list(session.scalars(select(Lead.created_on)))
        reasons = set(session.scalars(select(LeadAssignment.reason)))
    assert set(statuses) >= {
        LeadStatus.NEW, LeadStatus.ACCEPTED, LeadStatus.NURTURE, LeadStatus.UNROUTABLE,
        LeadStatus.CONVERTED, LeadStatus.LOST,
    }  # fmt: skip
    assert set(outcomes) == set(AssignmentOutcome)
    assert min(created) >= TODAY - timedelta(days=91) and max(created) <= TODAY
    assert statuses[LeadStatus.NEW] >= 10  # the last week's leads wait for the first Route
    assert {"grade A", "grade B"} <= reasons  # the old practice sent them to the direct team
    assert any(reason.startswith("load ") for reason in reasons)


def test_the_board_shows_the_skew_and_the_quiet_partners(demo: Database) -> None:
    with demo.reading() as session:
        board = lead_board(session, TODAY)
    direct = board.rows[0]
    assert direct.recipient == "Direct"
    assert direct.received["A"] + direct.received["B"] >= 0.8 * direct.received["all"]
    partners = board.rows[1:]
    assert len(partners) >= 20
    assert board.grade_skew is not None and board.grade_skew < 1  # partners got fewer A and B
    assert sum(row.quiet for row in partners) >= 10
    assert any(row.expired for row in partners) and any(row.declined for row in partners)
    assert board.nurture > 0 and board.unroutable > 0
    assert direct.conversion_rate is not None
    partner_rate = sum(r.converted for r in partners) / sum(r.received["all"] for r in partners)
    assert direct.conversion_rate > partner_rate  # the raw figure that starts the argument


def test_the_demo_leads_are_the_same_every_time(sqlite_db: Database, postgres_db: Database) -> None:
    found = []
    for db in (sqlite_db, postgres_db):
        with db.transaction() as session:
            generate_demo(session, today=TODAY)
        with db.reading() as session:
            found.append(
                session.execute(
                    select(Lead.lead_code, Lead.company, Lead.grade, Lead.status,
                           LeadAssignment.assigned_on, LeadAssignment.outcome)
                    .outerjoin(LeadAssignment, LeadAssignment.lead_id == Lead.id)
                    .order_by(Lead.lead_code, LeadAssignment.id)
                ).all()
            )  # fmt: skip
    assert found[0] == found[1]
