"""The rules of the price book's records, for its dialogs and the price-book import alike.

A product (SKU, name, family), a dated price (currency, list price, effective from), a tier
discount, a volume break (SKU or family, minimum quantity, discount) and the pricing settings
are each read by one set of parsers here. The dialogs turn a refusal into the sentence they
show under the field; the import report quotes the reason with its row and column.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from functools import partial

from app.domain.importing import values as v
from app.domain.importing.columns import Limited
from app.domain.partner_form import Parser, date_parser
from app.domain.pricebook import currency_problem, price_problem
from app.domain.pricing import MAX_QUANTITY

SKU_LENGTH = 60
#: What the name columns hold (product 250, family 200, tier 60 characters).
NAME_LENGTH = 250
FAMILY_LENGTH = 200
TIER_LENGTH = 60
#: Longest quote validity a setting may hold: ten years.
MAX_VALIDITY_DAYS = 3650


def sku(raw: object) -> str | None:
    """A SKU: one word of at most 60 characters (it is typed on quote lines and in specs)."""
    code = v.text(raw)
    if code is not None and (len(code) > SKU_LENGTH or any(c.isspace() for c in code)):
        raise v.BadValue(f"has no spaces and at most {SKU_LENGTH} characters")
    return code


def currency(raw: object) -> str | None:
    """An ISO 4217 code in any case (``eur`` → ``EUR``)."""
    code = v.text(raw)
    if code is None:
        return None
    problem = currency_problem(code.upper())
    if problem:
        raise v.BadValue(problem)
    return code.upper()


def validity_days(raw: object) -> int | None:
    """The days a quote stays valid: a whole number from 1 to 3650."""
    days = v.whole_number(raw, minimum=1)
    if days is not None and days > MAX_VALIDITY_DAYS:
        raise v.BadValue(f"must be at most {MAX_VALIDITY_DAYS}")
    return days


#: A discount (tier or volume break): a percentage with at most 2 decimals.
discount = partial(v.percent, what="discount")
#: A volume break's minimum quantity: a whole number of at least 1.
min_qty = partial(v.whole_number, minimum=1, maximum=MAX_QUANTITY)


def product_parsers() -> dict[str, Parser]:
    return {
        "sku": sku,
        "name": Limited(v.text, NAME_LENGTH),
        "family": Limited(v.text, FAMILY_LENGTH),
    }


def price_parsers(day_first: bool = True) -> dict[str, Parser]:
    """Currency, list price (exact; its decimals are checked against the currency by
    ``price_problems``) and effective-from date."""
    return {
        "currency": currency,
        "list_price": partial(v.decimal, what="list price"),
        "effective_from": date_parser(day_first),
    }


def price_problems(values: Mapping[str, object]) -> dict[str, str]:
    """{field: reason} for a list price against its currency (negative, finer than its unit)."""
    amount, code = values.get("list_price"), values.get("currency")
    reason = (
        price_problem(amount, code)
        if isinstance(amount, Decimal) and isinstance(code, str)
        else None
    )
    return {"list_price": reason} if reason else {}


def tier_parsers() -> dict[str, Parser]:
    return {"tier": Limited(v.text, TIER_LENGTH), "discount_pct": discount}


def break_parsers() -> dict[str, Parser]:
    return {"target": v.text, "min_qty": min_qty, "discount_pct": discount}


def setting_parsers() -> dict[str, Parser]:
    """The pricing settings: three percentages (the tax rate with up to 4 decimals) and days."""
    return {
        "deal_reg_discount_pct": partial(v.percent, what="deal registration discount"),
        "approval_limit_pct": partial(v.percent, what="approval limit"),
        "default_tax_rate_pct": partial(v.percent, what="tax rate", max_places=4),
        "quote_validity_days": validity_days,
    }
