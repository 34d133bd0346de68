"""Pricing a quote revision from the database, and freezing it: shared by every way a revision
is made (a new quote, a revision of an issued one, a draft saved again, the demo world).

One place gathers the terms (the partner's tier, a live deal registration, the settings), builds
the stored revision with every figure of every line, and takes the snapshot an issued revision
freezes. So a quote made in the editor, on the command line or by the demo is priced the same way.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session, object_session

from app.db.models import Account, Partner, Product, Quote, QuoteLine, QuoteRevision, Tier
from app.domain.enums import QuoteStatus
from app.domain.money import percent_number
from app.domain.pricing import LineRequest, PricedQuote, PricingTerms, price_quote
from app.domain.settings import BusinessSettings
from app.services.quotes.facts import claim_windows, product_facts


@dataclass(frozen=True, slots=True)
class Priced:
    """A revision's figures and the terms they were priced with (kept for the snapshot)."""

    priced: PricedQuote
    terms: PricingTerms
    tier_id: int | None
    #: The product row of each priced SKU (upper case), kept on the stored lines.
    product_ids: Mapping[str, int] = field(default_factory=dict)


def pricing_terms(
    session: Session,
    partner_id: int,
    account_id: int,
    currency: str,
    day: date,
    tax_rate_pct: Decimal | None,
    settings: BusinessSettings,
) -> tuple[PricingTerms, int | None]:
    """SPEC.md's quote-wide facts for this partner and account on ``day``, and the tier's id."""
    partner = session.get_one(Partner, partner_id)
    tier = session.get(Tier, partner.tier_id) if partner.tier_id is not None else None
    terms = PricingTerms(
        currency=currency,
        quote_date=day,
        tier_pct=tier.discount_pct if tier is not None else Decimal(0),
        deal_reg_pct=settings.deal_reg_discount_pct,
        claims=claim_windows(session, partner_id, account_id),
        tax_rate_pct=tax_rate_pct if tax_rate_pct is not None else settings.default_tax_rate_pct,
        approval_limit_pct=settings.approval_limit_pct,
    )
    return terms, partner.tier_id


def price_for(
    session: Session,
    partner_id: int,
    account_id: int,
    currency: str,
    day: date,
    tax_rate_pct: Decimal | None,
    lines: Sequence[LineRequest],
    settings: BusinessSettings,
) -> Priced:
    """Price ``lines`` by SPEC.md; ``InputError`` lists every line that cannot be priced."""
    terms, tier_id = pricing_terms(
        session, partner_id, account_id, currency, day, tax_rate_pct, settings
    )
    products = product_facts(session, [ln.sku for ln in lines], currency, day)
    priced = price_quote(terms, lines, products)
    return Priced(priced, terms, tier_id, product_ids(session, [ln.sku for ln in priced.lines]))


def product_ids(session: Session, skus: Sequence[str]) -> dict[str, int]:
    """SKU (upper case) → product id, for the lines of a priced quote."""
    wanted = {sku.upper() for sku in skus}
    if not wanted:
        return {}
    rows = session.execute(
        select(Product.id, Product.sku).where(func.upper(Product.sku).in_(wanted))
    )
    return {sku.upper(): product_id for product_id, sku in rows}


def new_revision(
    quote: Quote, number: int, priced: Priced, status: QuoteStatus, settings: BusinessSettings
) -> QuoteRevision:
    """Revision ``number`` of ``quote`` with every figure of every line, exactly as priced."""
    revision = QuoteRevision(quote=quote, revision=number, status=status)
    fill_revision(revision, priced, settings)
    return revision


def fill_revision(revision: QuoteRevision, priced: Priced, settings: BusinessSettings) -> None:
    """Put ``priced``'s figures and lines on a revision that is not issued (new or a draft)."""
    quote_priced = priced.priced
    totals = quote_priced.totals
    revision.quote_date = quote_priced.quote_date
    revision.valid_until = quote_priced.quote_date + timedelta(days=settings.quote_validity_days)
    revision.currency = quote_priced.currency
    revision.tax_rate = totals.tax_rate_pct
    revision.deal_reg_pct = priced.terms.reg_pct
    revision.list_total = totals.list_total
    revision.discount = totals.discount
    revision.subtotal = totals.subtotal
    revision.tax = totals.tax
    revision.total = totals.total
    if revision.lines:  # the old lines go first: positions are unique within a revision
        revision.lines.clear()
        session = object_session(revision)
        if session is not None:
            session.flush()
    for line in quote_priced.lines:
        revision.lines.append(
            QuoteLine(
                position=line.position,
                product_id=priced.product_ids.get(line.sku.upper()),
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


def snapshot_json(
    session: Session,
    partner_id: int,
    account_id: int,
    tier_id: int | None,
    terms: PricingTerms,
    settings: BusinessSettings,
) -> str:
    """What an issued revision freezes: reprinting it later shows these, not today's data,
    plus the pricing settings that were used."""
    partner = session.get_one(Partner, partner_id)
    account = session.get_one(Account, account_id)
    tier = session.get(Tier, tier_id) if tier_id is not None else None
    data = {
        "company": {
            "name": settings.company_name,
            "address": settings.company_address,
            "email": settings.company_email,
            "phone": settings.company_phone,
            "logo_path": settings.company_logo_path,
            "footer": settings.quote_footer,
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
            "discount_pct": percent_number(tier.discount_pct) if tier is not None else "0",
        },
        "account": {
            "name": account.name,
            "country": account.country,
            "city": account.city,
            "website": account.website,
        },
        "deal_reg_discount_pct": percent_number(terms.reg_pct),
        "terms": settings.quote_terms,
        "pricing": {
            "deal_reg_discount_pct_setting": percent_number(settings.deal_reg_discount_pct),
            "registered": terms.registered,
            "approval_limit_pct": percent_number(settings.approval_limit_pct),
            "tax_rate_pct": percent_number(terms.tax_rate_pct),
            "default_tax_rate_pct": percent_number(settings.default_tax_rate_pct),
            "quote_validity_days": settings.quote_validity_days,
        },
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True)
