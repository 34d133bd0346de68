"""Gathering what a quote is priced from: partner, account, settings and the price book.

A handful of queries per quote, whatever its length (products, prices, volume breaks and claims
are each read in one go), and only plain domain facts leave this module.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.db.models import Account, Claim, Partner, Price, Product, ProductFamily, VolumeBreak
from app.domain.errors import InputError
from app.domain.names import name_key
from app.domain.pricing import ClaimWindow, PricePoint, ProductFacts, VolumeBreakFact
from app.domain.record_ids import record_number


@dataclass(frozen=True, slots=True)
class Party:
    """A resolved partner or account: its id and what an issued quote freezes of it."""

    id: int
    name: str
    code: str | None
    country: str | None


def find_partner(session: Session, ref: str) -> tuple[Party, int | None]:
    """The partner named by ``ref``: its Partner ID, else its name (any case), else its row id.

    Returns the partner and its tier's id. Two partners of the same name are refused with
    their IDs, so the user can pick one; a guess would price the wrong partner.
    """
    wanted = ref.strip()
    if not wanted:
        raise InputError("No partner yet: type its Partner ID or name.")
    columns = (Partner.id, Partner.name, Partner.partner_code, Partner.country, Partner.tier_id)
    if (row_id := _row_id(wanted)) is not None:  # "#12", as a list of choices names a partner
        rows: list[Any] = list(session.execute(select(*columns).where(Partner.id == row_id)))
        if rows:
            row = rows[0]
            return Party(row.id, row.name, row.partner_code, row.country), row.tier_id
    rows = list(session.execute(select(*columns).where(Partner.partner_code == wanted)))
    if not rows:
        named = select(*columns).where(Partner.name_key == name_key(wanted))
        rows = _same_name(session.execute(named).all(), wanted)
    if not rows and (number := record_number(wanted)) is not None:
        rows = list(session.execute(select(*columns).where(Partner.id == number)))
    if not rows:
        raise InputError(f"There is no partner '{wanted}' (by Partner ID or name).")
    if len(rows) > 1:
        ids = ", ".join(r.partner_code or f"#{r.id}" for r in rows)
        raise InputError(f"Several partners are called '{wanted}' ({ids}); give the Partner ID.")
    row = rows[0]
    return Party(row.id, row.name, row.partner_code, row.country), row.tier_id


def find_account(session: Session, ref: str) -> Party:
    """The account named by ``ref`` (any case), else by its row id; ambiguity is refused."""
    wanted = ref.strip()
    if not wanted:
        raise InputError("No account yet: type its name or ID.")
    columns = (Account.id, Account.name, Account.country)
    if (row_id := _row_id(wanted)) is not None:  # "#12", as a list of choices names an account
        rows = list(session.execute(select(*columns).where(Account.id == row_id)))
        if rows:
            return Party(rows[0].id, rows[0].name, None, rows[0].country)
    named = select(*columns).where(Account.name_key == name_key(wanted))
    rows = _same_name(session.execute(named).all(), wanted)
    if not rows and (number := record_number(wanted)) is not None:
        rows = list(session.execute(select(*columns).where(Account.id == number)))
    if not rows:
        raise InputError(f"There is no account '{wanted}' (by name or ID).")
    if len(rows) > 1:
        ids = ", ".join(f"{r.id} ({r.country or 'no country'})" for r in rows)
        raise InputError(f"Several accounts are called '{wanted}' (IDs {ids}); give the ID.")
    row = rows[0]
    return Party(row.id, row.name, None, row.country)


def _row_id(ref: str) -> int | None:
    """The record id a reference like ``#12`` gives, else ``None``."""
    return record_number(ref[1:]) if ref.startswith("#") else None


def _same_name(rows: Sequence[Any], wanted: str) -> list[Any]:
    """The rows whose name is ``wanted`` in any case, in any script. The database's lower()
    folds only ASCII letters in SQLite, so candidates come by identity key (indexed) and the
    comparison is made here."""
    folded = wanted.casefold()
    return [row for row in rows if row.name.strip().casefold() == folded]


def claim_windows(session: Session, partner_id: int, account_id: int) -> tuple[ClaimWindow, ...]:
    """The partner's claims on the account; the domain decides which one is live on the date."""
    rows = session.execute(
        select(Claim.status, Claim.claimed_on, Claim.valid_until).where(
            Claim.partner_id == partner_id, Claim.account_id == account_id
        )
    )
    return tuple(ClaimWindow(r.status, r.claimed_on, r.valid_until) for r in rows)


def product_facts(
    session: Session, skus: Sequence[str], currency: str, day: date
) -> dict[str, ProductFacts]:
    """Facts for each requested SKU (matched without regard to case), keyed as requested.

    A SKU that is unknown, or no longer sold, is left out; the pricing then names it.
    """
    wanted = {sku.upper() for sku in skus}
    products = session.execute(
        select(Product.id, Product.sku, Product.name, Product.family_id, ProductFamily.name)
        .outerjoin(ProductFamily, ProductFamily.id == Product.family_id)
        .where(func.upper(Product.sku).in_(wanted), Product.active.is_(True))
    ).all()
    if not products:
        return {}
    ids = [p.id for p in products]
    family_ids = {p.family_id for p in products if p.family_id is not None}
    prices: dict[int, list[PricePoint]] = defaultdict(list)
    for price in session.execute(
        select(Price.product_id, Price.effective_from, Price.list_price).where(
            Price.product_id.in_(ids), Price.currency == currency, Price.effective_from <= day
        )
    ):
        prices[price.product_id].append(PricePoint(price.effective_from, price.list_price))
    sku_breaks: dict[int, list[VolumeBreakFact]] = defaultdict(list)
    family_breaks: dict[int, list[VolumeBreakFact]] = defaultdict(list)
    for vb in session.execute(
        select(
            VolumeBreak.product_id, VolumeBreak.family_id, VolumeBreak.min_qty,
            VolumeBreak.discount_pct,
        ).where(or_(VolumeBreak.product_id.in_(ids), VolumeBreak.family_id.in_(family_ids)))
    ):  # fmt: skip
        fact = VolumeBreakFact(vb.min_qty, vb.discount_pct)
        if vb.product_id is not None:
            sku_breaks[vb.product_id].append(fact)
        else:
            family_breaks[vb.family_id].append(fact)
    by_sku = {
        p.sku.upper(): ProductFacts(
            sku=p.sku,
            description=p.name,
            family=p[4],
            prices=tuple(prices[p.id]),
            sku_breaks=tuple(sku_breaks[p.id]),
            family_breaks=tuple(family_breaks[p.family_id]) if p.family_id else (),
        )
        for p in products
    }
    return {sku: by_sku[sku.upper()] for sku in skus if sku.upper() in by_sku}
