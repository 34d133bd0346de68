"""Exchange rates: the list the Program page shows and edits, and the ``fx`` export.

Every rate is entered into the reporting currency of the moment (SPEC.md: "Rates are into the
reporting currency"); rates into an earlier reporting currency stay listed with their own
"into" currency and keep converting nothing until it is the reporting currency again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import FxRate
from app.domain.columns import Column, Kind
from app.domain.errors import InputError, NotFoundError
from app.domain.partner_form import valid_or_raise
from app.domain.program.forms import check_rate
from app.domain.program.fx import Converter
from app.domain.program.fx import FxRate as DatedRate
from app.services.business_settings import load_business_settings
from app.services.program.editing import opened_record


@dataclass(frozen=True, slots=True)
class RateRow:
    id: int
    currency: str
    into_currency: str
    rate: Decimal
    effective_from: date
    version: int


def _rate(row: RateRow) -> Decimal:
    return plain(row.rate)


#: The columns the ``fx`` import reads, in its order (the export writes these).
RATE_EXPORT_COLUMNS: tuple[Column[RateRow], ...] = (
    Column("currency", "Currency", lambda r: r.currency, width=9),
    Column("rate", "Rate", _rate, width=16),
    Column("effective_from", "Effective from", lambda r: r.effective_from, Kind.DATE, width=12),
)
#: The page's columns: the export's and the currency each rate converts into.
RATE_COLUMNS: tuple[Column[RateRow], ...] = (
    *RATE_EXPORT_COLUMNS[:2],
    Column("into_currency", "Into", lambda r: r.into_currency, width=6),
    RATE_EXPORT_COLUMNS[2],
)
_FIELDS = ("currency", "rate", "effective_from")


def plain(value: Decimal) -> Decimal:
    """``0.9300000000`` as ``0.93`` and ``100.0000000000`` as ``100`` (never ``1E+2``): the
    digits of a rate as it was typed, for the page and the files."""
    return Decimal(format(value.normalize(), "f"))


def list_rates(session: Session, reporting_only: bool = False) -> list[RateRow]:
    """Every rate (or only those into the reporting currency), by currency and date."""
    query = select(
        FxRate.id, FxRate.currency, FxRate.into_currency, FxRate.rate, FxRate.effective_from,
        FxRate.version,
    ).order_by(FxRate.currency, FxRate.into_currency, FxRate.effective_from)  # fmt: skip
    if reporting_only:
        query = query.where(
            FxRate.into_currency == load_business_settings(session).reporting_currency
        )
    return [RateRow(*row) for row in session.execute(query)]


def export_rates(session: Session) -> list[RateRow]:
    """What ``export fx`` writes: the rates into the reporting currency, as ``fx`` reads them."""
    return list_rates(session, reporting_only=True)


def get_rate(session: Session, rate_id: int) -> RateRow:
    for row in list_rates(session):
        if row.id == rate_id:
            return row
    raise NotFoundError(f"Rate {rate_id} no longer exists; it may have been deleted.")


def add_rate(session: Session, raw: Mapping[str, object]) -> int:
    """A new rate into the reporting currency from ``raw`` (currency, rate, effective_from)."""
    rate = FxRate()
    _apply(session, rate, raw)
    session.add(rate)
    session.flush()
    return rate.id


def update_rate(
    session: Session, opened: RateRow, raw: Mapping[str, object], overwrite: bool = False
) -> None:
    """Save ``raw`` over the rate read as ``opened`` (``ConflictError`` if changed since)."""
    what = f"The {opened.currency} rate of {opened.effective_from.isoformat()}"
    rate = opened_record(session, FxRate, opened, what, get_rate, _FIELDS, overwrite)
    _apply(session, rate, raw)
    session.flush()


def delete_rate(session: Session, opened: RateRow, overwrite: bool = False) -> None:
    what = f"The {opened.currency} rate of {opened.effective_from.isoformat()}"
    rate = opened_record(session, FxRate, opened, what, get_rate, _FIELDS, overwrite)
    session.delete(rate)
    session.flush()


def _apply(session: Session, rate: FxRate, raw: Mapping[str, object]) -> None:
    reporting = load_business_settings(session).reporting_currency
    values = valid_or_raise(check_rate(raw, reporting))
    currency, day = str(values["currency"]), values["effective_from"]
    assert isinstance(day, date)
    clash = session.scalar(
        select(FxRate.id).where(
            FxRate.currency == currency, FxRate.into_currency == reporting,
            FxRate.effective_from == day, FxRate.id != (rate.id or 0),
        )
    )  # fmt: skip
    if clash is not None:
        raise InputError(
            f"There is already a {currency} rate from {day.isoformat()}; change that one; "
            "nothing was saved."
        )
    rate.currency = currency
    rate.into_currency = reporting
    rate.rate = values["rate"]  # type: ignore[assignment]
    rate.effective_from = day


def reporting_converter(session: Session, until: date) -> Converter:
    """Every rate into the reporting currency effective by ``until``: what a report converts
    its amounts with (SPEC.md: the latest rate on or before an item's date)."""
    reporting = load_business_settings(session).reporting_currency
    rows = session.execute(
        select(FxRate.currency, FxRate.into_currency, FxRate.rate, FxRate.effective_from).where(
            FxRate.into_currency == reporting, FxRate.effective_from <= until
        )
    )
    return Converter(reporting, [DatedRate(*row) for row in rows])
