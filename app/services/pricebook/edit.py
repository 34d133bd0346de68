"""Editing the price book by hand: products (SKU, name, family) and new dated prices.

A product form reads a ``ProductRecord`` and hands it back on save; if someone saved the product
meanwhile, the save raises a ``ConflictError`` listing what differs. Prices are only ever added:
a new dated price changes what a SKU costs from that day on, and a price an issued quote was
priced from is history. A price no issued quote used may still be corrected.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.engine import STALE_MESSAGE
from app.db.models import Price, Product, ProductFamily
from app.domain.errors import ConflictError, InputError, NotFoundError, RefusedError
from app.domain.importing.values import BadValue
from app.domain.money import minor_unit
from app.domain.pricebook import family_code
from app.domain.pricebook_form import (
    FAMILY_LENGTH,
    NAME_LENGTH,
    SKU_LENGTH,
    price_parsers,
    price_problems,
    product_parsers,
)
from app.domain.text_rules import unsafe_reason
from app.services.pricebook.history import IssuedUse

PRODUCT_LABELS = {"sku": "SKU", "name": "Name", "family": "Family", "description": "Description"}
PRICE_LABELS = {"currency": "Currency", "list_price": "List price", "effective_from": "From"}


@dataclass(frozen=True)
class ProductRecord:
    id: int
    version: int
    sku: str
    name: str
    family: str | None
    description: str | None


def check_product(raw: Mapping[str, object]) -> tuple[dict[str, object], dict[str, str]]:
    """Typed values and, per field, what is wrong: shown under each field as the user types.
    The rules are the price-book import's (``app.domain.pricebook_form``)."""
    parsers = product_parsers()
    errors: dict[str, str] = {}
    sku = str(raw.get("sku") or "").strip()
    if _parses(parsers["sku"], sku) is False:
        errors["sku"] = f"A SKU has no spaces and at most {SKU_LENGTH} characters."
    elif not sku:
        errors["sku"] = "A SKU is required."
    name = str(raw.get("name") or "").strip()
    if not name:
        errors["name"] = "A name is required."
    elif _parses(parsers["name"], name) is False:
        errors["name"] = f"A name has at most {NAME_LENGTH} characters."
    family = " ".join(str(raw.get("family") or "").split())
    if _parses(parsers["family"], family) is False:
        errors["family"] = f"A family name has at most {FAMILY_LENGTH} characters."
    description = str(raw.get("description") or "").strip()
    for field, typed in (("sku", sku), ("name", name), ("family", family),
                         ("description", description)):  # fmt: skip
        reason = unsafe_reason(typed)
        if reason is not None:
            errors[field] = f"{PRODUCT_LABELS[field]} {reason}."
    values: dict[str, object] = {"sku": sku, "name": name, "family": family or None,
              "description": description or None}  # fmt: skip
    return values, errors


def _parses(parser: Callable[[object], object], raw: object) -> bool:
    try:
        parser(raw)
    except BadValue:
        return False
    return True


def check_price(raw: Mapping[str, object]) -> tuple[dict[str, object], dict[str, str]]:
    """Currency (ISO 4217), list price (≥ 0, the currency's decimals) and effective date, by
    the rules of the price-book import (``app.domain.pricebook_form``)."""
    parsers = price_parsers()
    values: dict[str, object] = {}
    errors: dict[str, str] = {}
    currency = str(raw.get("currency") or "").strip().upper()
    try:
        parsers["currency"](currency)
    except BadValue as exc:
        errors["currency"] = f"This {exc}."
    values["currency"] = currency
    text = str(raw.get("list_price") or "").strip()
    if not text:
        errors["list_price"] = "A list price is required."
    else:
        try:
            amount = parsers["list_price"](text)
        except BadValue:
            errors["list_price"] = "Type a number such as 1234.50."
        else:
            values["list_price"] = amount
            if "currency" not in errors and price_problems(values):
                errors["list_price"] = _short(price_problems(values)["list_price"], currency)
    try:
        effective = parsers["effective_from"](raw.get("effective_from"))
    except BadValue:
        effective = None
    if not isinstance(effective, date):
        errors["effective_from"] = "Choose the date the price applies from."
    values["effective_from"] = raw.get("effective_from")
    return values, errors


def _short(problem: str, currency: str) -> str:
    """The price problem as a form shows it under a narrow field."""
    if "negative" in problem:
        return "A price cannot be negative."
    places = minor_unit(currency)
    if places == 0:
        return f"{currency} prices have no decimals."
    return f"{currency} prices have at most {places} decimals."


def get_product(session: Session, product_id: int) -> ProductRecord:
    product = session.get(Product, product_id, populate_existing=True)
    if product is None:
        raise NotFoundError(f"Product {product_id} no longer exists; it may have been deleted.")
    family = product.family.name if product.family else None
    return ProductRecord(
        product.id, product.version, product.sku, product.name, family, product.description
    )


