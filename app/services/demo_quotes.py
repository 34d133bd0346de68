"""Demo quotes: a handful of quotes on open deals, in the states a channel account manager meets
(issued and revised, sent, draft, waiting for approval), priced by SPEC.md's rules so every figure
reconciles, with the snapshot an issued revision freezes.

The pricing helper here is private and minimal on purpose: the quote engine owns pricing; the demo
only needs its quotes to reconcile.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from app.db.models import (
    Account,
    Claim,
    Deal,
    Partner,
    Price,
    Product,
    Quote,
    QuoteLine,
    QuoteRevision,
    VolumeBreak,
)
from app.domain.enums import (
    ClaimStatus,
    ContactRole,
    DealStage,
    QuoteStatus,
)
from app.domain.errors import InputError
from app.domain.money import HUNDRED, round_money
from app.services import demo_world as world
from app.services.demo_state import DemoState, days, utc_at


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
            _revision(state, quote, number, status, state.ago(days_ago), lines)


def _revision(
    state: DemoState,
    quote: Quote,
    number: int,
    status: QuoteStatus,
    day: date,
    lines: Sequence[tuple[Product, int, Decimal]],
) -> None:
    partner, account = quote.partner, quote.account
    currency = quote.deal.currency if quote.deal is not None else "EUR"
    country = world.COUNTRIES.get(account.country or "", world.COUNTRIES["US"])
    tax_rate = Decimal(country[4]) if country[3] == currency else Decimal(0)
    tier_pct = partner.tier.discount_pct if partner.tier is not None else Decimal(0)
    reg_pct = (
        state.settings.deal_reg_discount_pct
        if _registered(state, partner, account, day)
        else Decimal(0)
    )
    revision = QuoteRevision(
        quote=quote,
        revision=number,
        status=status,
        quote_date=day,
        valid_until=day + days(state.settings.quote_validity_days),
        currency=currency,
        tax_rate=tax_rate,
        deal_reg_pct=reg_pct,
    )
    state.add(revision)  # before the price look-ups below autoflush
    for position, (product, qty, special) in enumerate(lines, start=1):
        list_price = _list_price(state, product, currency, day)
        volume_pct = _volume_pct(state, product, qty)
        net_unit, line_total = _price_line(
            list_price, qty, currency, (tier_pct, reg_pct, volume_pct, special)
        )
        revision.lines.append(
            QuoteLine(
                position=position,
                product_id=product.id,
                sku=product.sku,
                description=product.name,
                family=product.family.name if product.family is not None else None,
                quantity=qty,
                list_price=list_price,
                tier_pct=tier_pct,
                reg_pct=reg_pct,
                volume_pct=volume_pct,
                special_pct=special,
                net_unit=net_unit,
                line_total=line_total,
            )
        )
    revision.list_total = sum((ln.list_price * ln.quantity for ln in revision.lines), Decimal(0))
    revision.subtotal = sum((ln.line_total for ln in revision.lines), Decimal(0))
    revision.discount = revision.list_total - revision.subtotal
    revision.tax = round_money(revision.subtotal * tax_rate / HUNDRED, currency)
    revision.total = revision.subtotal + revision.tax
    if status in (QuoteStatus.ISSUED, QuoteStatus.SENT):
        revision.issued_at = utc_at(day, 14)
        revision.snapshot = _snapshot(state, partner, account, reg_pct)
    if status is QuoteStatus.SENT:
        revision.sent_at = utc_at(day, 15, 5)
        sales = [
            c
            for c in state.contacts
            if c.partner is partner and c.active and c.role is ContactRole.SALES
        ]
        revision.sent_to = sales[0].email if sales else partner.email
    state.revisions.append(revision)


def _registered(state: DemoState, partner: Partner, account: Account, day: date) -> bool:
    """SPEC.md: the partner holds an approved claim on the account, live on the quote's date."""
    live = select(func.count()).where(
        Claim.partner_id == partner.id,
        Claim.account_id == account.id,
        Claim.status == ClaimStatus.APPROVED,
        Claim.claimed_on <= day,
        Claim.valid_until >= day,
    )
    return bool(state.session.scalar(live))


def _list_price(state: DemoState, product: Product, currency: str, day: date) -> Decimal:
    """The price book's price effective on ``day``: the latest one from on or before it."""
    price = state.session.scalar(
        select(Price.list_price)
        .where(
            Price.product_id == product.id,
            Price.currency == currency,
            Price.effective_from <= day,
        )
        .order_by(Price.effective_from.desc())
        .limit(1)
    )
    if price is None:
        raise InputError(
            f"No {currency} list price for {product.sku} on {day.isoformat()}: "
            "the demo quotes cannot be priced."
        )
    return price


def _volume_pct(state: DemoState, product: Product, qty: int) -> Decimal:
    """The SKU's own break with the largest minimum ≤ qty, else the family's, else none."""
    for column, key in (
        (VolumeBreak.product_id, product.id),
        (VolumeBreak.family_id, product.family_id),
    ):
        if key is None:
            continue
        pct = state.session.scalar(
            select(VolumeBreak.discount_pct)
            .where(column == key, VolumeBreak.min_qty <= qty)
            .order_by(VolumeBreak.min_qty.desc())
            .limit(1)
        )
        if pct is not None:
            return pct
    return Decimal(0)


def _snapshot(state: DemoState, partner: Partner, account: Account, reg_pct: Decimal) -> str:
    """What an issued revision froze: reprinting it later shows these, not today's data."""
    tier = partner.tier
    data = {
        "company": {
            "name": state.settings.company_name,
            "address": state.settings.company_address,
            "email": state.settings.company_email,
            "phone": state.settings.company_phone,
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
            "name": tier.name if tier else None,
            "discount_pct": _decimal_text(tier.discount_pct) if tier else "0",
        },
        "account": {
            "name": account.name,
            "country": account.country,
            "city": account.city,
            "website": account.website,
        },
        "deal_reg_discount_pct": _decimal_text(reg_pct),
        "terms": state.settings.quote_terms,
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def _price_line(
    list_price: Decimal, qty: int, currency: str, discounts: Sequence[Decimal]
) -> tuple[Decimal, Decimal]:
    """Net unit and line total by SPEC.md: discounts multiply in order, the net unit is rounded
    once, and the line total is that rounded unit times the quantity, exactly.

    Private and minimal on purpose: the quote engine (a later issue) owns pricing; the demo only
    needs its quotes to reconcile.
    """
    factor = Decimal(1)
    for pct in discounts:
        factor *= 1 - pct / HUNDRED
    net_unit = round_money(list_price * factor, currency)
    return net_unit, net_unit * qty


def _decimal_text(value: Decimal) -> str:
    return format(value.normalize(), "f") if value else "0"
