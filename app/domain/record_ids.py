"""Reading a record's number (its row id, a revision) from what a person typed.

A database integer holds at most 2**63 - 1; a longer run of digits handed to a query fails in
the driver ("Python int too large to convert to SQLite INTEGER") instead of simply finding
nothing. ``str.isdigit`` also accepts digits that ``int`` refuses (``"²"``). So every typed
number that names a record is read here: ASCII digits within the database's range, else none.
"""

from __future__ import annotations

#: The largest value a 64-bit signed integer column holds (SQLite and PostgreSQL's bigint).
MAX_RECORD_ID = 2**63 - 1


def record_number(text: str) -> int | None:
    """The number ``text`` names (ASCII digits, 1 to ``MAX_RECORD_ID``), else ``None``."""
    digits = text.strip()
    if not digits or len(digits) > 19 or not (digits.isascii() and digits.isdigit()):
        return None
    number = int(digits)
    return number if 1 <= number <= MAX_RECORD_ID else None


def in_record_range(number: int) -> bool:
    """Whether ``number`` can name a stored record at all (a JSON number, an option's value)."""
    return 1 <= number <= MAX_RECORD_ID
