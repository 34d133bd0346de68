"""Finding the header row and mapping its columns to fields, without regard to case or punctuation.

Workbooks from the field have title rows above the table ("Partner list Q3", a date, a blank
line), headers such as "E-mail" or "Partner level", and columns the import does not know. The
header is the row among the first ``HEADER_SEARCH_ROWS`` that names the most known fields (and at
least one required one); other columns are ignored. ``--map "Header=field"`` wins over synonyms.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from app.domain.errors import InputError
from app.domain.importing.fields import Field
from app.domain.names import fold
from app.domain.text_rules import printable

#: How far down the header may be: title blocks are a few rows, never a screenful.
HEADER_SEARCH_ROWS = 30
#: A ``--map`` target that means "do not import this column".
IGNORE = ("", "-", "ignore", "skip")

_NON_WORD = re.compile(r"[^0-9a-z%#]+")


def header_key(text: object) -> str:
    """``" E-Mail  Address "`` → ``"e mail address"``; ``"Discount (%)"`` → ``"discount %"``."""
    folded = fold(str(text if text is not None else "")).casefold()
    folded = folded.replace("%", " % ").replace("#", " # ")
    return " ".join(_NON_WORD.sub(" ", folded).split())


def cell_header(value: object) -> str:
    """The text of a header cell as the user sees it (numbers without ``.0``)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


@dataclass(frozen=True)
class ColumnMap:
    """Which column holds which field: ``columns[field] = (index, header text)``."""

    header_row: int  # as Excel shows it (1-based)
    columns: dict[str, tuple[int, str]]
    ignored: tuple[str, ...]  # headers of columns nobody asked for

    def header_of(self, field: str) -> str:
        return self.columns[field][1]


def synonym_index(fields: Sequence[Field]) -> dict[str, str]:
    """Normalised header text → field name; a field's own label and name count as synonyms."""
    index: dict[str, str] = {}
    for field in fields:
        for text in (field.label, field.name.replace("_", " "), *field.synonyms):
            index.setdefault(header_key(text), field.name)
    return index


class Overrides(dict[str, str]):
    """``--map`` as normalised header → field, remembering each header as the person gave it,
    so a message names what was typed ("Firm Name!") rather than its matching form."""

    def __init__(self) -> None:
        super().__init__()
        self.given: dict[str, str] = {}

    def shown(self, key: str) -> str:
        """The header behind ``key`` as given, quoted and escaped for a message."""
        return given_text(self.given.get(key, key))


def given_text(text: str, limit: int = 60) -> str:
    """What a person typed, quoted for a one-line message: control characters escaped
    (``'\\x1b'``) and a long text cut short, so the message still fits a line."""
    shown = printable(text, one_line=True)
    if len(shown) > limit:
        shown = shown[: limit - 1] + "…"
    return f"'{shown}'"


def parse_overrides(items: Iterable[str], fields: Sequence[Field]) -> Overrides:
    """``["Firm=name", "Lvl=tier"]`` → ``{"firm": "name", "lvl": "tier"}`` (keys normalised).

    The target may be a field's name or label in any case; an empty target, ``-`` or ``ignore``
    leaves the column out. A header with no letter or digit matches no column (a header cell
    is matched by its letters and digits), so it is refused here, naming it.
    """
    by_key = {header_key(f.name.replace("_", " ")): f.name for f in fields}
    by_key.update({header_key(f.label): f.name for f in fields})
    result = Overrides()
    for item in items:
        header, sep, target = item.partition("=")
        if not sep or not header.strip():
            raise InputError(
                f'--map {given_text(item)}: write it as "Header=field", e.g. "Firm=name".'
            )
        key = header_key(header)
        if not key:
            raise InputError(
                f"--map {given_text(item)}: the header {given_text(header)} has no letter or "
                "digit, so it names no column; write the column's header as the file has it."
            )
        result.given.setdefault(key, header.strip())
        wanted = header_key(target)
        if wanted in IGNORE:
            result[key] = ""
            continue
        if wanted not in by_key:
            known = ", ".join(f.name for f in fields)
            raise InputError(
                f"--map {given_text(item)}: {given_text(target.strip())} is not a field; use "
                f"one of {known}."
            )
        result[key] = by_key[wanted]
    return result


def _match(
    row: Sequence[object], index: dict[str, str], overrides: dict[str, str]
) -> dict[str, int]:
    found: dict[str, int] = {}
    for position, value in enumerate(row):
        key = header_key(cell_header(value))
        if not key:
            continue
        field = overrides[key] if key in overrides else index.get(key)
        if field and field not in found:
            found[field] = position
    return found


def find_header(
    rows: Sequence[tuple[int, Sequence[object]]],
    fields: Sequence[Field],
    overrides: dict[str, str],
    where: str,
) -> ColumnMap:
    """The header among ``rows`` (``(row number, cells)``) and its columns; refuse if none.

    The best row names the most fields and at least one required field (any field if the kind
    has none required); ties go to the higher row.
    """
    index = synonym_index(fields)
    required = {f.name for f in fields if f.required} or {f.name for f in fields}
    best: tuple[int, int, dict[str, int], Sequence[object]] | None = None
    for number, cells in rows[:HEADER_SEARCH_ROWS]:
        found = _match(cells, index, overrides)
        if not required & found.keys():
            continue
        if best is None or len(found) > len(best[2]):
            best = (number, len(found), found, cells)
    if best is None:
        wanted = ", ".join(f.label for f in fields if f.required) or fields[0].label
        raise InputError(
            f"No header row found in {where}: none of the first {HEADER_SEARCH_ROWS} rows names "
            f"the column(s) {wanted}. Add a header row, or name the columns with --map "
            f'"Header=field".'
        )
    number, _, found, cells = best
    missing = [f.label for f in fields if f.required and f.name not in found]
    if missing:
        present = ", ".join(repr(cell_header(c)) for c in cells if cell_header(c)) or "none"
        raise InputError(
            f"{where} has no column {', '.join(repr(m) for m in missing)} (required); its headers "
            f'are {present}. Rename the column or use --map "Header=field".'
        )
    columns = {field: (position, cell_header(cells[position])) for field, position in found.items()}
    used = {position for position, _ in columns.values()}
    ignored = tuple(cell_header(c) for i, c in enumerate(cells) if i not in used and cell_header(c))
    return ColumnMap(number, columns, ignored)
