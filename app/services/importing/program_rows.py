"""What the program imports (rates, spend, SPIF and rebate rules) share: each row checked by its
kind's one rule (``app.domain.program.forms``), its messages as the report's reasons."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from app.domain.importing.report import ImportSummary, Problem, shown_value
from app.domain.importing.sheet import MappedSheet
from app.services.importing.common import ImportOptions, Parser, parsed_rows

Check = Callable[[Mapping[str, object]], tuple[dict[str, object], dict[str, str]]]


def _as_is(cell: object) -> object:
    return cell


def checked_rows(
    sheet: MappedSheet,
    labels: Mapping[str, str],
    check: Check,
    summary: ImportSummary,
    options: ImportOptions,
) -> Iterator[tuple[int, dict[str, object], dict[str, object]]]:
    """(row number, cells, checked values) of every row the rule accepts; each message of the
    others becomes a problem of its column."""
    as_is: dict[str, Parser] = {field: _as_is for field in labels if field in sheet.headers}
    for number, cells in parsed_rows(sheet, as_is, options, summary.problems):
        values, errors = check(cells)
        for field, message in errors.items():
            summary.problems.append(
                Problem(number, sheet.header(field), shown_value(cells.get(field)),
                        reason(labels[field], message))
            )  # fmt: skip
        if not errors:
            yield number, cells, values


def reason(label: str, message: str) -> str:
    """The rule's message as a report's reason: the column is named beside it already."""
    return message[len(label) + 1 :] if message.startswith(label + " ") else message


def problem(summary: ImportSummary, sheet: MappedSheet, number: int, field: str,
            cells: Mapping[str, object], why: str) -> None:  # fmt: skip
    summary.problems.append(
        Problem(number, sheet.header(field), shown_value(cells.get(field)), why)
    )
