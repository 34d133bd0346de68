"""The lead board as of a day, read from the stored assignments in one Core query.

The figures are ``app.domain.leads.board``'s; this module reads the assignments made up to the
day (from ``since`` when given), the counts of leads in nurture and unroutable, and the rules'
deadlines, and hands them over.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import Partner
from app.db.models.leads import Lead, LeadAssignment
from app.domain.enums import LeadStatus
from app.domain.leads.board import Board, build_board
from app.domain.leads.rules import DIRECT
from app.domain.leads.world import PastAssignment
from app.services.leads.rules import read_lead_rules


def lead_board(session: Session, on: date, since: date | None = None) -> Board:
    """The board of SPEC.md as of ``on``, over the assignments made on or after ``since``."""
    rules = read_lead_rules(session)
    query = (
        select(
            Lead.lead_code,
            LeadAssignment.partner_id,
            func.coalesce(Partner.partner_code, Partner.name),
            LeadAssignment.assigned_on,
            LeadAssignment.outcome,
            LeadAssignment.grade,
            LeadAssignment.accepted_on,
            LeadAssignment.ended_on,
        )
        .join(Lead, Lead.id == LeadAssignment.lead_id)
        .outerjoin(Partner, Partner.id == LeadAssignment.partner_id)
        .where(LeadAssignment.assigned_on <= on)
    )
    if since is not None:
        query = query.where(LeadAssignment.assigned_on >= since)
    assignments = [
        PastAssignment(
            lead, DIRECT if partner_id is None else partner, assigned_on, str(outcome), grade,
            accepted_on, ended_on,
        )
        for lead, partner_id, partner, assigned_on, outcome, grade, accepted_on, ended_on
        in session.execute(query)
    ]  # fmt: skip
    counts = dict(
        session.execute(
            select(Lead.status, func.count())
            .where(
                Lead.status.in_((LeadStatus.NURTURE, LeadStatus.UNROUTABLE)),
                Lead.created_on <= on,
            )
            .group_by(Lead.status)
        ).all()
    )
    return build_board(
        assignments,
        on,
        rules,
        since,
        nurture=counts.get(LeadStatus.NURTURE, 0),
        unroutable=counts.get(LeadStatus.UNROUTABLE, 0),
    )