def create_product(session: Session, raw: Mapping[str, object]) -> int:
    values = _valid(check_product(raw))
    _check_sku_free(session, str(values["sku"]), None)
    product = Product(sku=values["sku"], name=values["name"], description=values["description"])
    product.family_id = _family_id(session, values["family"])
    session.add(product)
    session.flush()
    return product.id


def update_product(
    session: Session, opened: ProductRecord, raw: Mapping[str, object], overwrite: bool = False
) -> None:
    values = _valid(check_product(raw))
    product = session.get(Product, opened.id)
    if product is None:
        raise NotFoundError(f"{opened.sku} was deleted by someone else; nothing was saved.")
    if product.version != opened.version and not overwrite:
        stored = get_product(session, opened.id)
        changes = {
            f: (getattr(opened, f), getattr(stored, f))
            for f in PRODUCT_LABELS
            if getattr(opened, f) != getattr(stored, f)
        }
        raise ConflictError(STALE_MESSAGE, changes)
    _check_sku_free(session, str(values["sku"]), opened.id)
    product.sku, product.name = str(values["sku"]), str(values["name"])
    product.description = values["description"]  # type: ignore[assignment]
    product.family_id = _family_id(session, values["family"])
    session.flush()


def add_price(session: Session, product_id: int, raw: Mapping[str, object]) -> int:
    """A new dated price for the SKU; refused when that SKU, currency and date has one, or
    when it would change what an issued quote was priced from."""
    values = _valid(check_price(raw))
    currency, effective = str(values["currency"]), values["effective_from"]
    amount = values["list_price"]
    assert isinstance(effective, date) and isinstance(amount, Decimal)
    product = session.get(Product, product_id)
    if product is None:
        raise NotFoundError("This product no longer exists; it may have been deleted.")
    exists = session.scalar(
        select(func.count())
        .select_from(Price)
        .where(
            Price.product_id == product_id,
            Price.currency == currency,
            Price.effective_from == effective,
        )
    )
    if exists:
        raise InputError(
            f"{product.sku} already has a {currency} price from {effective.isoformat()}: "
            "choose another date."
        )
    blocked = IssuedUse(session, product_id).blocking_quote_date(product_id, currency, effective)
    if blocked is not None:
        raise RefusedError(
            f"An issued quote of {blocked.isoformat()} was priced from the earlier {currency} "
            f"price of {product.sku}: choose a date after {blocked.isoformat()}."
        )
    price = Price(
        product_id=product_id, currency=currency, list_price=amount, effective_from=effective
    )
    session.add(price)
    session.flush()
    return price.id


def _valid(checked: tuple[dict[str, object], dict[str, str]]) -> dict[str, object]:
    values, errors = checked
    if errors:
        raise InputError(" ".join(errors.values()))
    return values


def _check_sku_free(session: Session, sku: str, own_id: int | None) -> None:
    other = session.scalar(select(Product.id).where(func.lower(Product.sku) == sku.lower()))
    if other is not None and other != own_id:
        raise InputError(f"The SKU {sku} is already used by another product: choose another.")


def _family_id(session: Session, name: object) -> int | None:
    """The family named (or coded) ``name`` in any case, created when it is new."""
    if not name:
        return None
    text = str(name)
    for fid, code, fname in session.execute(
        select(ProductFamily.id, ProductFamily.code, ProductFamily.name)
    ):
        if text.casefold() in (code.casefold(), fname.casefold()):
            return int(fid)
    taken = set(session.scalars(select(ProductFamily.code)))
    family = ProductFamily(code=family_code(text, taken), name=text)
    session.add(family)
    session.flush()
    return family.id


def correct_price(
    session: Session, price_id: int, version: int, text: str, overwrite: bool = False
) -> None:
    """Correct the amount of a price no issued quote was priced from (a typo, a price announced
    for later that changed before it applied). A price issued quotes used is history."""
    price = session.get(Price, price_id)
    if price is None:
        raise NotFoundError("This price was deleted by someone else; nothing was saved.")
    values = _valid(
        check_price(
            {"currency": price.currency, "list_price": text, "effective_from": price.effective_from}
        )
    )
    if IssuedUse(session, price.product_id).is_used(
        price.product_id, price.currency, price.effective_from
    ):
        raise RefusedError(
            f"Issued quotes were priced from this {price.currency} price: it cannot change. "
            "Add a new price from a later date instead."
        )
    if price.version != version and not overwrite:
        raise ConflictError(STALE_MESSAGE, {"list_price": (None, price.list_price)})
    amount = values["list_price"]
    assert isinstance(amount, Decimal)
    price.list_price = amount
    session.flush()
