"""Reading one cell the way a person meant it, or saying in a few words why it cannot be used.

Cells arrive as the reader gives them: ``str`` from CSV; ``str``, ``int``, ``float``, ``bool``,
``date`` or ``datetime`` from a workbook. Each reader below returns the typed value, ``None`` for
an empty cell, or raises ``BadValue`` whose text becomes the "reason" column of the report.
Numbers typed into a workbook come as ``float``; they are turned into ``Decimal`` through
``repr`` (the shortest text that gives the same float, i.e. what Excel showed), never used as
floats.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime, time
from decimal import Decimal

from app.domain.countries import country_code
from app.domain.dates import date_range_problem
from app.domain.errors import InputError
from app.domain.money import parse_decimal, parse_percent
from app.domain.text_rules import UnsafeText, check_block, check_line


class BadValue(Exception):  # noqa: N818 - a reason for the report, not a program error
    """The cell cannot be used; ``str(self)`` is the reason the report shows."""


EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
#: A host name or URL. The scheme's letters are taken all at once (``*+``): none of them is a
#: colon, so giving some back could never find the ``://``, and without it every website
#: without a scheme was tried again at each of its letters (half of the time a column of
#: 50,000 websites took to check).
HOST = re.compile(
    r"^(?:[a-z][a-z0-9+.-]*+://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z\u00a1-\uffff]{2,}"
    r"(?::\d{1,5})?(?:[/?#]\S*)?$",
    re.IGNORECASE,
)
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?$")
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$")
_TRUE = frozenset({"yes", "y", "true", "1", "x", "passed", "pass", "ok"})
_FALSE = frozenset({"no", "n", "false", "0", "failed", "fail", "not passed"})


def text(value: object) -> str | None:
    """Trimmed text on one line; a whole number typed as a number has no ``.0`` (IDs, phone
    numbers). Line breaks become spaces and control characters are refused (``check_line``)."""
    if value is None:
        return None
    if isinstance(value, str):
        try:
            stripped = check_line(value).strip()
        except UnsafeText as exc:
            raise BadValue(str(exc)) from None
        return stripped or None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise BadValue("is not a usable value")
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip() or None


def multiline_text(value: object) -> str | None:
    """Trimmed text that may span lines (notes): its line breaks are kept, control characters
    refused (``check_block``)."""
    if isinstance(value, str):
        try:
            stripped = check_block(value).strip()
        except UnsafeText as exc:
            raise BadValue(str(exc)) from None
        return stripped or None
    return text(value)


def required_text(value: object) -> str:
    result = text(value)
    if result is None:
        raise BadValue("is required")
    return result


def decimal(value: object, what: str, max_places: int | None = None) -> Decimal | None:
    """An exact number from a number cell or typed text."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool | date | time):
        raise BadValue("is not a number")
    if isinstance(value, float):
        value = Decimal(repr(value))
    try:
        return parse_decimal(value, what, max_places)
    except InputError as exc:
        raise BadValue(_reason(exc, what)) from None


def percent(value: object, what: str, max_places: int = 2) -> Decimal | None:
    """A percentage 0..100 (``12.5`` or ``"12.5%"``) with at most ``max_places`` decimals."""
    if isinstance(value, str):
        value = value.strip().removesuffix("%").strip()
    if value is None or value == "":
        return None
    if isinstance(value, float):
        value = Decimal(repr(value))
    if isinstance(value, bool | date | time):
        raise BadValue("is not a percentage")
    try:
        return parse_percent(value, what, max_places)
    except InputError as exc:
        raise BadValue(_reason(exc, what)) from None


def whole_number(value: object, minimum: int = 0, maximum: int = 2**31 - 1) -> int | None:
    """A whole number from ``minimum`` to ``maximum`` (by default what a 32-bit column holds)."""
    number = decimal(value, "number")
    if number is None:
        return None
    if number != number.to_integral_value():
        raise BadValue("is not a whole number")
    if number < minimum:
        raise BadValue(f"must be at least {minimum}")
    if number > maximum:
        raise BadValue(f"must be at most {maximum:,}")
    return int(number)


def parse_date(value: object, day_first: bool = True) -> date | None:
    """A date cell, ISO text (2026-03-01) or 01/03/2026 read day-first (or month-first), within
    the years a record may hold (``app.domain.dates``)."""
    day = _any_date(value, day_first)
    if day is not None and (reason := date_range_problem(day)) is not None:
        raise BadValue(reason)
    return day


def _any_date(value: object, day_first: bool) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise BadValue("is a number, not a date: format the cell as a date or type 2026-03-01")
    raw = str(value).strip()
    if not raw:
        return None
    try:
        if match := _ISO.match(raw):
            return date(int(match[1]), int(match[2]), int(match[3]))
        if match := _NUMERIC_DATE.match(raw):
            first, second, year = int(match[1]), int(match[2]), int(match[3])
            day, month = (first, second) if day_first else (second, first)
            return date(year, month, day)
    except ValueError:
        raise BadValue("is not a real date") from None
    order = "DD/MM/YYYY" if day_first else "MM/DD/YYYY"
    raise BadValue(f"is not a date: use a date cell, 2026-03-01 or {order}")


def boolean(value: object) -> bool | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        if value in (0, 1):
            return bool(value)
        raise BadValue("is not yes or no")
    key = " ".join(str(value).split()).casefold()
    if not key:
        return None
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise BadValue("is not yes or no")


def email(value: object) -> str | None:
    address = text(value)
    if address is None:
        return None
    if address.lower().startswith("mailto:"):
        address = address[7:].strip()
    if not EMAIL.match(address):
        raise BadValue("is not an e-mail address")
    return address


def website(value: object) -> str | None:
    site = text(value)
    if site is None:
        return None
    if not HOST.match(site):
        raise BadValue("is not a web address (e.g. example.com or https://example.com)")
    return site


def country(value: object) -> str | None:
    raw = text(value)
    if raw is None:
        return None
    code = country_code(raw)
    if code is None:
        raise BadValue("is not a country: use an ISO code (DE) or the English name (Germany)")
    return code


def choice_key(value: str) -> str:
    """How a tier, type or status is compared: case and surrounding/inner spaces ignored."""
    return " ".join(value.split()).casefold()


def choice(value: object, known: Mapping[str, str], what: str) -> str | None:
    """The canonical value of ``known`` (``choice_key`` → value) that ``value`` names."""
    raw = text(value)
    if raw is None:
        return None
    found = known.get(choice_key(raw))
    if found is None:
        values = ", ".join(sorted(set(known.values()), key=str.casefold)) or "none yet"
        raise BadValue(f"is not a known {what}: use one of {values}")
    return found


def currency(value: object) -> str | None:
    raw = text(value)
    if raw is None:
        return None
    code = raw.upper()
    if len(code) != 3 or not code.isascii() or not code.isalpha():
        raise BadValue("is not a currency code: use three letters such as EUR")
    return code


def _reason(exc: InputError, what: str) -> str:
    """The part of a money/percent message after its ``what: 'value'`` prefix: the report
    line quotes the cell itself, so the reason does not say the value again."""
    message = str(exc).rstrip(".").removeprefix(f"{what}: ")
    if message.startswith("'") and "' " in message:
        return message.rsplit("' ", 1)[1]  # no reason holds "' ", the value may
    return message
