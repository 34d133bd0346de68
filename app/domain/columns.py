"""What a table shows: one column description serves the screen and the export alike.

A page lists frozen rows; a ``Column`` says how to read one value from a row, what kind of value
it is (so money is drawn right-aligned with its currency, dates as dates) and how it sorts. The
export writes the same columns, so a file holds what the screen showed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any, Generic, TypeVar

from app.domain.file_size import size_text
from app.domain.money import format_amount, format_percent
from app.domain.names import fold

Row = TypeVar("Row")


class Kind(StrEnum):
    TEXT = "text"
    INTEGER = "integer"
    MONEY = "money"  # value is a Decimal; ``currency`` reads the row's currency
    PERCENT = "percent"
    DATE = "date"
    DATETIME = "datetime"
    BOOL = "bool"
    BYTES = "bytes"  # value is an int, a file's size, shown with its unit


def reading_key(text: str) -> tuple[str, str]:
    """The order a reader expects: letters without accents or case first, then the text."""
    if text.isascii():
        return (text.casefold(), text)
    return (fold(text).casefold(), text)


@dataclass(frozen=True)
class Column(Generic[Row]):
    key: str
    header: str
    value: Callable[[Row], Any]
    kind: Kind = Kind.TEXT
    currency: Callable[[Row], str | None] | None = None
    width: int = 14  # in characters, for exports and initial column widths

    def sort_key(self, row: Row) -> tuple[int, Any]:
        """Empty values last in ascending order; text as people read it, without regard to case
        or accents (Gävle next to Gavle, not after Great Lakes), ties broken by the exact text."""
        value = self.value(row)
        if value is None or value == "":
            return (1, "")
        if isinstance(value, str):
            return (0, reading_key(value))
        if isinstance(value, StrEnum):
            return (0, str(value.label) if hasattr(value, "label") else value.value)
        return (0, value)

    def text(self, row: Row) -> str:
        """The value as a person reads it in a cell or a CSV file."""
        value = self.value(row)
        if value is None:
            return ""
        if self.kind is Kind.MONEY and isinstance(value, Decimal):
            currency = self.currency(row) if self.currency else None
            return format_amount(value, currency) if currency else format(value, "f")
        if self.kind is Kind.PERCENT and isinstance(value, Decimal):
            return format_percent(value)
        if self.kind is Kind.BYTES and isinstance(value, int):
            return size_text(value)
        if isinstance(value, datetime):
            return value.astimezone().strftime("%Y-%m-%d %H:%M")
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, bool):
            return "Yes" if value else "No"
        label = getattr(value, "label", None)
        if isinstance(label, str):
            return label
        if isinstance(value, Decimal):
            return format(value, "f")  # never "1E+1": a number as it is written
        return str(value)


def headers(columns: Sequence[Column[Any]]) -> list[str]:
    return [c.header for c in columns]
