"""A routing run as the Route preview shows it: one row per lead it touches, what happens to the
lead and why, with its company and grade beside the Lead ID so the person recognises it.

The run itself is ``app.services.leads.routing.route_leads`` (its dry run writes nothing); this
module reads it in the same session and lays it out, so the preview lists exactly what the run
would do, in the order the run decided it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models.leads import Lead
from app.domain.columns import Column
from app.domain.leads.routing import RoutingRun
from app.domain.progress import CancelledByUser
from app.services.gc_pause import gc_paused
from app.services.leads.routing import route_leads

EXPIRED, ASSIGNED, NURTURE, UNROUTABLE = "expired", "assigned", "nurture", "unroutable"


@dataclass(frozen=True, slots=True)
class RouteLine:
    lead: str
    company: str
    grade: str | None
    what: str  # expired, assigned, nurture, unroutable
    to: str | None  # the recipient (assigned), or whom it expired with
    reason: str


ROUTE_COLUMNS: tuple[Column[RouteLine], ...] = (
    Column("lead", "Lead ID", lambda r: r.lead, width=11),
    Column("company", "Company", lambda r: r.company, width=24),
    Column("grade", "Grade", lambda r: r.grade or "none", width=5),
    Column("what", "What happens", lambda r: r.what, width=11),
    Column("to", "To", lambda r: r.to, width=10),
    Column("reason", "Why", lambda r: r.reason, width=30),
)


@dataclass(frozen=True, slots=True)
class RoutePlan:
    """A run (or its dry run) on ``on``, line by line, with the count of each outcome."""

    on: date
    lines: tuple[RouteLine, ...]
    counts: dict[str, int]
    dry_run: bool

    def summary(self) -> str:
        c = self.counts
        return (
            f"{c.get(ASSIGNED, 0):,} assigned · {c.get(EXPIRED, 0):,} expired · "
            f"{c.get(NURTURE, 0):,} to nurture · {c.get(UNROUTABLE, 0):,} unroutable"
        )

    def same_as(self, other: RoutePlan) -> bool:
        """Whether ``other`` does the same things (a run checked against its preview)."""
        keys = [(line.lead, line.what, line.to, line.reason) for line in self.lines]
        return keys == [(line.lead, line.what, line.to, line.reason) for line in other.lines]


def plan_of(session: Session, run: RoutingRun, dry_run: bool) -> RoutePlan:
    """Lay ``run`` out line by line, in the order it decided (expiries first)."""
    leads = {
        code: (company, grade)
        for code, company, grade in session.execute(
            select(Lead.lead_code, Lead.company, Lead.grade)
        )
    }

    def line(code: str, what: str, to: str | None, reason: str) -> RouteLine:
        company, grade = leads.get(code, ("", None))
        return RouteLine(code, company, grade, what, to, reason)

    lines = [line(e.lead, EXPIRED, e.recipient, "not accepted in time") for e in run.expired]
    lines += [line(a.lead, ASSIGNED, a.to, a.reason) for a in run.assigned]
    lines += [
        line(code, NURTURE, None, f"grade {leads.get(code, ('', None))[1] or 'none'}: nurture")
        for code in run.nurture
    ]
    lines += [line(u.lead, UNROUTABLE, None, u.reason) for u in run.unroutable]
    counts = Counter(item.what for item in lines)
    return RoutePlan(run.on, tuple(lines), dict(counts), dry_run)


@gc_paused()  # a run over thousands of leads; see gc_pause
def preview_route(session: Session, on: date) -> RoutePlan:
    """What a run on ``on`` would do; nothing is written."""
    return plan_of(session, route_leads(session, on, dry_run=True), True)


@gc_paused()  # the same run, written
def run_route(session: Session, on: date, cancelled: Callable[[], bool] | None = None) -> RoutePlan:
    """Route on ``on`` in the caller's transaction. ``cancelled()`` is asked once the run is
    worked out and before it is committed: a cancel then raises ``CancelledByUser``, so the
    caller's transaction rolls everything back."""
    plan = plan_of(session, route_leads(session, on, dry_run=False), False)
    if cancelled is not None and cancelled():
        raise CancelledByUser()
    return plan
