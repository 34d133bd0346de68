"""A routing run on a day: read the world, apply the rules, write what they decided.

The rules are ``app.domain.leads.routing``; this module only reads their snapshot
(``app.services.leads.world``) and writes the outcome with a few Core executemany statements:
expired assignments ended, new assignments inserted, each lead's status set. A dry run returns
the same outcome and writes nothing. The caller owns the transaction, so a run is written whole
or not at all.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Table, bindparam, insert, update
from sqlalchemy.orm import Session

from app.db.models.leads import Lead, LeadAssignment
from app.domain.enums import AssignmentOutcome, LeadStatus
from app.domain.leads.routing import RoutingRun, route
from app.domain.leads.rules import DIRECT, grade_key
from app.services.importing.audit import AuditBatch
from app.services.leads.rules import read_lead_rules
from app.services.leads.world import StoredWorld, read_world

_LEAD: Table = Lead.__table__  # type: ignore[assignment]
_ASSIGNMENT: Table = LeadAssignment.__table__  # type: ignore[assignment]


def route_leads(session: Session, on: date, *, dry_run: bool) -> RoutingRun:
    """Route the unassigned leads on ``on`` (SPEC.md steps 1–5); with ``dry_run``, only say how."""
    rules = read_lead_rules(session)
    stored = read_world(session, on, rules)
    run = route(stored.world, on, rules)
    if not dry_run:
        _write(session, stored, run)
    return run


def _write(session: Session, stored: StoredWorld, run: RoutingRun) -> None:
    """Write ``run``: expiries, assignments and statuses, then one audit entry per change."""
    on = run.on
    audit = AuditBatch(session, f"lead routing on {on.isoformat()}")
    connection = session.connection()
    ended = [e.assignment_id for e in run.expired if e.assignment_id is not None]
    if ended:
        connection.execute(
            update(_ASSIGNMENT)
            .where(_ASSIGNMENT.c.id == bindparam("b_id"))
            .values(
                outcome=AssignmentOutcome.EXPIRED,
                ended_on=on,
                version=_ASSIGNMENT.c.version + 1,
            ),
            [{"b_id": i} for i in ended],
        )
        for i in ended:
            audit.updated("lead_assignment", i, {"outcome": ("open", "expired")})
    status: dict[str, dict[str, object]] = {
        e.lead: {"status": LeadStatus.EXPIRED, "status_reason": None} for e in run.expired
    }
    new_rows = []
    for a in run.assigned:
        direct = a.to == DIRECT
        new_rows.append(
            {
                "lead_id": stored.lead_ids[a.lead],
                "partner_id": None if direct else stored.partner_ids[a.to],
                "assigned_on": on,
                "grade": a.grade,
                "reason": a.reason,
                "outcome": AssignmentOutcome.ACCEPTED if direct else AssignmentOutcome.OPEN,
                "accepted_on": on if direct else None,
                "version": 1,
            }
        )
        status[a.lead] = {
            "status": LeadStatus.ACCEPTED if direct else LeadStatus.ASSIGNED,
            "status_reason": None,
        }
    grades = {lead.code: lead.grade for lead in stored.world.leads}
    for code in run.nurture:
        status[code] = {
            "status": LeadStatus.NURTURE,
            "status_reason": None,
            "nurture_grade": grade_key(grades[code]),
        }
    for u in run.unroutable:
        status[u.lead] = {"status": LeadStatus.UNROUTABLE, "status_reason": u.reason}
    if new_rows:
        ids = connection.execute(insert(_ASSIGNMENT).returning(_ASSIGNMENT.c.id), new_rows)
        audit.created("lead_assignment", sorted(ids.scalars()))
    _set_statuses(session, stored, status, audit)
    audit.write()


def _set_statuses(
    session: Session,
    stored: StoredWorld,
    status: dict[str, dict[str, object]],
    audit: AuditBatch,
) -> None:
    """Each lead's new status (and reason, nurture grade), grouped by the columns it changes."""
    was = {lead.code: lead for lead in stored.world.leads}
    groups: dict[tuple[str, ...], list[dict[str, object]]] = {}
    for code, values in status.items():
        old = was[code]
        params = {f"v_{k}": v for k, v in values.items()}
        params["b_id"] = stored.lead_ids[code]
        groups.setdefault(tuple(sorted(values)), []).append(params)
        if old.status != values["status"]:
            audit.updated("lead", stored.lead_ids[code], {"status": (old.status, values["status"])})
    for columns, rows in groups.items():
        session.connection().execute(
            update(_LEAD)
            .where(_LEAD.c.id == bindparam("b_id"))
            .values({**{c: bindparam(f"v_{c}") for c in columns}, "version": _LEAD.c.version + 1}),
            rows,
        )
