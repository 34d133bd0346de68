"""Parsing a column of cells at once: the same answers as parsing cell by cell, sooner.

An import of 50,000 rows parses 600,000 cells. Most columns either repeat a few values (tier,
country, type, a date shared by many rows), parsed here once per distinct value, or hold plain
text, trimmed here without a function call per cell. Everything else goes cell by cell.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from re import Pattern

from app.domain.importing import values as v
from app.domain.text_rules import UNSAFE

#: What ``_texts`` leaves to the cell by cell ``v.text``: unsafe characters and breaks.
_NOT_QUICK = re.compile(UNSAFE.pattern[:-1] + "\t\n\v\f\r\x85\u2028\u2029]")

Parser = Callable[[object], object]
Errors = list[tuple[int, str]]


@dataclass(frozen=True)
class Limited:
    """``parser``, then text longer than ``limit`` characters is refused (what the column holds)."""

    parser: Parser
    limit: int

    def __call__(self, raw: object) -> object:
        value = self.parser(raw)
        if isinstance(value, str) and len(value) > self.limit:
            raise v.BadValue(self.reason)
        return value

    @property
    def reason(self) -> str:
        return f"is longer than {self.limit} characters"


def parse_column(parser: Parser, cells: list[object]) -> tuple[list[object], Errors]:
    """Every cell of one column through ``parser``: (values, [(index, reason), …]).

    A bad cell's value is ``None``; its reason is what ``parser`` said of it.
    """
    if isinstance(parser, Limited):
        return _limited(parser, cells)
    distinct = _distinct(cells)
    if distinct is not None and len(distinct) * 2 <= len(cells):
        return _by_distinct_value(parser, cells, distinct)
    quick = _QUICK.get(parser)
    if quick is not None:
        try:
            return quick(cells), []
        except v.BadValue:
            pass  # some cell is bad: the cell by cell loop below says which and why
    values: list[object] = []
    errors: Errors = []
    append = values.append
    for index, raw in enumerate(cells):
        try:
            append(parser(raw))
        except v.BadValue as exc:
            append(None)
            errors.append((index, str(exc)))
    return values, errors


def _limited(parser: Limited, cells: list[object]) -> tuple[list[object], Errors]:
    values, errors = parse_column(parser.parser, cells)
    try:  # text or None, as a text parser gives: measured without a Python loop
        longest = max(map(len, filter(None, values)), default=0)  # type: ignore[arg-type]
    except TypeError:  # some other kind of value
        longest = max((len(x) for x in values if isinstance(x, str)), default=0)
    if longest > parser.limit:
        errors = sorted(errors + [
            (n, parser.reason) for n, x in enumerate(values)
            if isinstance(x, str) and len(x) > parser.limit
        ])  # fmt: skip
        for index, _ in errors:
            values[index] = None
    return values, errors


def _by_distinct_value(
    parser: Parser, cells: list[object], distinct: set[object]
) -> tuple[list[object], Errors]:
    answers: dict[object, object] = {}
    refused: dict[object, str] = {}
    for raw in distinct:
        try:
            answers[raw] = parser(raw)
        except v.BadValue as exc:
            refused[raw] = str(exc)
    values = list(map(answers.get, cells))
    if not refused:
        return values, []
    return values, [(n, refused[raw]) for n, raw in enumerate(cells) if raw in refused]


def _texts(cells: list[object]) -> list[str | None]:
    """``v.text`` of every cell, without a Python call per cell for text and whole numbers; a
    column with any control character or line break (``BadValue``) goes cell by cell instead,
    where ``v.text`` refuses the one or turns the other into a space."""
    if _NOT_QUICK.search(_joined(cells)):
        raise v.BadValue("a cell holds a control character or a line break")
    return _trimmed(cells)


def _joined(cells: list[object]) -> str:
    """The text cells as one string, as read: searched before trimming, because ``str.strip``
    takes the separator controls U+001C to U+001F off the ends as if they were spaces, where
    ``v.text`` refuses them."""
    try:
        return "".join(cells)  # type: ignore[arg-type]
    except TypeError:  # an empty cell, a number or a date among them
        return "".join([x for x in cells if isinstance(x, str)])


def _trimmed(cells: list[object]) -> list[str | None]:
    """Each cell trimmed, as ``v.text`` trims it.

    A column of text only (names, e-mail addresses, cities) is trimmed by one ``map`` that runs
    in C; ``str.strip`` refuses anything else, and such a column goes through the loop below.
    """
    try:
        trimmed: list[str | None] = list(map(str.strip, cells))  # type: ignore[arg-type]
    except TypeError:  # an empty cell, a number or a date among them
        pass
    else:
        return [t or None for t in trimmed] if "" in trimmed else trimmed
    return [
        (x.strip() or None) if x.__class__ is str
        else str(int(x)) if x.__class__ is float and x.is_integer()
        else v.text(x)
        for x in cells
    ]  # fmt: skip


def _matching(pattern: Pattern[str], cells: list[object]) -> list[object]:
    """The texts of ``cells`` when every one matches ``pattern`` (else ``BadValue``)."""
    texts = _texts(cells)
    if not all(map(pattern.match, filter(None, texts))):  # the empty cells are None
        raise v.BadValue("a cell does not match")
    return texts  # type: ignore[return-value]


def _emails(cells: list[object]) -> list[object]:
    texts = _matching(v.EMAIL, cells)
    if "mailto:" in "\n".join(filter(None, texts)).lower():  # type: ignore[arg-type]
        raise v.BadValue("a cell has a mailto: to take off")
    return texts


#: Columns parsed with fewer calls per cell, giving exactly what their parser gives; any cell
#: they cannot take sends the column cell by cell.
_QUICK: dict[Parser, Callable[[list[object]], list[object]]] = {
    v.text: _texts,  # type: ignore[dict-item]
    v.email: _emails,
    v.website: partial(_matching, v.HOST),
}


def _distinct(cells: list[object]) -> set[object] | None:
    """The distinct cells, or ``None`` when a column repeats too little to be worth it, or a set
    would merge cells that parse differently (``True``, ``1`` and ``1.0`` are equal to Python
    but not to a person typing them)."""
    try:
        if len(cells) >= 64 and len(set(cells[:64])) > 48:
            return None  # a column of mostly different values: names, e-mail addresses, IDs
        distinct = set(cells)
        if all([value.__class__ is str or value is None for value in distinct]):
            return distinct  # text (most columns that repeat): no bool to tell from a number
        kinds = set(map(type, cells))
        if bool in kinds and (int in kinds or float in kinds):
            return None
        return distinct
    except TypeError:  # an unhashable cell (no reader gives one, but a caller might)
        return None
