"""A routing run on a stored world, on SQLite and PostgreSQL: what it decides, what it writes,
and that a dry run writes nothing."""

from __future__ import annotations

from sqlalchemy import func, select

from app.db.engine import Database
from app.db.models import Partner
from app.db.models.leads import Lead, LeadAssignment
from app.services.leads.routing import route_leads
from tests.support.routing_world import EXPECTED_ASSIGNED, D, build_routing_world


def _state(db: Database) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    with db.reading() as s:
        leads = s.execute(
            select(Lead.lead_code, Lead.status, Lead.status_reason, Lead.nurture_grade).order_by(
                Lead.lead_code
            )
        ).all()
        assignments = s.execute(
            select(
                Lead.lead_code, Partner.partner_code, LeadAssignment.assigned_on,
                LeadAssignment.reason, LeadAssignment.outcome, LeadAssignment.accepted_on,
                LeadAssignment.ended_on, LeadAssignment.grade,
            )
            .join(Lead, Lead.id == LeadAssignment.lead_id)
            .outerjoin(Partner, Partner.id == LeadAssignment.partner_id)
            .order_by(LeadAssignment.id)
        ).all()  # fmt: skip
    return [tuple(r) for r in leads], [tuple(r) for r in assignments]


def test_a_run_decides_as_the_rules_say_and_a_dry_run_writes_nothing(any_db: Database) -> None:
    build_routing_world(any_db)
    before = _state(any_db)
    with any_db.transaction() as s:
        preview = route_leads(s, D, dry_run=True)
    assert _state(any_db) == before
    assert [(a.lead, a.to, a.reason) for a in preview.assigned] == EXPECTED_ASSIGNED
    assert [e.lead for e in preview.expired] == ["L-007"]
    assert preview.nurture == ("L-005",)
    assert [(u.lead, u.reason) for u in preview.unroutable] == [
        ("L-006", "no eligible partner in ES")
    ]

    with any_db.transaction() as s:
        run = route_leads(s, D, dry_run=False)
    assert run == preview
    leads, assignments = _state(any_db)
    assert leads == [
        ("L-001", "accepted", None, None),
        ("L-002", "assigned", None, None),
        ("L-003", "assigned", None, None),
        ("L-004", "assigned", None, None),
        ("L-005", "nurture", None, "D"),
        ("L-006", "unroutable", "no eligible partner in ES", None),
        ("L-007", "assigned", None, None),
        ("L-008", "new", None, None),
    ]
    assert assignments[0][4] == "expired" and assignments[0][6] == D
    made = [(lead, to or "Direct", reason) for lead, to, _, reason, *_ in assignments[1:]]
    assert made == EXPECTED_ASSIGNED
    direct = assignments[2]
    assert (direct[4], direct[5]) == ("accepted", D)  # Direct counts as accepted that day
    assert [a[7] for a in assignments[1:]] == ["B", "A", "C", "B", "B"]


def test_a_second_run_the_same_day_changes_nothing_more(any_db: Database) -> None:
    build_routing_world(any_db)
    with any_db.transaction() as s:
        route_leads(s, D, dry_run=False)
    after_first = _state(any_db)
    with any_db.transaction() as s:
        again = route_leads(s, D, dry_run=False)
    assert again.assigned == () and again.expired == () and again.nurture == ()
    assert [u.lead for u in again.unroutable] == ["L-006"]
    assert _state(any_db)[1] == after_first[1]
    with any_db.reading() as s:
        assert s.scalar(select(func.count()).select_from(LeadAssignment)) == 6
