"""Quotes the key partners' customers accepted (``demo.keys``): on Cloud Backup deals won last
quarter and this one, so the SPIF rule (``demo.program``) pays on them. Each is priced and frozen
by the quote engine as the other demo quotes are, issued, then accepted a few days later, while it
was on offer. Only deals in a currency of the price book get one. The one that costs nothing
gets none. Its draws come from a generator of its own, so the steps before it keep their world.
"""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

from sqlalchemy import func, select

from app.db.models import Deal, Quote
from app.domain.enums import QuoteStatus
from app.domain.quarters import quarter_of, quarter_start
from app.services.demo import world
from app.services.demo.quotes import add_revision
from app.services.demo.state import DemoState

#: The SKUs of a Cloud Backup quote, per server.
_SKUS = ("CD-100", "CD-101")
_ROLES = ("star", "steady", "quiet", "spender")


def add_accepted_quotes(
    state: DemoState, won: dict[tuple[str, int], list[tuple[Deal, str]]]
) -> int:
    """An accepted quote on each key partner's Cloud Backup deal won in the last two quarters;
    how many were made."""
    rng = random.Random(state.today.toordinal() + 80)
    year = state.today.year
    sequence = state.session.scalar(select(func.max(Quote.sequence)).where(Quote.year == year)) or 0
    made = 0
    for role in _ROLES:
        for back in (1, 0):
            for deal, family in won.get((role, back), []):
                if deal.currency not in ("EUR", "USD") or family != "CB":
                    continue
                claim = deal.claim
                if claim is None or claim.partner is None or deal.closed_on is None:
                    continue
                earliest = max(claim.claimed_on, quarter_start(quarter_of(deal.closed_on)))
                day = max(earliest, deal.closed_on - timedelta(days=rng.randint(4, 12)))
                sequence += 1
                quote = Quote(
                    number=f"Q-{year}-{sequence:05d}", year=year, sequence=sequence,
                    partner=claim.partner, account=deal.account, deal=deal,
                )  # fmt: skip
                state.add(quote)
                lines = [
                    (state.products[sku], rng.randint(*world.QUANTITIES[sku]), Decimal(0))
                    for sku in _SKUS
                ]
                add_revision(state, quote, 1, QuoteStatus.ISSUED, day, lines)
                revision = state.revisions[-1]
                revision.status = QuoteStatus.ACCEPTED
                revision.accepted_on = min(day + timedelta(days=rng.randint(1, 4)), deal.closed_on)
                made += 1
    return made
