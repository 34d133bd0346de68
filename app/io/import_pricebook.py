"""A price-book file as mapped sheets: Prices, Tiers, Volume and Settings (SPEC.md, "Import").

A workbook may hold any of the four sheets (names in any case); a workbook with none of them, or
a CSV file, is read as the Prices sheet alone, since that is the list people keep. ``--sheet``
names the sheet to read as Prices. How the sheets are found is shared with every kind of
several sheets (``import_sheets``).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from app.domain.importing.sheet import MappedSheet
from app.io.import_sheets import read_sheets


def read_pricebook(
    path: Path | str, sheet: str | None = None, mapping: Iterable[str] = ()
) -> dict[str, MappedSheet]:
    """The price-book sheets found in ``path`` by their SPEC.md names; refuses an unusable file."""
    return read_sheets("pricebook", path, sheet, mapping)
