"""Exact money: every amount is a ``Decimal``, rounded in this one place.

Rounding is ROUND_HALF_UP to the currency's ISO 4217 minor unit (SPEC.md, "Pricing rules").
Nothing here accepts a ``float``: a float has already lost the exact value the user typed.
"""

from __future__ import annotations

import functools
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from app.domain.errors import InputError

# ISO 4217 minor units that differ from the usual two decimals.
_MINOR_UNITS: dict[str, int] = {
    "BIF": 0, "CLP": 0, "DJF": 0, "GNF": 0, "ISK": 0, "JPY": 0, "KMF": 0, "KRW": 0, "PYG": 0,
    "RWF": 0, "UGX": 0, "UYI": 0, "VND": 0, "VUV": 0, "XAF": 0, "XOF": 0, "XPF": 0,
    "BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3,
    "CLF": 4, "UYW": 4,
}  # fmt: skip

#: Currencies offered in pickers; any ISO-looking three-letter code is accepted.
COMMON_CURRENCIES: tuple[str, ...] = (
    "EUR", "USD", "GBP", "CHF", "JPY", "CAD", "AUD", "SEK", "NOK", "DKK", "PLN", "KWD", "BHD",
)  # fmt: skip

#: Exact decimals kept in storage: enough for every minor unit (CLF has 4).
STORAGE_DECIMALS = 4

ZERO = Decimal(0)
HUNDRED = Decimal(100)


@functools.cache
def minor_unit(currency: str) -> int:
    """Number of decimals of ``currency`` (ISO 4217); 2 unless listed otherwise. Remembered per
    code: a quote PDF asks for it at every figure (a refused code raises and is not kept)."""
    return _MINOR_UNITS.get(normalize_currency(currency), 2)


def normalize_currency(currency: str) -> str:
    """Upper-case three-letter code; refuse anything else with a message the user can act on."""
    code = (currency or "").strip().upper()
    if len(code) != 3 or not code.isascii() or not code.isalpha():
        raise InputError(f"'{currency}' is not a currency code: use three letters such as EUR.")
    return code


@functools.lru_cache(maxsize=256)  # a few currencies, asked for by every total of a scan
def quantum(currency: str) -> Decimal:
    """The smallest amount of ``currency``: 0.01 for EUR, 1 for JPY, 0.001 for KWD."""
    return Decimal(1).scaleb(-minor_unit(currency))


def round_money(amount: Decimal, currency: str) -> Decimal:
    """Round half up to the currency's minor unit: the only rounding of money in the product."""
    if not isinstance(amount, Decimal):
        raise TypeError(f"money must be a Decimal, not {type(amount).__name__}")
    return amount.quantize(quantum(currency), ROUND_HALF_UP)


#: How far from the point a typed number's digits may reach: far past any amount or percentage
#: (each kind's rule names its own bound, e.g. a course's cost), and far inside what ``Decimal``
#: takes before ``normalize`` overflows (``1e999999999``).
MAX_DIGITS = 1000


def parse_decimal(text: object, what: str = "amount", max_places: int | None = None) -> Decimal:
    """Read a number the user typed (``"1,234.50"``, ``"19"``, an ``int``) as an exact Decimal.

    Thousands separators (comma, space, apostrophe) are dropped. ``float`` is refused: it has
    already lost the exact value. ``max_places`` caps the decimals (2 for discounts, 4 for tax).
    """
    if isinstance(text, bool | float):
        raise TypeError(f"{what}: exact numbers only, not {type(text).__name__}")
    if isinstance(text, Decimal):
        value = text
    elif isinstance(text, int):
        value = Decimal(text)
    else:
        cleaned = str(text).strip().replace(",", "").replace("'", "").replace(" ", "")
        cleaned = cleaned.replace("\u00a0", "").replace("\u202f", "")
        try:
            value = Decimal(cleaned)
        except InvalidOperation:
            raise InputError(f"{what}: '{text}' is not a number.") from None
    if not value.is_finite():
        raise InputError(f"{what}: '{text}' is not a number.")
    if value.is_zero():
        exponent = value.as_tuple().exponent  # an int: the value is finite
        value = Decimal(0) if isinstance(exponent, int) and exponent < -MAX_DIGITS else value
    elif value.adjusted() >= MAX_DIGITS:  # beyond any amount, and beyond what Decimal can round
        raise InputError(f"{what}: '{_brief(text)}' is too large.")
    elif value.adjusted() < -MAX_DIGITS:
        raise InputError(f"{what}: '{_brief(text)}' has too many decimals.")
    if max_places is not None and decimal_places(value) > max_places:
        raise InputError(f"{what}: '{text}' has more than {max_places} decimals.")
    return value


