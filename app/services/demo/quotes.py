"""Demo quotes: a handful of quotes on open deals, in the states a channel account manager meets
(issued and revised, sent, draft, waiting for approval), priced and frozen by the quote engine
(``app.services.quotes.pricing``), so every figure follows SPEC.md's rules exactly as a quote made
in the editor would.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from app.db.models import Deal, Product, Quote
from app.domain.enums import ClaimStatus, ContactRole, DealStage, QuoteStatus
from app.domain.pricing import LineRequest
from app.services.demo import world
from app.services.demo.state import DemoState, utc_at
from app.services.quotes.pricing import new_revision, price_for, snapshot_json


def add_quotes(state: DemoState) -> None:
    """A handful of quotes on open deals, in the states a CAM meets: issued (and revised),
    sent, draft, and one waiting for approval of a large special discount."""
    rank = {DealStage.PROPOSAL: 0, DealStage.NEGOTIATION: 0, DealStage.QUALIFIED: 1}
    ranked = sorted(
        (
            (rank.get(deal.stage, 2), index, deal, family)
            for index, (deal, family) in enumerate(state.deals)
            if deal.stage is not DealStage.LOST and deal.currency in ("EUR", "USD")
        ),
        key=lambda row: (row[0], row[1]),
    )
    picked: list[tuple[Deal, str]] = []
    # (currency, approved registration): the first quote shows the deal-registration
    # discount, the third one its absence (the partner's claim is still pending).
    for currency, approved in (
        ("EUR", True),
        ("USD", None),
        ("EUR", False),
        ("USD", None),
        (None, None),
    ):
        free = [(d, f) for _r, _i, d, f in ranked if all(d is not p for p, _ in picked)]
        fits = [
            (d, f)
            for d, f in free
            if currency in (None, d.currency)
            and approved in (None, d.claim is not None and d.claim.status is ClaimStatus.APPROVED)
        ]
        if fits or free:
            picked.append((fits or free)[0])
    year = state.today.year
    sequence = state.session.scalar(select(func.max(Quote.sequence)).where(Quote.year == year)) or 0
    limit = state.settings.approval_limit_pct
    plans: tuple[tuple[tuple[QuoteStatus, int], ...], ...] = (
        ((QuoteStatus.ISSUED, 30), (QuoteStatus.ISSUED, 16)),
        ((QuoteStatus.SENT, 10),),
        ((QuoteStatus.DRAFT, 0),),
        ((QuoteStatus.NEEDS_APPROVAL, 3),),
        ((QuoteStatus.ISSUED, 21), (QuoteStatus.DRAFT, 2)),
    )
    for (deal, family), plan in zip(picked, plans, strict=False):
        sequence += 1
        claim = deal.claim
        partner = claim.partner if claim is not None else None
        assert partner is not None
        quote = Quote(
            number=f"Q-{year}-{sequence:05d}",
            year=year,
            sequence=sequence,
            partner=partner,
            account=deal.account,
            deal=deal,
        )
        state.add(quote)
        skus = [s for s, f, *_ in world.PRODUCTS if f == family]
        chosen = sorted(state.rng.sample(skus, state.rng.randint(2, 3)))
        lines = [
            (state.products[s], state.rng.randint(*world.QUANTITIES[s]), Decimal(0)) for s in chosen
        ]
        for number, (status, days_ago) in enumerate(plan, start=1):
            if number > 1:  # the customer added sites: more of the first SKU, a small special
                product, qty, _special = lines[0]
                lines[0] = (product, qty * 2, Decimal(5))
            if status is QuoteStatus.NEEDS_APPROVAL:
                product, qty, _special = lines[-1]
                lines[-1] = (product, qty, min(Decimal(99), limit + 3))
            if status is QuoteStatus.SENT:
                product, qty, _special = lines[-1]
                lines[-1] = (product, qty, Decimal("2.5"))
            add_revision(state, quote, number, status, state.ago(days_ago), lines)


def add_revision(
    state: DemoState,
    quote: Quote,
    number: int,
    status: QuoteStatus,
    day: date,
    lines: Sequence[tuple[Product, int, Decimal]],
) -> None:
    """One revision priced and frozen by the quote engine itself (``quote_pricing``), the way
    the editor and ``quote create`` store theirs, so the demo's figures follow the same rules."""
    partner, account = quote.partner, quote.account
    currency = quote.deal.currency if quote.deal is not None else "EUR"
    country = world.COUNTRIES.get(account.country or "", world.COUNTRIES["US"])
    tax_rate = Decimal(country[4]) if country[3] == currency else Decimal(0)
    requests = tuple(LineRequest(product.sku, qty, special) for product, qty, special in lines)
    state.session.flush()  # the partner, account and quote have ids for the look-ups below
    priced = price_for(
        state.session, partner.id, account.id, currency, day, tax_rate, requests, state.settings
    )
    snapshot = None
    if status in (QuoteStatus.ISSUED, QuoteStatus.SENT):
        snapshot = snapshot_json(
            state.session, partner.id, account.id, priced.tier_id, priced.terms, state.settings
        )
    revision = new_revision(quote, number, priced, status, state.settings)
    if snapshot is not None:
        revision.issued_at, revision.snapshot = utc_at(day, 14), snapshot
    if status is QuoteStatus.SENT:
        revision.sent_at = utc_at(day, 15, 5)
        sales = [
            c
            for c in state.contacts
            if c.partner is partner and c.active and c.role is ContactRole.SALES
        ]
        revision.sent_to = sales[0].email if sales else partner.email
    state.add(revision)
    state.revisions.append(revision)
