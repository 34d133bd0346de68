"""A partner's territories: the countries it takes leads for (SPEC.md, "Leads and fair
distribution").

People type them as they type a country elsewhere, ISO codes or English names ("DE; Austria,
CH"), separated by ``;`` or ``,``. They are stored one way only, alpha-2 codes upper-case,
sorted, without repeats and joined by ``;`` (``AT;CH;DE``), so the same territories always read
the same, a re-import changes nothing, and routing compares codes. No territories (``None``)
means the partner's own country. The partner dialog and the partners import read the cell
through ``parse_territories``, so both accept and refuse the same text.
"""

from __future__ import annotations

import re

from app.domain.countries import country_code
from app.domain.importing import values as v

SEPARATOR = ";"
_PARTS = re.compile(r"[;,]")


def parse_territories(value: object) -> str | None:
    """The stored form of the territories in ``value`` (``None`` when empty); ``BadValue``
    naming every part that is not a country.

    A part is split at ``,`` only when it is not a country name as a whole, so a name written
    with a comma ("Korea, Republic of") stays one country.
    """
    text = v.text(value)
    if text is None:
        return None
    codes: set[str] = set()
    unknown: list[str] = []
    for part in text.split(SEPARATOR):
        whole = country_code(part) if part.strip() else None
        pieces = [part] if whole is not None else _PARTS.split(part)
        for piece in pieces:
            if not piece.strip():
                continue
            code = country_code(piece)
            if code is None:
                unknown.append(" ".join(piece.split()))
            else:
                codes.add(code)
    if unknown:
        named = ", ".join(f"'{item}'" for item in unknown[:5])
        more = f" and {len(unknown) - 5} more" if len(unknown) > 5 else ""
        raise v.BadValue(
            f"names {named}{more}, not a country: use ISO codes (DE) or English names "
            "(Germany) separated by ; or ,"
        )
    return SEPARATOR.join(sorted(codes)) if codes else None


def territory_codes(stored: str | None, own_country: str | None) -> frozenset[str]:
    """The countries a partner takes leads for: its territories, or its own country when it
    has none (and nothing when it has neither)."""
    if stored:
        return frozenset(code for code in stored.split(SEPARATOR) if code)
    return frozenset({own_country.upper()}) if own_country else frozenset()
