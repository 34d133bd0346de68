"""Demo data: a believable, deterministic world for a new user, a screenshot or a benchmark.

Everything comes from one ``random.Random(seed)`` and every date is relative to ``today``, so the
same seed and day always give the same database, while "expiring soon" and "live claim" stay
meaningful whenever the demo is generated. The vocabulary lives in ``demo_world``.

The world is shaped to exercise every screen: all tiers, types, statuses and stages; valid,
expiring and expired certifications; deliberately overlapping claims (same account, near-duplicate
accounts, partner against direct team) next to look-alikes that must *not* overlap; and quotes
priced by SPEC.md's rules so every figure reconciles.

This module is the public entry point and runs the steps in order; each step lives in its own
module: ``demo_catalog`` (settings, price book), ``demo_partners`` (tiers, courses, partners,
contacts, training), ``demo_accounts`` (reps, accounts, claims), ``demo_deals`` and
``demo_quotes``, then leads, the key partners' year (``demo.keys``, ``demo.history``,
``demo.certified``, ``demo.accepted``), funds and the program, sharing a
``demo_state.DemoState``. The order matters: it fixes the draws from the one random generator,
and so the world; the steps from the key partners' year on draw from generators of their own.
Rows nothing refers to are kept aside and written a kind at a time (``DemoState.later``).
"""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import Partner
from app.services.demo.accepted import add_accepted_quotes
from app.services.demo.accounts import add_accounts, add_claims, add_reps
from app.services.demo.catalog import add_catalogue, add_settings
from app.services.demo.certified import add_certifications, uncovered_family
from app.services.demo.deals import add_deals
from app.services.demo.history import add_history
from app.services.demo.leads import add_leads
from app.services.demo.mdf import add_mdf
from app.services.demo.partners import add_contacts, add_courses, add_partners, add_tiers
from app.services.demo.program import add_program
from app.services.demo.quotes import add_quotes
from app.services.demo.state import DemoState

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DemoSummary:
    partners: int
    contacts: int
    training_records: int
    accounts: int
    claims: int
    deals: int
    quotes: int
    courses: int = 0
    products: int = 0
    prices: int = 0
    direct_reps: int = 0
    quote_revisions: int = 0
    leads: int = 0
    #: The key partners' (part in the story, Partner ID), see ``demo.keys``.
    key_partners: tuple[tuple[str, str], ...] = ()


def partner_count(session: Session) -> int:
    """How many partners the database holds: the demo refuses to mix into real data by default."""
    return int(session.scalar(select(func.count()).select_from(Partner)) or 0)


def generate_demo(session: Session, *, today: date | None = None, seed: int = 2026) -> DemoSummary:
    """Fill an empty database with the demo world; deterministic for a given ``today``.

    Into a database that already has data (``demo --force``) it adds without breaking unique
    keys: partner codes and quote numbers continue after the highest ones, and tiers, settings,
    the catalogue, courses and reps that exist are reused, never overwritten. Never commits: the
    caller owns the transaction.
    """
    state = DemoState(session, random.Random(seed), today or date.today())
    summary = _build(state)
    log.info("demo world generated (seed %s, today %s): %s", seed, state.today, summary)
    return summary


def _build(state: DemoState) -> DemoSummary:
    """Run every step in its fixed order, each using what the previous ones made."""
    add_settings(state)
    add_tiers(state)
    add_catalogue(state)
    add_courses(state)
    add_reps(state)
    add_partners(state)
    for partner in state.partners:
        add_contacts(state, partner)
    add_accounts(state)
    add_claims(state)
    add_deals(state)
    state.write_later()
    add_quotes(state)
    state.session.flush()
    leads = add_leads(state)
    uncovered = uncovered_family(state)  # the key partners' year: their own generators
    won = add_history(state, uncovered)
    state.write_later()
    add_certifications(state, uncovered)
    add_accepted_quotes(state, won)
    add_mdf(state)  # its own random generator: the world before it stays as it was
    add_program(state)  # so has this one
    return DemoSummary(
        partners=len(state.partners),
        contacts=len(state.contacts),
        training_records=state.counts["training"],
        accounts=len(state.accounts),
        claims=len(state.claims),
        deals=len(state.deals),
        quotes=len({id(r.quote) for r in state.revisions}),
        courses=state.counts["courses"],
        products=state.counts["products"],
        prices=state.counts["prices"],
        direct_reps=state.counts["reps"],
        quote_revisions=len(state.revisions),
        leads=leads,
        key_partners=tuple(
            (role, partner.partner_code or partner.name) for role, partner in state.keys.items()
        ),
    )
