"""Demo catalogue: the company and pricing settings, product families, products, their price
history in USD and EUR, and volume breaks.

Only what the database lacks is added: settings, families and SKUs that exist are reused, never
overwritten, so ``demo --force`` can run on a database with its own price book.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select

from app.db.models import (
    Price,
    Product,
    ProductFamily,
    Setting,
    VolumeBreak,
)
from app.domain.settings import BusinessSettings
from app.services.demo import world
from app.services.demo.state import CLAIM_DAYS, DemoState, add_months, days


def add_settings(state: DemoState) -> None:
    """The demo company and pricing settings, only where the database has none of its own."""
    wanted = {
        **world.COMPANY,
        "deal_reg_discount_pct": "5",
        "approval_limit_pct": "15",
        "registration_protection_days": str(CLAIM_DAYS),
        "quote_validity_days": "30",
    }
    stored = {row.key: row.value for row in state.session.scalars(select(Setting))}
    for key, value in wanted.items():
        if key not in stored:
            state.add(Setting(key=key, value=value))
    state.settings = BusinessSettings().with_values({**wanted, **stored})


def add_catalogue(state: DemoState) -> None:
    launch = _first_of_month(add_months(state.today, -36))
    recent = _first_of_month(state.ago(400))
    rise = _first_of_month(state.ago(120))
    future = _first_of_month(state.today + days(45))
    families = {f.code: f for f in state.session.scalars(select(ProductFamily))}
    for code, name in world.FAMILIES:
        family = families.get(code)
        if family is None:
            family = ProductFamily(code=code, name=name)
            state.add(family)
            for of, min_qty, pct in world.FAMILY_BREAKS:
                if of == code:
                    state.later(
                        VolumeBreak,
                        {"min_qty": min_qty, "discount_pct": Decimal(pct)},
                        family_id=family,
                    )
        state.families[code] = family
    products = {p.sku: p for p in state.session.scalars(select(Product))}
    for sku, code, name, description, usd, eur in world.PRODUCTS:
        product = products.get(sku)
        if product is None:
            product = Product(sku=sku, name=name, description=description)
            product.family = state.families[code]
            state.add(product)
            state.counts["products"] += 1
            older = world.OLDER_PRICES.get(sku)
            history = [(recent if sku in world.RECENT_SKUS else launch, (usd, eur))]
            if older:
                history = [(launch, older), (rise, (usd, eur))]
            if sku in world.FUTURE_PRICES:
                history.append((future, world.FUTURE_PRICES[sku]))
            for effective, amounts in history:
                for currency, amount in zip(("USD", "EUR"), amounts, strict=True):
                    state.later(
                        Price,
                        {"currency": currency, "list_price": Decimal(amount),
                         "effective_from": effective},
                        product_id=product,
                    )  # fmt: skip
                    state.counts["prices"] += 1
            for of, min_qty, pct in world.SKU_BREAKS:
                if of == sku:
                    state.later(
                        VolumeBreak,
                        {"min_qty": min_qty, "discount_pct": Decimal(pct)},
                        product_id=product,
                    )
        state.products[sku] = product


def _first_of_month(day: date) -> date:
    return day.replace(day=1)
