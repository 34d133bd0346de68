"""A routing run on a day: read the world, apply the rules, write what they decided.

The rules are ``app.domain.leads.routing``; this module only reads their snapshot
(``app.services.leads.world``) and writes the outcome with a few Core executemany statements:
expired assignments ended, new assignments inserted, each lead's status set. A dry run returns
the same outcome and writes nothing. The caller owns the transaction, so a run is written whole
or not at all.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import Table, insert, update
from sqlalchemy.orm import Session

from app.db.models.leads import Lead, LeadAssignment
from app.domain.enums import AssignmentOutcome, LeadStatus
from app.domain.leads.routing import RoutingRun, route
from app.domain.leads.rules import DIRECT, grade_key
from app.services.importing.audit import AuditBatch
from app.services.leads.rules import read_lead_rules
from app.services.leads.world import StoredWorld, read_world

#: A lead's new (status, status reason, nurture grade).
_Values = tuple[LeadStatus, str | None, str | None]
#: Ids per ``IN (…)``: well under SQLite's and psycopg's limits on bound parameters.
_CHUNK = 5_000

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
    """Write ``run``: expiries, assignments and statuses.

    The history records each ended assignment and, in one shared entry, the assignments made; a
    lead's status follows from its assignments, which are kept for good, so its change of status
    is not written to the history a second time (a run touches tens of thousands of leads).
    """
    on = run.on
    audit = AuditBatch(session, f"lead routing on {on.isoformat()}")
    connection = session.connection()
    ended = sorted(e.assignment_id for e in run.expired if e.assignment_id is not None)
    for chunk in _chunks(ended):
        connection.execute(
            update(_ASSIGNMENT)
            .where(_ASSIGNMENT.c.id.in_(chunk))
            .values(
                outcome=AssignmentOutcome.EXPIRED, ended_on=on, version=_ASSIGNMENT.c.version + 1
            )
        )
    for i in ended:
        audit.updated(
            "lead_assignment", i, {"outcome": ("open", "expired"), "ended_on": (None, on)}
        )
    status: dict[str, _Values] = {e.lead: (LeadStatus.EXPIRED, None, None) for e in run.expired}
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
        status[a.lead] = (LeadStatus.ACCEPTED if direct else LeadStatus.ASSIGNED, None, None)
    grades = {lead.code: lead.grade for lead in stored.world.leads}
    for code in run.nurture:
        status[code] = (LeadStatus.NURTURE, None, grade_key(grades[code]))
    for u in run.unroutable:
        status[u.lead] = (LeadStatus.UNROUTABLE, u.reason, None)
    if new_rows:
        ids = connection.execute(insert(_ASSIGNMENT).returning(_ASSIGNMENT.c.id), new_rows)
        audit.created("lead_assignment", sorted(ids.scalars()))
    _set_statuses(session, stored, status)
    audit.write()


def _set_statuses(session: Session, stored: StoredWorld, status: dict[str, _Values]) -> None:
    """Each lead's new status (and reason, nurture grade): one UPDATE … WHERE id IN (…) per set
    of values, since a run gives thousands of leads the same few."""
    groups: dict[_Values, list[int]] = defaultdict(list)
    for code, values in status.items():
        groups[values].append(stored.lead_ids[code])
    for (lead_status, reason, nurture_grade), ids in groups.items():
        for chunk in _chunks(sorted(ids)):
            session.connection().execute(
                update(_LEAD)
                .where(_LEAD.c.id.in_(chunk))
                .values(
                    status=lead_status,
                    status_reason=reason,
                    nurture_grade=nurture_grade,
                    version=_LEAD.c.version + 1,
                )
            )


def _chunks(ids: list[int]) -> list[list[int]]:
    """``ids`` in pieces small enough for any driver's limit on bound parameters."""
    return [ids[i : i + _CHUNK] for i in range(0, len(ids), _CHUNK)]
