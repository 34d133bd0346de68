"""Editing the rules that price a quote: tier discounts, a SKU's volume breaks, pricing settings.

Each save is checked against what the form read: a tier by its version counter, a SKU's breaks
and the settings by their values. When someone else saved in between, ``ConflictError`` lists
what differs (field → (what you opened, what is stored now)) so the user reloads or overwrites.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.engine import STALE_MESSAGE
from app.db.models import Setting, Tier, VolumeBreak
from app.domain.errors import ConflictError, InputError, NotFoundError
from app.domain.importing import values as v
from app.domain.pricebook_form import MAX_VALIDITY_DAYS, min_qty, validity_days
from app.domain.settings import format_setting
from app.services.pricebook.read import SettingsRow, TierRow, pricing_settings

SETTING_LABELS = {
    "deal_reg_discount_pct": "Deal registration discount %",
    "approval_limit_pct": "Approval limit %",
    "default_tax_rate_pct": "Default tax rate %",
    "quote_validity_days": "Quote validity days",
}

Break = tuple[int, Decimal]  # (minimum quantity, discount %)


def percent_problem(text: str, places: int = 2) -> str | None:
    """Why ``text`` is not a percentage 0..100 with at most ``places`` decimals, or ``None``:
    the import's rule (``values.percent``), in the words a form shows under its field."""
    try:
        value = v.percent(text, "percentage", places)
    except v.BadValue as exc:
        if "decimals" in str(exc):
            return f"Use at most {places} decimals."
        if "between" in str(exc):
            return "Must be between 0 and 100."
        return "Type a number such as 12.5."
    return "A percentage is required." if value is None else None


def _percent(text: str, places: int = 2) -> Decimal:
    problem = percent_problem(text, places)
    if problem:
        raise InputError(problem)
    value = v.percent(text, "percentage", places)
    assert value is not None
    return value


def set_tier_discount(
    session: Session, opened: TierRow, text: str, overwrite: bool = False
) -> None:
    pct = _percent(text)
    tier = session.get(Tier, opened.id)
    if tier is None:
        raise NotFoundError(f"The tier {opened.name} was deleted by someone else.")
    if tier.version != opened.version and not overwrite:
        raise ConflictError(
            STALE_MESSAGE, {"discount_pct": (opened.discount_pct, tier.discount_pct)}
        )
    tier.discount_pct = pct
    session.flush()


def check_breaks(lines: Sequence[tuple[str, str]]) -> tuple[list[Break], dict[int, str]]:
    """Rows of (min quantity, discount %) as typed; problems by row index. Empty rows skip."""
    found: list[Break] = []
    errors: dict[int, str] = {}
    seen: set[int] = set()
    for index, (qty_text, pct_text) in enumerate(lines):
        if not qty_text.strip() and not pct_text.strip():
            continue
        try:
            qty = min_qty(qty_text)  # the import's rule: 10, 10.0 and 1,000 are quantities
        except v.BadValue:
            qty = None
        if qty is None:
            errors[index] = "The minimum quantity is a whole number of at least 1."
        elif qty in seen:
            errors[index] = f"Quantity {qty} is given twice."
        elif problem := percent_problem(pct_text):
            errors[index] = problem
        else:
            seen.add(qty)
            found.append((qty, _percent(pct_text)))
    return sorted(found), errors


def _owner(owner_id: int, of_family: bool) -> dict[str, int]:
    return {"family_id": owner_id} if of_family else {"product_id": owner_id}


def product_breaks(session: Session, owner_id: int, of_family: bool = False) -> list[Break]:
    """The breaks of one SKU (or, ``of_family``, of one product family)."""
    column = VolumeBreak.family_id if of_family else VolumeBreak.product_id
    query = select(VolumeBreak.min_qty, VolumeBreak.discount_pct).where(column == owner_id)
    return sorted((int(q), Decimal(p)) for q, p in session.execute(query))


def save_breaks(
    session: Session,
    owner_id: int,
    opened: Sequence[Break],
    wanted: Sequence[Break],
    overwrite: bool = False,
    of_family: bool = False,
) -> None:
    """Replace the breaks of a SKU (or a family) by ``wanted``; ``opened`` is what the editor
    started from."""
    column = VolumeBreak.family_id if of_family else VolumeBreak.product_id
    stored = {b.min_qty: b for b in session.scalars(
        select(VolumeBreak).where(column == owner_id)
    )}  # fmt: skip
    now = sorted((q, b.discount_pct) for q, b in stored.items())
    if list(opened) != now and not overwrite:
        raise ConflictError(STALE_MESSAGE, {"breaks": (_shown(opened), _shown(now))})
    keep = dict(wanted)
    for qty, row in stored.items():
        if qty not in keep:
            session.delete(row)
        elif row.discount_pct != keep[qty]:
            row.discount_pct = keep[qty]
    for qty, pct in keep.items():
        if qty not in stored:
            owner = _owner(owner_id, of_family)
            session.add(VolumeBreak(min_qty=qty, discount_pct=pct, **owner))
    session.flush()


def _shown(breaks: Sequence[Break]) -> str:
    return ", ".join(f"{q}+: {format_setting(p)}%" for q, p in breaks) or "none"


def check_settings(raw: Mapping[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """The four pricing settings as stored text, and what is wrong with each."""
    values: dict[str, str] = {}
    errors: dict[str, str] = {}
    for key in ("deal_reg_discount_pct", "approval_limit_pct", "default_tax_rate_pct"):
        text = raw.get(key, "").strip().removesuffix("%").strip()
        places = 4 if key == "default_tax_rate_pct" else 2
        if problem := percent_problem(text, places):
            errors[key] = problem
        else:
            values[key] = format_setting(_percent(text, places))
    try:
        days = validity_days(raw.get("quote_validity_days", ""))
    except v.BadValue:
        days = None
    if days is None:
        errors["quote_validity_days"] = f"A whole number of days from 1 to {MAX_VALIDITY_DAYS}."
    else:
        values["quote_validity_days"] = str(days)
    return values, errors


def save_settings(
    session: Session, opened: SettingsRow, raw: Mapping[str, str], overwrite: bool = False
) -> None:
    values, errors = check_settings(raw)
    if errors:
        raise InputError(" ".join(errors.values()))
    now = pricing_settings(session)
    if now != opened and not overwrite:
        changes = {
            key: (getattr(opened, key), getattr(now, key))
            for key in SETTING_LABELS
            if getattr(opened, key) != getattr(now, key)
        }
        raise ConflictError(STALE_MESSAGE, changes)
    for key, text in values.items():
        setting = session.get(Setting, key)
        if setting is None:
            session.add(Setting(key=key, value=text))
        elif setting.value != text:
            setting.value = text
    session.flush()
