"""What the MDF dialogs share: an amount typed in the allocation's currency, a date field, and
the step written through a service with its refusal shown in the dialog."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QLineEdit

from app.domain.errors import AppError
from app.domain.money import format_amount, parse_decimal

AmountOrProblem = tuple[Decimal | None, str | None]


def amount_line(value: Decimal | None, currency: str) -> QLineEdit:
    """A line for an amount of ``currency``, showing ``value`` as the screens write it."""
    line = QLineEdit(format_amount(value, currency) if value is not None else "")
    line.setPlaceholderText(f"Amount in {currency}")
    return line


def read_amount(text: str, what: str) -> AmountOrProblem:
    """(the amount typed, None) or (None, why it is not one), for the field's problem line."""
    if not text.strip():
        return None, f"Give the {what}."
    try:
        return parse_decimal(text, what), None
    except (AppError, TypeError) as exc:
        return None, str(exc)[:1].upper() + str(exc)[1:]


def day_edit(value: date) -> QDateEdit:
    edit = QDateEdit(QDate(value.year, value.month, value.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumWidth(130)
    return edit


def day_of(edit: QDateEdit) -> date:
    shown = edit.date()
    return date(shown.year(), shown.month(), shown.day())
