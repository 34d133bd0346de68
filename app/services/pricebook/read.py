"""The price book as tables: products, dated prices, volume breaks, tiers and pricing settings.

One set of frozen rows serves the Price book page and the ``export pricebook`` workbook, so a
file holds what the screen shows and imports back unchanged (same column names as SPEC.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Price, Product, ProductFamily, Tier, VolumeBreak
from app.domain.columns import Column, Kind
from app.domain.pricebook import PriceState, price_states
from app.services.business_settings import load_business_settings
from app.services.pricebook.history import IssuedUse


@dataclass(frozen=True, slots=True)
class ProductRow:
    id: int
    version: int
    sku: str
    name: str
    family: str | None
    description: str | None
    prices: int
    family_id: int | None = None


@dataclass(frozen=True, slots=True)
class PriceRow:
    id: int
    version: int
    product_id: int
    sku: str
    name: str
    family: str | None
    currency: str
    list_price: Decimal
    effective_from: date
    state: PriceState
    used: bool  # an issued quote was priced from it: its amount is history


@dataclass(frozen=True, slots=True)
class BreakRow:
    id: int
    version: int
    target: str  # the SKU or the family's name
    applies_to: str  # "SKU" or "Family"
    min_qty: int
    discount_pct: Decimal


@dataclass(frozen=True, slots=True)
class TierRow:
    id: int
    version: int
    name: str
    discount_pct: Decimal


@dataclass(frozen=True, slots=True)
class SettingsRow:
    deal_reg_discount_pct: Decimal
    approval_limit_pct: Decimal
    default_tax_rate_pct: Decimal
    quote_validity_days: int


PRODUCT_COLUMNS: tuple[Column[ProductRow], ...] = (
    Column("sku", "SKU", lambda r: r.sku, width=8),
    Column("name", "Name", lambda r: r.name, width=23),
    Column("family", "Family", lambda r: r.family, width=14),
    Column("prices", "Prices", lambda r: r.prices, Kind.INTEGER, width=5),
)

PRICE_COLUMNS: tuple[Column[PriceRow], ...] = (
    Column("sku", "SKU", lambda r: r.sku, width=12),
    Column("name", "Name", lambda r: r.name, width=28),
    Column("family", "Family", lambda r: r.family, width=18),
    Column("currency", "Currency", lambda r: r.currency, width=9),
    Column("list_price", "List price", lambda r: r.list_price, Kind.MONEY,
           currency=lambda r: r.currency, width=12),
    Column("effective_from", "Effective from", lambda r: r.effective_from, Kind.DATE, width=13),
)  # fmt: skip

#: What the page shows of a SKU's prices: its history with the state of each price today.
PRICE_HISTORY_COLUMNS: tuple[Column[PriceRow], ...] = (
    Column("currency", "Currency", lambda r: r.currency, width=6),
    Column(
        "list_price",
        "List price",
        lambda r: r.list_price,
        Kind.MONEY,
        currency=lambda r: r.currency,
        width=11,
    ),
    # The price in force is drawn in bold: its date and "superseded" need the extra room.
    Column("effective_from", "From", lambda r: r.effective_from, Kind.DATE, width=12),
    Column("state", "Status", lambda r: r.state.value, width=11),
    Column("used", "Quoted", lambda r: r.used, Kind.BOOL, width=5),
)

BREAK_COLUMNS: tuple[Column[BreakRow], ...] = (
    Column("target", "SKU or Family", lambda r: r.target, width=18),
    Column("min_qty", "Min quantity", lambda r: r.min_qty, Kind.INTEGER, width=12),
    Column("discount_pct", "Discount %", lambda r: r.discount_pct, Kind.PERCENT, width=11),
)

TIER_COLUMNS: tuple[Column[TierRow], ...] = (
    Column("tier", "Tier", lambda r: r.name, width=16),
    Column("discount_pct", "Discount %", lambda r: r.discount_pct, Kind.PERCENT, width=11),
)

SETTINGS_COLUMNS: tuple[Column[SettingsRow], ...] = (
    Column("deal_reg", "Deal registration discount %", lambda r: r.deal_reg_discount_pct,
           Kind.PERCENT, width=28),
    Column("approval", "Approval limit %", lambda r: r.approval_limit_pct, Kind.PERCENT,
           width=16),
    Column("tax", "Tax rate %", lambda r: r.default_tax_rate_pct, Kind.PERCENT, width=11),
    Column("validity", "Quote validity days", lambda r: r.quote_validity_days, Kind.INTEGER,
           width=19),
)  # fmt: skip


def list_products(session: Session) -> list[ProductRow]:
    counts: dict[int, int] = {}
    for (product_id,) in session.execute(select(Price.product_id)):
        counts[product_id] = counts.get(product_id, 0) + 1
    query = (
        select(Product, ProductFamily.name)
        .outerjoin(ProductFamily, Product.family_id == ProductFamily.id)
        .order_by(Product.sku)
    )
    return [
        ProductRow(
            p.id,
            p.version,
            p.sku,
            p.name,
            family,
            p.description,
            counts.get(p.id, 0),
            p.family_id,
        )
        for p, family in session.execute(query)
    ]


def list_prices(session: Session, today: date, product_id: int | None = None) -> list[PriceRow]:
    """Prices by SKU, currency and date, each marked superseded, in force or future on
    ``today``, and whether an issued quote was priced from it."""
    query = (
        select(Price, Product.sku, Product.name, ProductFamily.name)
        .join(Product, Price.product_id == Product.id)
        .outerjoin(ProductFamily, Product.family_id == ProductFamily.id)
        .order_by(Product.sku, Price.currency, Price.effective_from)
    )
    if product_id is not None:
        query = query.where(Price.product_id == product_id)
    found = list(session.execute(query))
    use = IssuedUse(session, product_id)
    groups: dict[tuple[int, str], list[date]] = {}
    for price, *_ in found:
        groups.setdefault((price.product_id, price.currency), []).append(price.effective_from)
    states = {
        key: dict(zip(dates, price_states(dates, today), strict=True))
        for key, dates in groups.items()
    }
    return [
        PriceRow(
            price.id,
            price.version,
            price.product_id,
            sku,
            name,
            family,
            price.currency,
            price.list_price,
            price.effective_from,
            states[(price.product_id, price.currency)][price.effective_from],
            use.is_used(price.product_id, price.currency, price.effective_from),
        )
        for price, sku, name, family in found
    ]


def list_breaks(session: Session, product_id: int | None = None) -> list[BreakRow]:
    """Volume breaks of every SKU and family, or those that apply to one SKU (its own and its
    family's)."""
    query = (
        select(VolumeBreak, Product.sku, ProductFamily.name)
        .outerjoin(Product, VolumeBreak.product_id == Product.id)
        .outerjoin(ProductFamily, VolumeBreak.family_id == ProductFamily.id)
    )
    if product_id is not None:
        family_id = session.scalar(select(Product.family_id).where(Product.id == product_id))
        query = query.where(
            (VolumeBreak.product_id == product_id) | (VolumeBreak.family_id == family_id)
        )
    rows = [
        BreakRow(
            b.id,
            b.version,
            sku or family or "",
            "SKU" if sku else "Family",
            b.min_qty,
            b.discount_pct,
        )
        for b, sku, family in session.execute(query)
    ]
    return sorted(rows, key=lambda r: (r.applies_to != "SKU", r.target.casefold(), r.min_qty))


def family_names(session: Session) -> list[str]:
    """Product families by name, for the product form's picker."""
    return list(session.scalars(select(ProductFamily.name).order_by(ProductFamily.name)))


def list_tiers(session: Session) -> list[TierRow]:
    query = select(Tier).order_by(Tier.rank, Tier.name)
    return [TierRow(t.id, t.version, t.name, t.discount_pct) for t in session.scalars(query)]


def pricing_settings(session: Session) -> SettingsRow:
    s = load_business_settings(session)
    return SettingsRow(
        s.deal_reg_discount_pct, s.approval_limit_pct, s.default_tax_rate_pct,
        s.quote_validity_days,
    )  # fmt: skip


def pricebook_sheets(
    session: Session, today: date
) -> list[tuple[str, Sequence[Any], Sequence[Column[Any]]]]:
    """The sheets of an exported price book, Prices first, named as the import reads them."""
    return [
        ("Prices", list_prices(session, today), PRICE_COLUMNS),
        ("Tiers", list_tiers(session), TIER_COLUMNS),
        ("Volume", list_breaks(session), BREAK_COLUMNS),
        ("Settings", [pricing_settings(session)], SETTINGS_COLUMNS),
    ]
