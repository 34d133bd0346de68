"""A price-book file as mapped sheets: Prices, Tiers, Volume and Settings (SPEC.md, "Import").

A workbook may hold any of the four sheets (names in any case); a workbook with none of them, or
a CSV file, is read as the Prices sheet alone, since that is the list people keep. ``--sheet``
names the sheet to read as Prices. A ``--map`` entry applies to the sheet whose columns it names.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from app.domain.errors import InputError
from app.domain.importing.fields import FIELDS, PRICEBOOK_SHEETS
from app.domain.importing.headers import HEADER_SEARCH_ROWS, header_key, parse_overrides
from app.domain.importing.sheet import MappedSheet
from app.io.import_sheet import map_sheet
from app.io.readers import open_table, sheet_names
from app.io.readers.signature import check_signature


def read_pricebook(
    path: Path | str, sheet: str | None = None, mapping: Iterable[str] = ()
) -> dict[str, MappedSheet]:
    """The price-book sheets found in ``path`` by their SPEC.md names; refuses an unusable file."""
    items = list(mapping)
    target = Path(path).expanduser()
    is_csv = target.is_file() and check_signature(target) == "csv"
    names = [] if is_csv or not target.is_file() else sheet_names(target)
    present = {name.strip().casefold(): name for name in names}
    wanted = {
        kind: present[kind.casefold()] for kind in PRICEBOOK_SHEETS if kind.casefold() in present
    }
    if sheet is not None:
        wanted = {"Prices": sheet}
    elif not wanted:
        wanted = {"Prices": None}  # type: ignore[dict-item]
    result: dict[str, MappedSheet] = {}
    used: set[str] = set()
    for kind, name in wanted.items():
        fields = FIELDS[kind]
        labels = {f.name for f in fields} | {f.label.casefold() for f in fields}
        present_headers = _header_keys(path, name) if len(wanted) > 1 else set()
        own = [
            m for m in items
            if len(wanted) == 1
            or (_target(m) in labels and header_key(m.partition("=")[0]) in present_headers)
        ]  # fmt: skip
        used.update(own)
        raw = open_table(path, name)
        result[kind] = map_sheet(raw, fields, parse_overrides(own, fields))
    unused = [m for m in items if m not in used]
    if unused:
        raise InputError(
            f"--map '{unused[0]}' names no column of the sheets {', '.join(wanted)}: check the "
            "header text and the field (list_price, discount_pct, min_qty, target, …)."
        )
    return result


def _header_keys(path: Path | str, sheet: str | None) -> set[str]:
    """Every cell text near the top of ``sheet``: a ``--map`` applies where its header is."""
    keys: set[str] = set()
    for count, (_number, cells) in enumerate(open_table(path, sheet).rows):
        if count >= HEADER_SEARCH_ROWS:
            break
        keys.update(header_key(c) for c in cells if c not in (None, ""))
    return keys


def _target(item: str) -> str:
    return item.partition("=")[2].strip().casefold().replace(" ", "_")
