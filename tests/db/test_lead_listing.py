"""The leads list and a lead's history as the leads page reads them: who holds each lead now,
by when a partner must accept, which leads went quiet, and every filter of the page."""

from __future__ import annotations

from datetime import timedelta

from app.db.engine import Database
from app.domain.enums import AssignmentOutcome, LeadStatus
from app.services.leads.board import lead_board
from app.services.leads.listing import (
    LeadQuery,
    lead_assignments,
    lead_choices,
    list_leads,
)
from tests.support.lead_world import add_lead_world
from tests.support.sample_records import TODAY


def codes(db: Database, query: LeadQuery) -> list[str]:
    with db.reading() as session:
        return sorted(r.lead_code for r in list_leads(session, query, TODAY))


def test_each_lead_says_who_holds_it_and_by_when(any_db: Database) -> None:
    add_lead_world(any_db, TODAY)
    with any_db.reading() as session:
        rows = {r.lead_code: r for r in list_leads(session, LeadQuery(), TODAY)}
    assert len(rows) == 7
    assert (rows["L-001"].recipient, rows["L-001"].recipient_name) == ("Direct", "Direct team")
    assert rows["L-001"].answer_by is None and rows["L-001"].quiet
    blue = rows["L-002"]
    assert (blue.recipient, blue.assigned_on) == ("P-001", TODAY - timedelta(days=1))
    assert blue.answer_by == TODAY + timedelta(days=2)  # assigned on + 3 acceptance days
    assert not blue.quiet
    assert rows["L-003"].recipient is None  # declined: back with nobody
    assert rows["L-003"].status_reason == "quality"
    assert rows["L-004"].recipient == "P-001" and not rows["L-004"].quiet  # converted
    assert rows["L-005"].recipient is None and rows["L-005"].status is LeadStatus.NURTURE
    assert rows["L-007"].recipient == "P-002" and rows["L-007"].quiet  # the second assignment


def test_every_filter_of_the_page(any_db: Database) -> None:
    world = add_lead_world(any_db, TODAY)
    assert codes(any_db, LeadQuery(status=LeadStatus.ACCEPTED)) == ["L-001", "L-007"]
    assert codes(any_db, LeadQuery(grade="A")) == ["L-001", "L-007"]
    assert codes(any_db, LeadQuery(grade="none")) == ["L-006"]
    assert codes(any_db, LeadQuery(recipient="Direct")) == ["L-001"]
    assert codes(any_db, LeadQuery(recipient=world.partners["P-001"])) == ["L-002", "L-004"]
    assert codes(any_db, LeadQuery(campaign="Trade show")) == ["L-002", "L-005"]
    assert codes(any_db, LeadQuery(country="US")) == ["L-003", "L-007"]
    assert codes(any_db, LeadQuery(text="margie")) == ["L-007"]
    assert codes(any_db, LeadQuery(text="contoso")) == ["L-007"]  # the recipient's name
    assert codes(any_db, LeadQuery(quiet=True)) == ["L-001", "L-007"]
    assert codes(any_db, LeadQuery(codes=frozenset({"L-002", "L-009"}))) == ["L-002"]
    assert codes(any_db, LeadQuery(grade="A", country="DE")) == ["L-001"]


def test_a_leads_history_lists_every_assignment_and_how_it_ended(any_db: Database) -> None:
    world = add_lead_world(any_db, TODAY)
    with any_db.reading() as session:
        history = lead_assignments(session, world.leads["L-007"])
        choices = lead_choices(session)
    assert [(h.recipient, h.outcome, h.reason) for h in history] == [
        ("P-001", AssignmentOutcome.EXPIRED, "load 2/3"),
        ("P-002", AssignmentOutcome.ACCEPTED, "load 1/1"),
    ]
    assert history[0].ended_on == TODAY - timedelta(days=25)
    assert history[1].accepted_on == TODAY - timedelta(days=20)
    assert choices.campaigns == ("Spring webinar", "Trade show")
    assert choices.countries == ("DE", "FR", "US")
    assert [key for _text, key in choices.recipients] == [
        "Direct", world.partners["P-001"], world.partners["P-002"],
    ]  # fmt: skip


def test_the_lists_quiet_leads_are_the_boards_on_the_demo_data(demo_db: Database) -> None:
    """Two readings of "quiet" (the list's, lead by lead, and the board's count per recipient)
    give the same leads on the demo world, where some partners let their leads go quiet."""
    with demo_db.reading() as session:
        quiet = list_leads(session, LeadQuery(quiet=True), TODAY)
        board = lead_board(session, TODAY)
    by_board = sorted(code for row in board.rows for code in row.quiet_leads)
    assert len(by_board) > 5  # the demo tells that story
    assert sorted(r.lead_code for r in quiet) == by_board
    assert all(r.quiet for r in quiet)