#: The largest amount a record may hold: money is stored as BIGINT of 1/10,000 units.
MAX_AMOUNT = Decimal(10) ** 14


def amount_problem(amount: Decimal) -> str | None:
    """Why ``amount`` cannot be stored as money (too large for its column), or ``None``."""
    if abs(amount) >= MAX_AMOUNT:
        return f"must be less than {MAX_AMOUNT:,}"
    return None


def _brief(text: object) -> str:
    shown = str(text)
    return shown if len(shown) <= 40 else shown[:37] + "..."


def decimal_places(value: Decimal) -> int:
    """How many decimals ``value`` really has (trailing zeros do not count)."""
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def parse_percent(text: object, what: str = "percentage", max_places: int = 2) -> Decimal:
    """A percentage in 0..100 with at most ``max_places`` decimals (2 for discounts, 4 for tax)."""
    value = parse_decimal(text, what, max_places)
    if value < 0 or value > HUNDRED:
        raise InputError(f"{what}: '{_brief(text)}' is not between 0 and 100.")
    return value


def format_amount(amount: Decimal, currency: str, thousands: str = ",", point: str = ".") -> str:
    """``1234.5`` EUR → ``1,234.50``: the one way the product writes an amount as text.

    Half up to the currency's decimals (``round_money``), grouped by ``thousands``, ``point``
    before the decimals; a locale setting passes its own two. Every screen, the PDF, the command
    line, mail and JSON (``amount_text``) call this, so they show the same digits for the same
    amount. Never ``-0.00``: an amount that rounds to zero has no sign.
    """
    value = round_money(amount, currency)
    sign = "-" if value < 0 else ""  # a rounded -0.001 is -0.00 to Decimal: shown as 0.00
    # Decimal's own formatting is exact (no float) and the value is already rounded, so the
    # format's own rounding never applies; its "," and "." are swapped for the locale's after.
    text = f"{sign}{abs(value):,.{minor_unit(currency)}f}"
    if thousands == "," and point == ".":
        return text
    return text.translate({ord(","): thousands, ord("."): point})


def format_money(amount: Decimal, currency: str, thousands: str = ",", point: str = ".") -> str:
    """``EUR 1,234.50``: the figure with its currency code, as quotes print it."""
    return f"{normalize_currency(currency)} {format_amount(amount, currency, thousands, point)}"


def amount_text(amount: Decimal, currency: str) -> str:
    """``1234.5`` EUR → ``1234.50``: a plain decimal string to the currency's minor unit, for
    JSON (SPEC.md: "amounts are decimal strings to the currency's minor unit") and for fields a
    person edits. The same digits as ``format_amount``, without the grouping."""
    return format_amount(amount, currency, thousands="")


def exact_amount_text(value: Decimal, places: int) -> str:
    """A Decimal as plain digits, **not rounded**: at least ``places`` decimals, never fewer
    than it really has (``1234.5678`` stays so at 2 places). For files read back by an import,
    where rounding would change the stored value; never ``-0.00``."""
    if decimal_places(value) <= places:
        value = value.quantize(Decimal(1).scaleb(-places))
    else:
        value = value.normalize()  # 12.5000 stored → 12.5
    if value == 0:
        value = abs(value)
    return format(value, "f")


def percent_number(value: Decimal) -> str:
    """``Decimal('12.5000')`` → ``12.5``, ``100.00`` → ``100``, zero → ``0``: a percentage as
    it was typed, without its "%" (JSON, snapshots, edit fields, and ``format_percent``)."""
    return "0" if value == 0 else format(value.normalize(), "f")


def format_percent(value: Decimal) -> str:
    """``Decimal('12.50')`` → ``12.5%``; whole numbers without decimals."""
    return f"{percent_number(value)}%"
