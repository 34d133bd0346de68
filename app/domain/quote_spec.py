"""A quote request as SPEC.md's JSON gives it, checked completely before anything is looked up.

Every problem is collected (one line each), so a person fixing a spec file sees them all at once
instead of one per run. Numbers may be JSON strings (``"19"``) or JSON numbers read exactly
(the reader passes ``parse_float=Decimal``); a ``float`` is refused because it is already inexact.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from app.domain.dates import date_range_problem
from app.domain.errors import InputError
from app.domain.money import normalize_currency, parse_percent
from app.domain.pricing import DISCOUNT_PLACES, MAX_QUANTITY, TAX_RATE_PLACES, LineRequest
from app.domain.record_ids import in_record_range
from app.domain.text_rules import UnsafeText, check_line, unsafe_reason

TOP_KEYS = frozenset({"partner", "account", "date", "currency", "tax_rate", "lines"})
LINE_KEYS = frozenset({"sku", "qty", "special"})
REQUIRED = ("partner", "account", "currency", "lines")


@dataclass(frozen=True, slots=True)
class QuoteSpec:
    """What to quote: partner and account by name or ID, date, currency, tax rate, lines."""

    partner: str
    account: str
    quote_date: date
    currency: str
    tax_rate_pct: Decimal | None
    lines: tuple[LineRequest, ...]


def parse_quote_spec(data: object, today: date) -> QuoteSpec:
    """The checked spec, or one ``InputError`` listing every problem (one per line)."""
    problems: list[str] = []
    if not isinstance(data, Mapping):
        raise InputError('The quote spec must be a JSON object such as {"partner": …}.')
    for key in sorted(set(map(str, data)) - TOP_KEYS):
        problems.append(f"Unknown key '{key}'; the keys are {', '.join(sorted(TOP_KEYS))}.")
    for key in REQUIRED:
        if key not in data or data[key] in (None, "", []):
            problems.append(f"'{key}' is missing.")
    partner = _text(data.get("partner"), "partner", problems)
    account = _text(data.get("account"), "account", problems)
    quote_date = _date(data.get("date"), today, problems)
    currency = _currency(data.get("currency"), problems)
    tax = _read(tax_rate, data.get("tax_rate"), "'tax_rate'", problems)
    lines = _lines(data.get("lines"), problems)
    if problems:
        raise InputError("\n".join(problems))
    return QuoteSpec(partner, account, quote_date, currency, tax, lines)


def special_discount(value: object, what: str = "Special discount") -> Decimal:
    """A line's special discount as typed (empty is none): at most 2 decimals, 0 to 100.
    The spec file and the quote editor read it here, so both take and refuse the same text."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return Decimal(0)
    return parse_percent(value, what, DISCOUNT_PLACES)


def tax_rate(value: object, what: str = "Tax rate") -> Decimal | None:
    """The quote's tax rate as typed (empty: the default setting): at most 4 decimals, 0 to
    100. The spec file and the quote editor read it here."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return parse_percent(value, what, TAX_RATE_PLACES)


def _text(value: Any, what: str, problems: list[str]) -> str:
    if value is None or value == "":
        return ""  # reported as missing
    if isinstance(value, bool) or not isinstance(value, str | int):
        problems.append(f"'{what}' must be a name or an ID, not {_shown(value)}.")
        return ""
    if isinstance(value, int) and not in_record_range(value):
        problems.append(f"'{what}': {value} is not an ID (IDs are whole numbers from 1).")
        return ""
    try:
        return check_line(str(value)).strip()
    except UnsafeText as exc:
        problems.append(f"'{what}' {exc}.")
        return ""


def _shown(value: Any) -> str:
    """A wrong value as a message repeats it: a number as written, anything else as Python
    shows it, and short whatever its size."""
    if isinstance(value, list | dict):
        return "a list" if isinstance(value, list) else "an object"
    text = str(value) if isinstance(value, int | Decimal) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _date(value: Any, today: date, problems: list[str]) -> date:
    if value is None or value == "":
        return today
    if not isinstance(value, str):
        problems.append(f"'date': {_shown(value)} is not a date; write it as \"YYYY-MM-DD\".")
        return today
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        problems.append(f"'date': {_shown(value)} is not a date; write it as YYYY-MM-DD.")
        return today
    reason = date_range_problem(day)
    if reason is not None:
        problems.append(f"'date': {value.strip()} {reason}.")
        return today
    return day


def _currency(value: Any, problems: list[str]) -> str:
    if value is None or value == "":
        return ""
    try:
        return normalize_currency(str(value))
    except InputError as exc:
        problems.append(f"'currency': {exc}")
        return ""


def _read(
    reader: Callable[[object, str], Decimal | None], value: Any, what: str, problems: list[str]
) -> Decimal | None:
    """``reader``'s value, or ``None`` with the problem collected."""
    try:
        return reader(value, what)
    except InputError as exc:
        problems.append(str(exc))
    except TypeError:
        problems.append(f"{what}: {value!r} is not an exact number; write it as text.")
    return None


def _quantity(value: Any, where: str, problems: list[str]) -> int:
    number: Decimal | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = Decimal(value)
    elif isinstance(value, Decimal | str):
        try:
            number = Decimal(str(value).strip().replace(",", ""))
        except ArithmeticError:
            number = None
    if number is None or not number.is_finite() or number != number.to_integral_value():
        shown = value if isinstance(value, str) else _shown(value)
        problems.append(f"{where}: 'qty' {shown} is not a whole number.")
        return 1
    if number < 1 or number > MAX_QUANTITY:
        problems.append(f"{where}: 'qty' {_shown(value)} must be from 1 to {MAX_QUANTITY:,}.")
        return 1
    return int(number)


def _lines(value: Any, problems: list[str]) -> tuple[LineRequest, ...]:
    if value is None or value == []:
        return ()
    if not isinstance(value, list):
        problems.append('\'lines\' must be a list of {"sku", "qty", "special"} objects.')
        return ()
    lines: list[LineRequest] = []
    for index, raw in enumerate(value, start=1):
        where = f"Line {index}"
        if not isinstance(raw, Mapping):
            problems.append(f'{where}: must be an object such as {{"sku": …, "qty": 1}}.')
            continue
        before = len(problems)
        for key in sorted(set(map(str, raw)) - LINE_KEYS):
            problems.append(f"{where}: unknown key '{key}'; the keys are qty, sku, special.")
        sku = raw.get("sku")
        if not isinstance(sku, str) or not sku.strip():
            problems.append(f"{where}: 'sku' is missing.")
        elif (unsafe := unsafe_reason(sku)) is not None:
            problems.append(f"{where}: 'sku' {unsafe}.")
            sku = None
        if "qty" not in raw:
            problems.append(f"{where}: 'qty' is missing.")
        qty = _quantity(raw.get("qty"), where, problems) if "qty" in raw else 1
        special = _read(special_discount, raw.get("special"), f"{where}: 'special'", problems)
        if len(problems) == before and isinstance(sku, str):
            lines.append(LineRequest(sku.strip(), qty, special or Decimal(0)))
    return tuple(lines)
