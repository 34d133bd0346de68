"""``leads route [--on DATE] [--dry-run] [--format table|json]`` (SPEC.md, "Command line").

The run is written in one transaction; ``--dry-run`` shows the same run and writes nothing. The
JSON is exactly SPEC's, for scripts; the table says what happened to each lead and why.
"""

from __future__ import annotations

import argparse
import json
import logging
from dataclasses import dataclass
from datetime import date
from typing import Any

from app.cli.common import database, option_date
from app.cli.text_table import render_rows
from app.domain.columns import Column
from app.domain.leads.routing import RoutingRun
from app.services.leads.routing import route_leads

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class _Line:
    lead: str
    outcome: str
    reason: str


_COLUMNS: tuple[Column[_Line], ...] = (
    Column("lead", "Lead", lambda r: r.lead),
    Column("outcome", "Goes to", lambda r: r.outcome),
    Column("reason", "Why", lambda r: r.reason),
)


def run(args: argparse.Namespace) -> int:
    on = option_date(args.on, "--on") or date.today()
    db = database(args)
    try:
        if args.dry_run:
            with db.reading() as session:
                result = route_leads(session, on, dry_run=True)
        else:
            with db.transaction() as session:
                result = route_leads(session, on, dry_run=False)
    finally:
        db.dispose()
    if not args.dry_run:
        log.info(
            "routed on %s: %d assigned, %d expired, %d nurture, %d unroutable",
            on.isoformat(), len(result.assigned), len(result.expired), len(result.nurture),
            len(result.unroutable),
        )  # fmt: skip
    if args.format == "json":
        print(json.dumps(route_json(result), ensure_ascii=False, indent=2))
    else:
        print(route_table(result, args.dry_run))
    return 0


def route_json(result: RoutingRun) -> dict[str, Any]:
    """SPEC's JSON of a run: expired Lead IDs, assignments, nurture, unroutable."""
    return {
        "on": result.on.isoformat(),
        "expired": [e.lead for e in result.expired],
        "assigned": [{"lead": a.lead, "to": a.to, "reason": a.reason} for a in result.assigned],
        "nurture": list(result.nurture),
        "unroutable": [{"lead": u.lead, "reason": u.reason} for u in result.unroutable],
    }


def route_table(result: RoutingRun, dry_run: bool) -> str:
    """A summary line, then one line per lead the run touched, in the order it decided."""
    head = f"Routing on {result.on.isoformat()}"
    if dry_run:
        head += " (dry run: nothing was written)"
    counts = (
        f"{len(result.assigned)} assigned, {len(result.expired)} expired, "
        f"{len(result.nurture)} to nurture, {len(result.unroutable)} unroutable"
    )
    lines = [
        _Line(e.lead, "expired", f"not accepted in time by {e.recipient}") for e in result.expired
    ]
    lines += [_Line(a.lead, a.to, a.reason) for a in result.assigned]
    lines += [_Line(code, "nurture", "its grade's route") for code in result.nurture]
    lines += [_Line(u.lead, "unroutable", u.reason) for u in result.unroutable]
    if not lines:
        return f"{head}: no lead to route."
    return f"{head}: {counts}.\n\n{render_rows(lines, _COLUMNS)}"
