"""Creating a quote from a spec: price it by SPEC.md, number it, store revision 1 with every figure.

Revision 1 is issued at once (frozen: ``issued_at`` and a snapshot of the partner, account,
company and pricing settings), unless a special discount is above the approval limit: then it
waits as *needs approval* and is not issued. Nothing is committed here; the caller's transaction
decides, so a refused quote leaves no trace, not even a used number.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from sqlalchemy.orm import Session

from app.db.models import Account, Partner, Quote, QuoteLine, QuoteRevision, Tier
from app.domain.enums import QuoteStatus
from app.domain.errors import InputError
from app.domain.pricing import PricedQuote, PricingTerms, price_quote
from app.domain.quote_spec import QuoteSpec
from app.domain.settings import BusinessSettings
from app.services.business_settings import load_business_settings
from app.services.quote_facts import Party, claim_windows, find_account, find_partner, product_facts
from app.services.quote_numbers import insert_numbered, lock_numbering


@dataclass(frozen=True, slots=True)
class CreatedQuote:
    number: str
    revision: int
    status: QuoteStatus
    priced: PricedQuote


def create_quote(session: Session, spec: QuoteSpec, now: datetime | None = None) -> CreatedQuote:
    """Price and store ``spec`` as revision 1 of a new quote; refuse with every problem at once."""
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
    quote = insert_numbered(session, Quote(partner_id=partner.id, account_id=account.id), year)
    status = QuoteStatus.NEEDS_APPROVAL if priced.needs_approval else QuoteStatus.ISSUED
    snapshot = None
    if status is QuoteStatus.ISSUED:
        snapshot = _snapshot(session, partner, account, tier, terms, settings)
    revision = _revision(quote, priced, terms, status, settings)
    if snapshot is not None:
        revision.issued_at, revision.snapshot = issued_at, snapshot
    session.add(revision)
    session.flush()
    return CreatedQuote(quote.number, revision.revision, status, priced)


def _revision(
    quote: Quote,
    priced: PricedQuote,
    terms: PricingTerms,
    status: QuoteStatus,
    settings: BusinessSettings,
) -> QuoteRevision:
    """Revision 1 with every figure of every line, exactly as priced."""
    totals = priced.totals
    revision = QuoteRevision(
        quote=quote,
        revision=1,
        status=status,
        quote_date=priced.quote_date,
        valid_until=priced.quote_date + timedelta(days=settings.quote_validity_days),
        currency=priced.currency,
        tax_rate=totals.tax_rate_pct,
        deal_reg_pct=terms.reg_pct,
        list_total=totals.list_total,
        discount=totals.discount,
        subtotal=totals.subtotal,
        tax=totals.tax,
        total=totals.total,
    )
    for line in priced.lines:
        revision.lines.append(
            QuoteLine(
                position=line.position,
                sku=line.sku,
                description=line.description,
                family=line.family,
                quantity=line.qty,
                list_price=line.list_price,
                tier_pct=line.tier_pct,
                reg_pct=line.reg_pct,
                volume_pct=line.volume_pct,
                special_pct=line.special_pct,
                net_unit=line.net_unit,
                line_total=line.line_total,
            )
        )
    return revision


def _snapshot(
    session: Session,
    partner_ref: Party,
    account_ref: Party,
    tier: Tier | None,
    terms: PricingTerms,
    settings: BusinessSettings,
) -> str:
    """What an issued revision freezes: reprinting it later shows these, not today's data.

    The keys match the demo generator's snapshots, plus the pricing settings that were used.
    """
    partner = session.get_one(Partner, partner_ref.id)
    account = session.get_one(Account, account_ref.id)
    data = {
        "company": {
            "name": settings.company_name,
            "address": settings.company_address,
            "email": settings.company_email,
            "phone": settings.company_phone,
            "logo_path": settings.company_logo_path,
        },
        "partner": {
            "code": partner.partner_code,
            "name": partner.name,
            "legal_name": partner.legal_name,
            "country": partner.country,
            "city": partner.city,
            "email": partner.email,
            "phone": partner.phone,
        },
        "tier": {
            "name": tier.name if tier is not None else None,
            "discount_pct": _text(tier.discount_pct) if tier is not None else "0",
        },
        "account": {
            "name": account.name,
            "country": account.country,
            "city": account.city,
            "website": account.website,
        },
        "deal_reg_discount_pct": _text(terms.reg_pct),
        "terms": settings.quote_terms,
        "pricing": {
            "deal_reg_discount_pct_setting": _text(settings.deal_reg_discount_pct),
            "registered": terms.registered,
            "approval_limit_pct": _text(settings.approval_limit_pct),
            "tax_rate_pct": _text(terms.tax_rate_pct),
            "default_tax_rate_pct": _text(settings.default_tax_rate_pct),
            "quote_validity_days": settings.quote_validity_days,
        },
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def _text(value: Decimal) -> str:
    return "0" if value == 0 else f"{value.normalize():f}"
