"""What every import kind shares: options, the row loop, the all-or-nothing rule, lookups."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Partner
from app.domain.importing.columns import parse_column
from app.domain.importing.report import ImportRefused, ImportSummary, Problem, shown_value
from app.domain.importing.sheet import MappedSheet
from app.domain.importing.values import BadValue
from app.domain.names import name_key
from app.domain.progress import Cancelled, Progress, Ticker
from app.domain.websites import same_value

Parser = Callable[[object], object]


@dataclass(frozen=True)
class ImportOptions:
    """How to import: ``day_first`` reads 01/03/2026 as 1 March (a setting in the GUI)."""

    dry_run: bool = False
    skip_invalid: bool = False
    preview: bool = False  # list each new or changed record (the wizard's check)
    day_first: bool = True
    progress: Progress | None = None
    cancelled: Cancelled | None = None
    #: Told ``True`` if another program is writing to the database and the import waits for
    #: it, ``False`` when the import's turn comes.
    waiting: Callable[[bool], None] | None = None


def new_summary(kind: str, source: str, options: ImportOptions) -> ImportSummary:
    """The summary an import of ``kind`` from ``source`` fills in, as ``options`` ask."""
    return ImportSummary(kind, source, dry_run=options.dry_run, preview=options.preview)


@dataclass(frozen=True, slots=True)
class ParsedBlock:
    """A block of rows after parsing: ``columns[field][i]`` is the value of row ``numbers[i]``;
    ``bad`` holds the indexes of rows with a bad cell (each already a problem)."""

    numbers: list[int]
    columns: dict[str, list[object]]
    bad: set[int]


def parsed_blocks(
    sheet: MappedSheet, parsers: dict[str, Parser], options: ImportOptions, problems: list[Problem]
) -> Iterator[ParsedBlock]:
    """The sheet's blocks with every cell parsed, a column at a time (``parse_column``); each bad
    cell becomes a problem. Reports progress and stops (``CancelledByUser``) on a cancel.

    Working a block and a column at a time is what keeps a 50,000-row import within a small
    multiple of reading the file; ``parsed_rows`` gives the same rows one at a time.
    """
    ticker = Ticker(sheet.total, options.progress, options.cancelled)
    ticker.start()
    for block in sheet.blocks:
        columns: dict[str, list[object]] = {}
        bad: set[int] = set()
        for name, raw in block.columns.items():
            parser = parsers.get(name)
            if parser is None:
                continue
            values, errors = parse_column(parser, raw)
            for index, reason in errors:
                shown = shown_value(raw[index])
                problems.append(Problem(block.numbers[index], sheet.header(name), shown, reason))
                bad.add(index)
            columns[name] = values
        yield ParsedBlock(block.numbers, columns, bad)
        ticker.advance(len(block))
    ticker.finish()


def parsed_rows(
    sheet: MappedSheet, parsers: dict[str, Parser], options: ImportOptions, problems: list[Problem]
) -> Iterator[tuple[int, dict[str, object]]]:
    """``(row number, {field: parsed value})`` of every row whose cells all parse."""
    for block in parsed_blocks(sheet, parsers, options, problems):
        fields = tuple(block.columns)
        cells = (
            zip(*block.columns.values(), strict=True) if fields else iter([()] * len(block.numbers))
        )
        for index, (number, row) in enumerate(zip(block.numbers, cells, strict=True)):
            if index not in block.bad:
                yield number, dict(zip(fields, row, strict=True))


def required(
    number: int, values: dict[str, object], fields: tuple[str, ...], sheet: MappedSheet,
    problems: list[Problem],
) -> bool:  # fmt: skip
    """Check that ``fields`` have a value; a missing one is a problem of the row."""
    ok = True
    for field in fields:
        if values.get(field) is None:
            problems.append(Problem(number, sheet.header(field), "", "is required"))
            ok = False
    return ok


def finish_checks(summary: ImportSummary, options: ImportOptions) -> bool:
    """Raise ``ImportRefused`` when all-or-nothing meets a bad row; True if writing may go on."""
    summary.problems.sort(key=lambda p: p.row)
    if summary.problems and not options.skip_invalid and not options.dry_run:
        raise ImportRefused(summary.problems, summary)
    return not options.dry_run


class PartnerLookup:
    """Partners by Partner ID or by name (identity key), loaded once for a whole import."""

    def __init__(self, session: Session) -> None:
        self.by_code: dict[str, int] = {}
        self.by_name: dict[str, list[int]] = {}
        for partner_id, code, key in session.execute(
            select(Partner.id, Partner.partner_code, Partner.name_key)
        ):
            if code:
                self.by_code[code.casefold()] = partner_id
            self.by_name.setdefault(key, []).append(partner_id)

    def resolve(self, value: object) -> int:
        from app.domain.importing.values import required_text

        text = required_text(value)
        found = self.by_code.get(text.casefold())
        if found is not None:
            return found
        ids = self.by_name.get(name_key(text), [])
        if len(ids) == 1:
            return ids[0]
        if not ids:
            raise BadValue("is not a known partner: give its Partner ID or name as it is stored")
        raise BadValue(f"names {len(ids)} partners: give the Partner ID instead")


Changes = dict[str, tuple[object, object]]


def compare(
    stored: dict[str, Any], values: dict[str, object], keep_if_empty: tuple[str, ...] = ()
) -> Changes:
    """The fields of ``values`` that differ from ``stored``; empty ``keep_if_empty`` cells skip."""
    changes: Changes = {}
    for field, new in values.items():
        if new is None and field in keep_if_empty:
            continue
        old = stored[field]
        if not same_value(field, old, new):
            changes[field] = (old, new)
    return changes
