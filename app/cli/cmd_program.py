"""``program return --from DATE --to DATE [--partner PARTNER_ID] [--format table|csv|json]``:
what the partner program spent and won over a period (SPEC.md, "Command line").

The table is for a person in a terminal, one line per partner and one for the whole program,
then the amounts no rate converts; CSV has the same lines for a spreadsheet (the amounts left
out are counted on stderr); JSON is SPEC.md's, with every figure exact.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from datetime import date
from pathlib import Path

from app.cli.common import database
from app.cli.text_table import render_rows
from app.domain.columns import Column, Kind
from app.domain.errors import InputError
from app.domain.money import format_money
from app.io.csv_writer import cell_text
from app.io.export import export_format
from app.services.program.return_rows import RETURN_COLUMNS, ReturnRow, return_json, return_rows
from app.services.program.returns import return_report

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _table_column(column: Column[ReturnRow]) -> Column[ReturnRow]:
    """The column as the terminal shows it: every amount is in the reporting currency, which the
    heading names once, so the cells carry the figures alone (the table puts numbers to the
    right, the ratio with them)."""
    if column.kind is not Kind.MONEY:
        return column
    return Column(column.key, column.header, column.text, Kind.MONEY)


TABLE_COLUMNS = tuple(_table_column(c) for c in RETURN_COLUMNS)


def run(args: argparse.Namespace) -> int:
    problems = []
    days: list[date] = []
    for option, text in (("--from", args.from_), ("--to", args.to)):
        try:
            days.append(parse_day(option, text))
        except InputError as exc:
            problems.append(str(exc))
    if problems:
        raise InputError("\n".join(problems))
    start, end = days
    db = database(args)
    try:
        with db.reading() as session:
            report = return_report(session, start, end, args.partner)
            rows = return_rows(session, report)
    finally:
        db.dispose()
    if args.format == "json":
        print(json.dumps(return_json(report), ensure_ascii=False, indent=2))
        return 0
    if args.format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow([c.header for c in RETURN_COLUMNS])
        for row in rows:
            writer.writerow([cell_text(c, row) for c in RETURN_COLUMNS])
        if report.not_converted:
            print(
                f"channel-desk: {len(report.not_converted)} amounts have no rate into "
                f"{report.currency} and are left out of the totals (--format table lists them).",
                file=sys.stderr,
            )
        return 0
    print(f"Program return {start.isoformat()} to {end.isoformat()}, in {report.currency}")
    print(render_rows(rows, TABLE_COLUMNS))
    if report.not_converted:
        print(f"\nNot converted (no rate into {report.currency}), left out of the totals:")
        for item in report.not_converted:
            what = (
                f"  {item.on.isoformat()}  {item.kind}  {format_money(item.amount, item.currency)}"
            )
            print(f"{what}  {item.ref}".rstrip())
    return 0


def export_programs(args: argparse.Namespace) -> int:
    """``export programs FILE``: sheets SPIF and Rebate as the ``programs`` import reads them
    (a CSV file holds the SPIF rules alone)."""
    from app.io.export_pricebook import export_pricebook  # writes any list of named sheets
    from app.services.program.rules import program_sheets

    path = Path(args.file).expanduser()
    kind = export_format(path)  # a wrong suffix answers before the database is opened
    db = database(args)
    try:
        with db.reading() as session:
            sheets = program_sheets(session)
    finally:
        db.dispose()
    result = export_pricebook(path, sheets)
    rules = len(sheets[0][1])
    steps = len(sheets[1][1])
    text = f"{rules} SPIF rule{'s' if rules != 1 else ''}"
    if kind == "xlsx":
        text += f" and {steps} rebate threshold{'s' if steps != 1 else ''}"
    else:
        text += " (CSV holds the SPIF rules; use .xlsx for the rebate thresholds)"
    print(f"Exported {text} to {result.path}")
    return 0


def parse_day(option: str, text: str) -> date:
    """A date given on the command line: ISO ``YYYY-MM-DD`` only, as SPEC.md's examples."""
    raw = str(text).strip()
    if _ISO_DAY.fullmatch(raw):
        try:
            return date.fromisoformat(raw)
        except ValueError:
            pass
    shown = raw if len(raw) <= 40 else raw[:37] + "..."
    raise InputError(f"{option} '{shown}' is not a date: use YYYY-MM-DD, e.g. 2026-01-31.")
