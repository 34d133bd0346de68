"""Editing the price book by hand on both engines: products, dated prices, rules, stale saves."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.db.engine import Database
from app.db.models import ProductFamily, Tier
from app.domain.errors import ConflictError, InputError, RefusedError
from app.domain.pricebook import PriceState
from app.domain.pricing import LineRequest
from app.domain.quote_spec import QuoteSpec
from app.services.pricebook.edit import (
    add_price,
    check_price,
    check_product,
    correct_price,
    create_product,
    get_product,
    update_product,
)
from app.services.pricebook.read import list_breaks, list_prices, list_tiers, pricing_settings
from app.services.pricebook.rules import (
    check_breaks,
    check_settings,
    percent_problem,
    product_breaks,
    save_breaks,
    save_settings,
    set_tier_discount,
)
from app.services.quotes.create import create_quote
from tests.support.quote_book import QUOTE_DAY, add_price_book


def test_field_checks_say_what_is_wrong() -> None:
    _, errors = check_product({"sku": "A B", "name": " "})
    assert set(errors) == {"sku", "name"}
    _, errors = check_price({"currency": "XYZ", "list_price": "1", "effective_from": None})
    assert "ISO 4217" in errors["currency"] and "effective_from" in errors
    _, errors = check_price(
        {"currency": "jpy", "list_price": "10.5", "effective_from": date(2026, 1, 1)}
    )
    assert errors == {"list_price": "JPY prices have no decimals."}
    _, errors = check_price(
        {"currency": "KWD", "list_price": "-1", "effective_from": date(2026, 1, 1)}
    )
    assert errors["list_price"] == "A price cannot be negative."
    assert percent_problem("100.5") == "Must be between 0 and 100."
    assert percent_problem("33.333") == "Use at most 2 decimals."
    assert percent_problem("8.875", 4) is None
    breaks, problems = check_breaks([("10", "5"), ("", ""), ("0", "1"), ("10", "2"), ("5", "x")])
    assert breaks == [(10, Decimal(5))] and set(problems) == {2, 3, 4}
    raw = {"deal_reg_discount_pct": "101", "approval_limit_pct": "15",
           "default_tax_rate_pct": "8.875", "quote_validity_days": "0"}  # fmt: skip
    _, errors = check_settings(raw)
    assert set(errors) == {"deal_reg_discount_pct", "quote_validity_days"}


def test_product_create_update_and_stale_save(any_db: Database) -> None:
    with any_db.transaction() as s:
        pid = create_product(s, {"sku": "NW-1", "name": "Router", "family": "Networking"})
    with any_db.reading() as s:
        opened = get_product(s, pid)
        family = s.scalars(select(ProductFamily)).one()
    assert opened.family == "Networking" and family.code == "NETWORKING"
    with any_db.transaction() as s, pytest.raises(InputError, match="already used"):
        create_product(s, {"sku": "nw-1", "name": "Again"})
    with any_db.transaction() as s:
        update_product(s, opened, {"sku": "NW-1", "name": "Edge router", "family": "networking"})
    with any_db.transaction() as s, pytest.raises(ConflictError) as conflict:
        update_product(s, opened, {"sku": "NW-1", "name": "Mine", "family": ""})
    assert conflict.value.changes == {"name": ("Router", "Edge router")}
    with any_db.transaction() as s:
        update_product(s, opened, {"sku": "NW-1", "name": "Mine"}, overwrite=True)
    with any_db.reading() as s:
        assert get_product(s, pid).name == "Mine" and get_product(s, pid).family is None


def test_dated_prices_history_and_issued_quotes(any_db: Database) -> None:
    add_price_book(any_db)
    with any_db.transaction() as s:
        create_quote(s, QuoteSpec("Northwind Traders", "Contoso Ltd", QUOTE_DAY, "EUR", None,
                                  (LineRequest("CD-100", 1),)))  # fmt: skip
    with any_db.reading() as s:
        rows = [r for r in list_prices(s, QUOTE_DAY) if r.sku == "CD-100" and r.currency == "EUR"]
    assert [(r.effective_from, r.state, r.used) for r in rows] == [
        (date(2026, 1, 1), PriceState.CURRENT, True),
        (date(2026, 11, 23), PriceState.FUTURE, False),
    ]
    pid = rows[0].product_id
    price = {"currency": "EUR", "list_price": "1250.00"}
    with any_db.transaction() as s, pytest.raises(RefusedError, match="after 2026-11-22"):
        add_price(s, pid, {**price, "effective_from": date(2026, 6, 1)})
    with any_db.transaction() as s, pytest.raises(InputError, match="already has a EUR price"):
        add_price(s, pid, {**price, "effective_from": date(2026, 11, 23)})
    with any_db.transaction() as s:
        add_price(s, pid, {**price, "effective_from": date(2027, 1, 1)})
    with any_db.reading() as s:
        states = [r.state for r in list_prices(s, QUOTE_DAY, pid) if r.currency == "EUR"]
    assert states == [PriceState.CURRENT, PriceState.FUTURE, PriceState.FUTURE]


def test_tiers_breaks_and_settings_with_stale_saves(any_db: Database) -> None:
    add_price_book(any_db)
    with any_db.reading() as s:
        gold = next(t for t in list_tiers(s) if t.name == "Gold")
        pid = next(r.product_id for r in list_prices(s, QUOTE_DAY) if r.sku == "CD-100")
        opened_breaks = product_breaks(s, pid)
        settings = pricing_settings(s)
    with any_db.transaction() as s:
        set_tier_discount(s, gold, "12.5")
    with any_db.transaction() as s, pytest.raises(ConflictError):
        set_tier_discount(s, gold, "20")
    with any_db.reading() as s:
        assert s.scalars(select(Tier).where(Tier.name == "Gold")).one().discount_pct == Decimal(
            "12.5"
        )
    assert opened_breaks == [(20, Decimal(5))]
    with any_db.transaction() as s:
        save_breaks(s, pid, opened_breaks, [(10, Decimal(2)), (20, Decimal(6))])
    with any_db.transaction() as s, pytest.raises(ConflictError):
        save_breaks(s, pid, opened_breaks, [])
    with any_db.reading() as s:
        own = [(b.min_qty, b.discount_pct) for b in list_breaks(s, pid) if b.applies_to == "SKU"]
    assert own == [(10, Decimal(2)), (20, Decimal(6))]
    with any_db.reading() as s:
        family_id = s.scalars(select(ProductFamily.id)).one()
        family_breaks = product_breaks(s, family_id, of_family=True)
    assert family_breaks == [(10, Decimal(10)), (50, Decimal(15))]
    with any_db.transaction() as s:
        save_breaks(s, family_id, family_breaks, [(50, Decimal(12))], of_family=True)
    with any_db.reading() as s:
        rows = [(b.applies_to, b.min_qty, b.discount_pct) for b in list_breaks(s, pid)]
    assert ("Family", 50, Decimal(12)) in rows and ("Family", 10, Decimal(10)) not in rows
    raw = {"deal_reg_discount_pct": "7.5", "approval_limit_pct": "20",
           "default_tax_rate_pct": "8.875", "quote_validity_days": "45"}  # fmt: skip
    with any_db.transaction() as s:
        save_settings(s, settings, raw)
    with any_db.transaction() as s, pytest.raises(ConflictError) as conflict:
        save_settings(s, settings, {**raw, "approval_limit_pct": "10"})
    assert "approval_limit_pct" in conflict.value.changes
    with any_db.reading() as s:
        now = pricing_settings(s)
    assert now.default_tax_rate_pct == Decimal("8.875") and now.quote_validity_days == 45


def test_only_prices_no_issued_quote_used_can_be_corrected(any_db: Database) -> None:
    add_price_book(any_db)
    with any_db.transaction() as s:
        create_quote(s, QuoteSpec("Northwind Traders", "Contoso Ltd", QUOTE_DAY, "EUR", None,
                                  (LineRequest("CD-100", 1),)))  # fmt: skip
    with any_db.reading() as s:
        used, future = [
            r for r in list_prices(s, QUOTE_DAY) if r.sku == "CD-100" and r.currency == "EUR"
        ]
    with any_db.transaction() as s, pytest.raises(RefusedError, match="cannot change"):
        correct_price(s, used.id, used.version, "1.00")
    with any_db.transaction() as s, pytest.raises(InputError, match="at most 2 decimals"):
        correct_price(s, future.id, future.version, "1.001")
    with any_db.transaction() as s:
        correct_price(s, future.id, future.version, "1310.00")
    with any_db.transaction() as s, pytest.raises(ConflictError):
        correct_price(s, future.id, future.version, "1320.00")
    with any_db.reading() as s:
        prices = {r.id: r.list_price for r in list_prices(s, QUOTE_DAY)}
    assert prices[future.id] == Decimal("1310.00") and prices[used.id] == Decimal("1234.50")
