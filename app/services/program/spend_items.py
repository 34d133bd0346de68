"""Spend items entered or imported (event, other, and payments the program rules do not know):
the list the Program page shows and edits, and the ``spend`` export."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import Partner, SpendItem
from app.domain.columns import Column, Kind
from app.domain.enums import SpendProgram
from app.domain.errors import InputError, NotFoundError
from app.domain.importing.values import BadValue
from app.domain.partner_form import valid_or_raise
from app.domain.program.forms import check_spend
from app.services.importing.common import PartnerLookup
from app.services.program.editing import opened_record


@dataclass(frozen=True, slots=True)
class SpendRow:
    """``partner`` the Partner ID (else the partner's name), None for a program-wide item."""

    id: int
    partner: str | None
    partner_name: str | None
    program: SpendProgram
    spent_on: date
    amount: Decimal
    currency: str
    description: str | None
    version: int


#: The columns the ``spend`` import reads, in its order (the export writes these).
SPEND_EXPORT_COLUMNS: tuple[Column[SpendRow], ...] = (
    Column("partner", "Partner", lambda r: r.partner, width=14),
    Column("program", "Program", lambda r: r.program, width=10),
    Column("spent_on", "Date", lambda r: r.spent_on, Kind.DATE, width=12),
    Column("amount", "Amount", lambda r: r.amount, Kind.MONEY, lambda r: r.currency, width=14),
    Column("currency", "Currency", lambda r: r.currency, width=9),
    Column("description", "Description", lambda r: r.description, width=40),
)
#: The page's columns: the export's with the partner's name beside its ID.
SPEND_COLUMNS: tuple[Column[SpendRow], ...] = (
    SPEND_EXPORT_COLUMNS[0],
    Column("partner_name", "Partner name", lambda r: r.partner_name, width=24),
    *SPEND_EXPORT_COLUMNS[1:],
)
_FIELDS = ("partner", "program", "spent_on", "amount", "currency", "description")


def list_spend(
    session: Session, start: date | None = None, end: date | None = None,
    item_id: int | None = None,
) -> list[SpendRow]:  # fmt: skip
    """Every spend item (or those dated within [start, end]), oldest first."""
    query = (
        select(
            SpendItem.id, func.coalesce(Partner.partner_code, Partner.name), Partner.name,
            SpendItem.program, SpendItem.spent_on, SpendItem.amount, SpendItem.currency,
            SpendItem.description, SpendItem.version,
        )
        .outerjoin(Partner, Partner.id == SpendItem.partner_id)
        .order_by(SpendItem.spent_on, SpendItem.id)
    )  # fmt: skip
    if start is not None:
        query = query.where(SpendItem.spent_on >= start)
    if end is not None:
        query = query.where(SpendItem.spent_on <= end)
    if item_id is not None:
        query = query.where(SpendItem.id == item_id)
    return [SpendRow(*row) for row in session.execute(query)]


def export_spend(session: Session) -> list[SpendRow]:
    return list_spend(session)


def get_spend(session: Session, item_id: int) -> SpendRow:
    for row in list_spend(session, item_id=item_id):
        return row
    raise NotFoundError(f"Spend item {item_id} no longer exists; it may have been deleted.")


def add_spend(session: Session, raw: Mapping[str, object]) -> int:
    """A new spend item from ``raw`` (partner ID or name or empty, program, spent_on, amount,
    currency, description); returns its id."""
    item = SpendItem()
    _apply(session, item, raw)
    session.add(item)
    session.flush()
    return item.id


def update_spend(
    session: Session, opened: SpendRow, raw: Mapping[str, object], overwrite: bool = False
) -> None:
    what = f"The spend item of {opened.spent_on.isoformat()}"
    item = opened_record(session, SpendItem, opened, what, get_spend, _FIELDS, overwrite)
    _apply(session, item, raw)
    session.flush()


def delete_spend(session: Session, opened: SpendRow, overwrite: bool = False) -> None:
    what = f"The spend item of {opened.spent_on.isoformat()}"
    item = opened_record(session, SpendItem, opened, what, get_spend, _FIELDS, overwrite)
    session.delete(item)
    session.flush()


def _apply(session: Session, item: SpendItem, raw: Mapping[str, object]) -> None:
    values = valid_or_raise(check_spend(raw))
    partner_id = None
    if values.get("partner") is not None:
        try:
            partner_id = PartnerLookup(session).resolve(values["partner"])
        except BadValue as exc:
            raise InputError(f"Partner '{values['partner']}' {exc}; nothing was saved.") from None
    item.partner_id = partner_id
    item.program = values["program"]  # type: ignore[assignment]
    item.spent_on = values["spent_on"]  # type: ignore[assignment]
    item.amount = values["amount"]  # type: ignore[assignment]
    item.currency = str(values["currency"])
    description = values.get("description")
    item.description = str(description) if description is not None else None
