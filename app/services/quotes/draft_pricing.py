"""Pricing a quote while it is being typed: every problem is collected, nothing is stored.

The editor asks after each keystroke; the answer is the priced quote when it can be priced,
and always the list of problems (unknown partner, no price for a SKU on that date, …), so the
user sees why a total is missing instead of a silent blank.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Product, Tier
from app.domain.errors import InputError
from app.domain.pricing import ClaimWindow, LineRequest, PricedQuote, PricingTerms, price_quote
from app.services.business_settings import load_business_settings
from app.services.quotes.facts import claim_windows, find_account, find_partner, product_facts
from app.services.training.certification import uncertified_family_names


@dataclass(frozen=True, slots=True)
class DraftForm:
    """What the editor's fields hold at one moment."""

    partner: str
    account: str
    currency: str
    quote_date: date
    tax_rate_pct: Decimal | None
    lines: tuple[LineRequest, ...]


@dataclass(frozen=True, slots=True)
class DraftPrice:
    priced: PricedQuote | None
    problems: tuple[str, ...]
    approval_limit_pct: Decimal
    account_id: int | None = None
    #: Lines whose product family the partner holds no valid certification for (1-based).
    uncertified: frozenset[int] = frozenset()


def price_draft(session: Session, form: DraftForm) -> DraftPrice:
    """The draft priced by SPEC.md, with each problem as one line for the editor to show."""
    settings = load_business_settings(session)
    problems: list[str] = []
    partner_id = account_id = None
    tier_pct = Decimal(0)
    try:
        party, tier_id = find_partner(session, form.partner)
        partner_id = party.id
        tier = session.get(Tier, tier_id) if tier_id is not None else None
        if tier is None:
            problems.append(f"Partner '{party.name}' has no tier: no tier discount applies.")
        else:
            tier_pct = tier.discount_pct
    except InputError as exc:
        problems.append(str(exc))
    try:
        account_id = find_account(session, form.account).id
    except InputError as exc:
        problems.append(str(exc))
    claims: tuple[ClaimWindow, ...] = ()
    if partner_id is not None and account_id is not None:
        claims = claim_windows(session, partner_id, account_id)
    tax = form.tax_rate_pct if form.tax_rate_pct is not None else settings.default_tax_rate_pct
    priced = None
    try:
        terms = PricingTerms(
            currency=form.currency,
            quote_date=form.quote_date,
            tier_pct=tier_pct,
            deal_reg_pct=settings.deal_reg_discount_pct,
            claims=claims,
            tax_rate_pct=tax,
            approval_limit_pct=settings.approval_limit_pct,
        )
        skus = [ln.sku for ln in form.lines]
        facts = product_facts(session, skus, form.currency, form.quote_date)
        priced = price_quote(terms, form.lines, facts)
    except InputError as exc:
        problems.extend(str(exc).splitlines())
    uncertified: set[int] = set()
    if partner_id is not None and priced is not None:
        families = {ln.family for ln in priced.lines if ln.family}
        gaps = {g.family_name: g for g in uncertified_family_names(
            session, partner_id, families, form.quote_date)}  # fmt: skip
        by_family: dict[str, list[str]] = {}
        for line in priced.lines:
            if (line.family or "") in gaps:
                uncertified.add(line.position)
                by_family.setdefault(line.family or "", []).append(f"{line.position} ({line.sku})")
        for family, where in by_family.items():  # one line per family, naming its lines
            lines = f"Line {where[0]}" if len(where) == 1 else f"Lines {', '.join(where)}"
            problems.append(f"{lines}: {gaps[family].message}")
    return DraftPrice(
        priced, tuple(problems), settings.approval_limit_pct, account_id, frozenset(uncertified)
    )


def sku_choices(session: Session) -> list[tuple[str, str]]:
    """(SKU, name) of every product on sale, for the editor's SKU completer."""
    rows = session.execute(
        select(Product.sku, Product.name).where(Product.active.is_(True)).order_by(Product.sku)
    )
    return [(r.sku, r.name) for r in rows]
