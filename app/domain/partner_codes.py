"""The Partner IDs the application gives: ``P-1061``, numbered on from the highest in use.

A partner created in the application, or imported without an ID, gets the next number, so
every partner can be named by its ID in a quote, an import or a conversation. Numbers only go
up (the last one given is kept, see ``app.services.partners.codes``), so a deleted partner's
ID is never given to another. IDs people typed themselves are kept as they are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

PREFIX = "P-"
#: Where numbering starts in an empty database (the first ID is ``P-1001``).
FIRST_AFTER = 1000
_NUMBERED = re.compile(r"P-(\d{1,12})", re.IGNORECASE)


def code_number(code: str | None) -> int | None:
    """The number of an ID of ours (``P-1042`` → 1042), else None."""
    found = _NUMBERED.fullmatch((code or "").strip())
    return int(found.group(1)) if found else None


def next_codes(count: int, last: int, taken: Iterable[str]) -> tuple[list[str], int]:
    """``count`` new IDs numbered after ``last`` and after every numbered ID in ``taken``
    (skipping none: a number above them all is free); and the new last number."""
    highest = max((n for n in map(code_number, taken) if n is not None), default=0)
    start = max(last, highest, FIRST_AFTER)
    codes = [f"{PREFIX}{start + n}" for n in range(1, count + 1)]
    return codes, start + count
