"""A workbook of several named sheets as mapped sheets: the price book (Prices, Tiers, Volume,
Settings), the lead rules (Grades, Tier weights, Settings) and the like (SPEC.md, "Import").

A workbook may hold any of the kind's sheets (names in any case, spaces around them ignored).
A kind with a default sheet (``SHEET_DEFAULT``: the price book's Prices) reads a CSV file, or a
workbook with none of its sheets, as that sheet alone, since that is the list people keep, and
``--sheet`` names the sheet to read as it; any other kind refuses such a file and names the
sheets it looks for. A ``--map`` entry applies to the sheet whose columns it names.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from app.domain.errors import InputError
from app.domain.importing.fields import SHEET_DEFAULT, SHEET_FIELDS
from app.domain.importing.headers import HEADER_SEARCH_ROWS, header_key, parse_overrides
from app.domain.importing.sheet import MappedSheet
from app.io.import_sheet import map_sheet
from app.io.readers import open_table, sheet_names
from app.io.readers.signature import check_signature


def read_sheets(
    kind: str, path: Path | str, sheet: str | None = None, mapping: Iterable[str] = ()
) -> dict[str, MappedSheet]:
    """The sheets of ``kind`` found in ``path`` by their SPEC.md names; refuses an unusable file
    or, for a kind without a default sheet, a file with none of its sheets."""
    kinds = SHEET_FIELDS[kind]
    default = SHEET_DEFAULT.get(kind)
    items = list(mapping)
    target = Path(path).expanduser()
    is_csv = target.is_file() and check_signature(target) == "csv"
    names = [] if is_csv or not target.is_file() else sheet_names(target)
    present = {name.strip().casefold(): name for name in names}
    wanted: dict[str, str | None] = {
        name: present[name.casefold()] for name in kinds if name.casefold() in present
    }
    if default is not None and sheet is not None:
        wanted = {default: sheet}
    elif not wanted and default is not None:
        wanted = {default: None}
    elif not wanted:
        if not target.is_file():
            open_table(path, None)  # says what is wrong with the file itself
        raise InputError(
            f"{target.name} has none of the sheets {', '.join(kinds)}: name the sheets so "
            "(a CSV file holds one sheet only: use a workbook)."
        )
    result: dict[str, MappedSheet] = {}
    used: set[str] = set()
    for name, sheet_name in wanted.items():
        fields = kinds[name]
        labels = {f.name for f in fields} | {f.label.casefold() for f in fields}
        present_headers = _header_keys(path, sheet_name) if len(wanted) > 1 else set()
        own = [
            m for m in items
            if len(wanted) == 1
            or (_target(m) in labels and header_key(m.partition("=")[0]) in present_headers)
        ]  # fmt: skip
        used.update(own)
        raw = open_table(path, sheet_name)
        result[name] = map_sheet(raw, fields, parse_overrides(own, fields))
    unused = [m for m in items if m not in used]
    if unused:
        examples = ", ".join(f.name for name in wanted for f in kinds[name])
        raise InputError(
            f"--map '{unused[0]}' names no column of the sheets {', '.join(wanted)}: check the "
            f"header text and the field ({examples})."
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
