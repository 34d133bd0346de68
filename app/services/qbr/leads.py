"""The leads behind a partner's line of the lead board, one row per assignment.

The board counts the assignments made to a recipient over a period and how each stood on its
day (``app.domain.leads.board.state_on``); these rows are those same assignments, judged by that
same rule, so a review pack's list of leads adds up to the board's line.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models.leads import Lead, LeadAssignment
from app.domain.leads.board import accepted_by, state_on
from app.domain.leads.world import PastAssignment
from app.services.leads.rules import read_lead_rules
from app.services.qbr.document import LeadLine


def partner_leads(session: Session, partner_id: int, start: date, on: date) -> tuple[LeadLine, ...]:
    """The assignments to the partner made from ``start`` up to ``on``, oldest first, each with
    the state the board gives it on ``on``."""
    rules = read_lead_rules(session)
    query = (
        select(
            Lead.lead_code,
            Lead.company,
            LeadAssignment.assigned_on,
            LeadAssignment.outcome,
            LeadAssignment.grade,
            LeadAssignment.accepted_on,
            LeadAssignment.ended_on,
        )
        .join(Lead, Lead.id == LeadAssignment.lead_id)
        .where(
            LeadAssignment.partner_id == partner_id,
            LeadAssignment.assigned_on >= start,
            LeadAssignment.assigned_on <= on,
        )
        .order_by(LeadAssignment.assigned_on, Lead.lead_code)
    )
    lines = []
    for code, company, assigned_on, outcome, grade, accepted_on, ended_on in session.execute(query):
        past = PastAssignment(
            code, str(partner_id), assigned_on, str(outcome), grade, accepted_on, ended_on
        )
        lines.append(
            LeadLine(
                code,
                company,
                grade,
                assigned_on,
                state_on(past, on, rules),
                accepted_by(past, on),
            )
        )
    return tuple(lines)
