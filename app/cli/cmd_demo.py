"""``demo``: fill a database with the believable, deterministic demo world (SPEC.md).

It refuses a database that already has partners unless ``--force`` is given: mixing invented
partners into a real partner list is hard to undo, so the safe default is a new file.
"""

from __future__ import annotations

import argparse
import logging
import time

from app.cli.common import database
from app.domain.errors import RefusedError
from app.services.demo.fill import DemoSummary, generate_demo, partner_count

log = logging.getLogger(__name__)


def run(args: argparse.Namespace) -> int:
    """Generate the demo world in one transaction and print a one-paragraph summary."""
    db = database(args)
    try:
        with db.reading() as session:
            existing = partner_count(session)
        if existing and not getattr(args, "force", False):
            noun = "partner" if existing == 1 else "partners"
            raise RefusedError(
                f"{db.label} already has {existing} {noun}; nothing was added. Give a new file "
                "with --db, or add --force to add the demo data anyway."
            )
        started = time.perf_counter()
        with db.transaction(bulk=True) as session:
            summary = generate_demo(session)
        seconds = time.perf_counter() - started
        log.info("demo data added to %s in %.2f s", db.label, seconds)
        print(describe(db.label, summary, seconds))
        return 0
    finally:
        db.dispose()


def describe(label: str, summary: DemoSummary, seconds: float) -> str:
    """The summary a person reads after ``demo``: what was added, where, and how long it took."""
    catalogue = (
        f"a price book of {summary.products} SKUs with {summary.prices} prices in EUR and USD"
        if summary.products
        else "the price book already in the database"
    )
    return (
        f"Demo data added to {label}: {summary.partners} partners with {summary.contacts} "
        f"contacts and {summary.training_records} training records, {summary.accounts} "
        f"accounts, {summary.claims} claims (some overlapping), {summary.deals} joint deals, "
        f"{summary.quotes} quotes ({summary.quote_revisions} revisions), {summary.leads} leads "
        f"with a quarter of routing history and {catalogue}; "
        f"done in {seconds:.1f} s."
    )
