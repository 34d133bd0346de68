"""The stored price book as one import sees it, and what the import plans to change in it.

Everything is read once at the start (a price book is hundreds of rows, not thousands), every
row of every sheet is checked against it and against the rows before it, and only then is the
plan written through the ORM, so audit entries and version counters come out exactly as for an
edit by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Price, Product, ProductFamily, Tier, VolumeBreak
from app.domain.importing.values import choice_key
from app.domain.pricebook import family_code
from app.services.business_settings import load_business_settings

#: Natural key of a volume break: ("sku" or "family", key of the SKU or family, min quantity).
BreakKey = tuple[str, str, int]


@dataclass
class PlannedProduct:
    sku: str
    name: str
    family: str | None  # family key (casefolded name or code), None for none
    id: int | None = None  # None: created by this import
    changed: bool = False


@dataclass
class PlannedFamily:
    name: str
    code: str
    id: int | None = None


@dataclass
class Plan:
    """What the import will write: new and changed records, keyed by their natural keys."""

    families: dict[str, PlannedFamily] = field(default_factory=dict)  # casefolded name → new
    products: dict[str, PlannedProduct] = field(default_factory=dict)  # casefolded SKU
    prices: dict[tuple[str, str, date], Decimal] = field(default_factory=dict)  # new or changed
    breaks: dict[BreakKey, Decimal] = field(default_factory=dict)  # new or changed
    tiers: dict[str, tuple[str, Decimal]] = field(default_factory=dict)  # key → (name, pct)
    settings: dict[str, str] = field(default_factory=dict)


class StoredBook:
    """The stored families, products, prices, breaks, tiers and settings, by natural key."""

    def __init__(self, session: Session) -> None:
        self.family_ids: dict[str, int] = {}  # casefolded code and name → id
        self.family_codes: set[str] = set()
        self.family_names: dict[int, str] = {}
        for fid, code, name in session.execute(
            select(ProductFamily.id, ProductFamily.code, ProductFamily.name)
        ):
            self.family_ids.setdefault(code.casefold(), fid)
            self.family_ids.setdefault(name.casefold(), fid)
            self.family_codes.add(code)
            self.family_names[fid] = name
        self.products: dict[str, tuple[int, str, str, int | None]] = {}  # key → id, sku, name, fam
        self.sku_keys: dict[int, str] = {}
        for pid, sku, name, product_family in session.execute(
            select(Product.id, Product.sku, Product.name, Product.family_id)
        ):
            self.products[sku.casefold()] = (pid, sku, name, product_family)
            self.sku_keys[pid] = sku.casefold()
        self.prices: dict[tuple[str, str, date], Decimal] = {}
        query = select(Product.sku, Price.currency, Price.effective_from, Price.list_price).join(
            Product, Price.product_id == Product.id
        )
        for sku, currency, effective, amount in session.execute(query):
            self.prices[(sku.casefold(), currency, effective)] = amount
        self.breaks: dict[BreakKey, Decimal] = {}
        for break_product, break_family, min_qty, pct in session.execute(
            select(
                VolumeBreak.product_id,
                VolumeBreak.family_id,
                VolumeBreak.min_qty,
                VolumeBreak.discount_pct,
            )
        ):
            self.breaks[self.break_key(break_product, break_family, min_qty)] = pct
        self.tiers: dict[str, tuple[str, Decimal]] = {}
        for name, pct in session.execute(select(Tier.name, Tier.discount_pct)):
            self.tiers[choice_key(name)] = (name, pct)
        # Settings in force, defaults included: a file restating a default changes nothing.
        self.settings = load_business_settings(session).as_text()

    def break_key(self, product_id: int | None, family_id: int | None, min_qty: int) -> BreakKey:
        if product_id is not None:
            return ("sku", self.sku_keys[product_id], min_qty)
        return ("family", self.family_names[family_id or 0].casefold(), min_qty)

    def family_key(self, text: str, plan: Plan) -> str:
        """The key a family is known by (its stored name, casefolded), planning a new one."""
        folded = text.strip().casefold()
        fid = self.family_ids.get(folded)
        if fid is not None:
            return self.family_names[fid].casefold()
        if folded not in plan.families:
            taken = self.family_codes | {f.code for f in plan.families.values()}
            plan.families[folded] = PlannedFamily(text.strip(), family_code(text, taken))
        return folded
