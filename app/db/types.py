"""Column types that keep values exact on every engine.

SQLAlchemy's ``Numeric`` passes through ``float`` on SQLite, so money and percentages are stored
as integers of a fixed scale instead: ``ExactDecimal(4)`` stores EUR 12.34 as 123400. Integers
sort and sum exactly in SQL on SQLite and PostgreSQL alike, and every ISO 4217 minor unit (at most
four decimals) fits. A value with more decimals than the column keeps is refused, never rounded.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, DateTime
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from app.domain.money import STORAGE_DECIMALS


class ExactDecimal(TypeDecorator[Decimal]):
    """A ``Decimal`` stored as a scaled ``BIGINT``; exact in both directions."""

    impl = BigInteger
    cache_ok = True

    def __init__(self, scale: int = STORAGE_DECIMALS) -> None:
        super().__init__()
        self.scale = scale
        self._factor = Decimal(10) ** scale

    def process_bind_param(self, value: Any, dialect: Dialect) -> int | None:
        if value is None:
            return None
        if isinstance(value, float | bool):
            raise TypeError(f"exact decimals only, not {type(value).__name__}: {value!r}")
        scaled = Decimal(value) * self._factor
        if scaled != scaled.to_integral_value():
            raise ValueError(f"{value} has more than {self.scale} decimals")
        return int(scaled)

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        """The stored integer moved ``scale`` places: exact, with exactly ``scale`` decimals
        (123400 → ``12.3400``), one step per value for the reads of many rows."""
        if value is None:
            return None
        return Decimal(int(value)).scaleb(-self.scale)

    def from_stored(self, value: int | None) -> Decimal | None:
        """The Decimal of a stored integer read raw (``type_coerce(column, BigInteger)``): the
        same value ``process_result_value`` gives."""
        return None if value is None else Decimal(value).scaleb(-self.scale)

    def scaled(self, value: Decimal) -> int:
        """The stored integer for ``value``: for CHECK constraints and raw SQL."""
        return int(Decimal(value) * self._factor)


#: Money amounts in the currency stored beside them.
Money = ExactDecimal(4)
#: Percentages such as 12.5 (%), up to 4 decimals (tax rates like 8.875).
Percent = ExactDecimal(4)
#: Exchange rates: units of the reporting currency for one unit, up to 10 decimals, so that a rate
#: into a strong currency (0.0000567 EUR for one IDR) keeps its significant digits.
Rate = ExactDecimal(10)


class UTCDateTime(TypeDecorator[datetime]):
    """A moment in time, stored as naive UTC and read back as an aware UTC ``datetime``.

    SQLite keeps no time zone; storing UTC everywhere makes both engines agree.
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise TypeError(f"a datetime is needed, not {type(value).__name__}")
        if value.tzinfo is None:
            raise ValueError("naive datetimes are ambiguous: give a time zone")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        moment: datetime = value.replace(tzinfo=UTC)
        return moment


def utcnow() -> datetime:
    """The present moment, aware, in UTC."""
    return datetime.now(UTC)
