"""Import a price book (SPEC.md, "Import and export"): sheets Tiers, Prices, Volume and Settings.

Prices are matched by SKU + currency + effective-from date, products by SKU, families by code or
name (created when new), volume breaks by SKU or family + minimum quantity, tiers by name in any
case. Every sheet is checked before anything is written; a price that issued quotes were priced
from is never changed (a new dated price is the way to change what a SKU costs).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import Price, Product, ProductFamily, Setting, Tier, VolumeBreak
from app.domain.importing.fields import PRICEBOOK_SHEETS
from app.domain.importing.report import ImportRefused, ImportSummary
from app.domain.importing.sheet import MappedSheet
from app.services.importing.common import ImportOptions, new_summary
from app.services.importing.pricebook_rows import (
    check_prices,
    check_settings,
    check_tiers,
    check_volume,
)
from app.services.importing.pricebook_state import Plan, StoredBook
from app.services.pricebook.history import IssuedUse


def import_pricebook(
    session: Session,
    sheets: Mapping[str, MappedSheet],
    options: ImportOptions,
    source: str = "",
) -> ImportSummary:
    """Check every sheet given (any of Tiers, Prices, Volume, Settings), then write the plan."""
    summary = new_summary("price book", source or "workbook", options)
    book = StoredBook(session)
    plan = Plan()
    named = {name: _named(sheet, name) for name, sheet in sheets.items()}
    if "Tiers" in named:
        check_tiers(named["Tiers"], book, plan, summary, options)
    if "Prices" in named:
        check_prices(named["Prices"], book, plan, IssuedUse(session), summary, options)
    if "Volume" in named:
        check_volume(named["Volume"], book, plan, summary, options)
    if "Settings" in named:
        check_settings(named["Settings"], book, plan, summary, options)
    summary.details = {
        "new families": len(plan.families),
        "new products": sum(1 for p in plan.products.values() if p.id is None),
    }
    order = {name: index for index, name in enumerate(PRICEBOOK_SHEETS)}
    summary.problems.sort(key=lambda p: (order.get(p.column.split(":")[0], 9), p.row))
    if summary.problems and not options.skip_invalid and not options.dry_run:
        raise ImportRefused(summary.problems, summary)
    if options.dry_run:
        return summary
    _write(session, book, plan)
    summary.written = True
    return summary


def _named(sheet: MappedSheet, name: str) -> MappedSheet:
    """The sheet with its headers prefixed by the sheet's name, so the report says where."""
    headers = {field: f"{name}: {text}" for field, text in sheet.headers.items()}
    return replace(sheet, headers=headers)


def _write(session: Session, book: StoredBook, plan: Plan) -> None:
    family_ids = {key: fid for key, fid in book.family_ids.items()}
    for key, planned in plan.families.items():
        family = ProductFamily(code=planned.code, name=planned.name)
        session.add(family)
        session.flush()
        family_ids[key] = family.id
    product_ids: dict[str, int] = {}
    for key, product in plan.products.items():
        family_id = family_ids[product.family] if product.family else None
        if product.id is None:
            row = Product(sku=product.sku, name=product.name, family_id=family_id)
            session.add(row)
            session.flush()
            product_ids[key] = row.id
            continue
        product_ids[key] = product.id
        if product.changed:
            stored = session.get(Product, product.id)
            assert stored is not None
            stored.name, stored.family_id = product.name, family_id
    for (sku_key, currency, effective), amount in plan.prices.items():
        product_id = product_ids.get(sku_key) or book.products[sku_key][0]
        _set_price(session, product_id, currency, effective, amount)
    for (what, key, min_qty), pct in plan.breaks.items():
        if what == "sku":
            owner = {"product_id": product_ids.get(key) or book.products[key][0]}
        else:
            owner = {"family_id": family_ids[key]}
        _set_break(session, owner, min_qty, pct)
    _write_tiers(session, plan)
    for key, text in plan.settings.items():
        setting = session.get(Setting, key)
        if setting is None:
            session.add(Setting(key=key, value=text))
        else:
            setting.value = text
    session.flush()


def _set_price(
    session: Session, product_id: int, currency: str, effective: date, amount: Decimal
) -> None:
    stored = session.scalars(
        select(Price).where(
            Price.product_id == product_id,
            Price.currency == currency,
            Price.effective_from == effective,
        )
    ).one_or_none()
    if stored is None:
        session.add(
            Price(
                product_id=product_id,
                currency=currency,
                effective_from=effective,
                list_price=amount,
            )
        )
    else:
        stored.list_price = amount


def _set_break(session: Session, owner: dict[str, int], min_qty: int, pct: Decimal) -> None:
    query = select(VolumeBreak).where(VolumeBreak.min_qty == min_qty)
    for column, value in owner.items():
        query = query.where(getattr(VolumeBreak, column) == value)
    stored = session.scalars(query).one_or_none()
    if stored is None:
        session.add(VolumeBreak(min_qty=min_qty, discount_pct=pct, **owner))
    else:
        stored.discount_pct = pct


def _write_tiers(session: Session, plan: Plan) -> None:
    rank = session.scalar(select(func.max(Tier.rank))) or 0
    stored = {t.name.casefold(): t for t in session.scalars(select(Tier))}
    for name, pct in plan.tiers.values():
        tier = stored.get(name.casefold())
        if tier is None:
            rank += 1
            session.add(Tier(name=name, discount_pct=pct, rank=rank))
        else:
            tier.discount_pct = pct
