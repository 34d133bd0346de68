"""Creating a quote from a spec: price it by SPEC.md, number it, store revision 1 with every figure.

For the command line (SPEC.md's ``quote create``), revision 1 is issued at once (frozen:
``issued_at`` and a snapshot of the partner, account, company and pricing settings), unless a
special discount is above the approval limit: then it waits as *needs approval* and is not
issued. The editor creates a draft instead (``issue=False``): issuing is a step of its own,
taken once the person has seen the figures and the warnings. Nothing is committed here; the
caller's transaction decides, so a refused quote leaves no trace, not even a used number.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy.orm import Session

from app.db.models import Quote, Tier
from app.domain.enums import QuoteStatus
from app.domain.errors import InputError
from app.domain.pricing import PricedQuote, PricingTerms, price_quote
from app.domain.quote_spec import QuoteSpec
from app.services.business_settings import load_business_settings
from app.services.quotes.facts import (
    Party,
    claim_windows,
    find_account,
    find_partner,
    product_facts,
)
from app.services.quotes.numbers import insert_numbered, lock_numbering
from app.services.quotes.pricing import Priced, new_revision, product_ids, snapshot_json


@dataclass(frozen=True, slots=True)
class CreatedQuote:
    number: str
    revision: int
    status: QuoteStatus
    priced: PricedQuote


def create_quote(
    session: Session,
    spec: QuoteSpec,
    now: datetime | None = None,
    deal_id: int | None = None,
    issue: bool = True,
) -> CreatedQuote:
    """Price and store ``spec`` as revision 1 of a new quote; refuse with every problem at once.

    ``deal_id`` ties the quote to one of the account's deals (the editor's deal field);
    ``issue=False`` keeps it a draft."""
    issued_at = now or datetime.now(UTC)
    year = spec.quote_date.year
    lock_numbering(session, year)  # first, so what is read below is not stale (see there)
    settings = load_business_settings(session)
    problems: list[str] = []
    partner: Party | None = None
    tier_id: int | None = None
    account: Party | None = None
    try:
        partner, tier_id = find_partner(session, spec.partner)
    except InputError as exc:
        problems.append(str(exc))
    try:
        account = find_account(session, spec.account)
    except InputError as exc:
        problems.append(str(exc))
    tier = session.get(Tier, tier_id) if tier_id is not None else None
    terms = PricingTerms(
        currency=spec.currency,
        quote_date=spec.quote_date,
        tier_pct=tier.discount_pct if tier is not None else Decimal(0),
        deal_reg_pct=settings.deal_reg_discount_pct,
        claims=claim_windows(session, partner.id, account.id) if partner and account else (),
        tax_rate_pct=(
            spec.tax_rate_pct if spec.tax_rate_pct is not None else settings.default_tax_rate_pct
        ),
        approval_limit_pct=settings.approval_limit_pct,
    )
    products = product_facts(session, [ln.sku for ln in spec.lines], spec.currency, spec.quote_date)
    try:
        priced = price_quote(terms, spec.lines, products)
    except InputError as exc:
        problems.extend(str(exc).splitlines())
    if problems:
        raise InputError("\n".join(problems))
    assert partner is not None and account is not None
    quote = insert_numbered(
        session, Quote(partner_id=partner.id, account_id=account.id, deal_id=deal_id), year
    )
    ready = QuoteStatus.ISSUED if issue else QuoteStatus.DRAFT
    status = QuoteStatus.NEEDS_APPROVAL if priced.needs_approval else ready
    snapshot = None  # taken before the revision exists, so it is written once, complete
    if status is QuoteStatus.ISSUED:
        snapshot = snapshot_json(session, partner.id, account.id, tier_id, terms, settings)
    ids = product_ids(session, [ln.sku for ln in priced.lines])
    revision = new_revision(quote, 1, Priced(priced, terms, tier_id, ids), status, settings)
    if snapshot is not None:
        revision.issued_at, revision.snapshot = issued_at, snapshot
    session.add(revision)
    session.flush()
    return CreatedQuote(quote.number, revision.revision, status, priced)
