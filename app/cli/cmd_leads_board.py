"""``leads board [--on DATE] [--from DATE] [--format table|csv|json]`` and ``export board FILE``
(SPEC.md, "Command line").

JSON is exactly SPEC's: counts as integers, rates and indexes as decimal strings with 4 places
or null; CSV carries the same figures, one row per recipient, and the table is for a terminal.
``export board`` writes what the Leads page shows, as every export does.
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import sys
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.cli.common import database, option_date
from app.cli.text_table import render_rows
from app.domain.columns import Column, Kind
from app.domain.errors import InputError
from app.domain.leads.board import Board, BoardRow
from app.domain.leads.rules import GRADES
from app.io.csv_writer import cell_text
from app.io.export import export_format, export_table
from app.services.leads.board import lead_board
from app.services.leads.board_rows import BOARD_COLUMNS, board_view

log = logging.getLogger(__name__)

_COUNTS = ("accepted", "declined", "expired", "converted", "lost", "quiet", "open")
_RATES = ("acceptance_rate", "conversion_rate", "grade_adjusted_index")


def _rate(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def _received(grade: str) -> Column[BoardRow]:
    return Column(f"received_{grade}", grade, lambda r: r.received[grade], Kind.INTEGER)


BOARD_CLI_COLUMNS: tuple[Column[BoardRow], ...] = (
    Column("recipient", "Recipient", lambda r: r.recipient),
    *(_received(g) for g in GRADES),
    Column("received", "Received", lambda r: r.received["all"], Kind.INTEGER),
    *(
        Column(key, key.capitalize(), (lambda k: lambda r: getattr(r, k))(key), Kind.INTEGER)
        for key in _COUNTS
    ),
    # Rates and the index as exact decimals (SPEC's 4 places), numbers to the right.
    Column("acceptance_rate", "Acceptance rate", lambda r: r.acceptance_rate),
    Column("conversion_rate", "Conversion rate", lambda r: r.conversion_rate),
    Column("grade_adjusted_index", "Grade-adjusted index", lambda r: r.grade_adjusted_index),
)


def run(args: argparse.Namespace) -> int:
    on = option_date(args.on, "--on") or date.today()
    since = option_date(args.from_, "--from")
    if since is not None and since > on:
        raise InputError(f"--from {since.isoformat()} is after --on {on.isoformat()}.")
    db = database(args)
    try:
        with db.reading() as session:
            board = lead_board(session, on, since)
    finally:
        db.dispose()
    if args.format == "json":
        print(json.dumps(board_json(board), ensure_ascii=False, indent=2))
    elif args.format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow([c.header for c in BOARD_CLI_COLUMNS])
        for row in board.rows:
            writer.writerow([cell_text(c, row) for c in BOARD_CLI_COLUMNS])
    else:
        print(board_table(board))
    return 0


def board_json(board: Board) -> dict[str, Any]:
    """SPEC's JSON of the board."""
    return {
        "on": board.on.isoformat(),
        "recipients": [_row_json(r) for r in board.rows],
        "nurture": board.nurture,
        "unroutable": board.unroutable,
        "grade_skew": _rate(board.grade_skew),
    }


def _row_json(row: BoardRow) -> dict[str, Any]:
    received: Mapping[str, int] = row.received
    found: dict[str, Any] = {
        "recipient": row.recipient,
        "received": {g: received[g] for g in (*GRADES, "all")},
    }
    found.update({key: getattr(row, key) for key in _COUNTS})
    found.update({key: _rate(getattr(row, key)) for key in _RATES})
    return found


def board_table(board: Board) -> str:
    """The board for a terminal: its day, the rows, then the run's totals."""
    since = f" (assignments from {board.since.isoformat()})" if board.since else ""
    skew = _rate(board.grade_skew) or "none"
    return (
        f"Lead board on {board.on.isoformat()}{since}\n\n"
        f"{render_rows(board.rows, BOARD_CLI_COLUMNS)}\n\n"
        f"In nurture: {board.nurture} · unroutable: {board.unroutable} · grade skew: {skew}"
    )


def export_board(args: argparse.Namespace) -> int:
    """``export board FILE``: the board as of today as the Leads page shows it (each partner's
    name beside its Partner ID, rates as percentages), one row per recipient, to .xlsx or .csv."""
    path = Path(args.file).expanduser()
    export_format(path)  # a wrong suffix answers before the database is opened
    db = database(args)
    try:
        with db.reading() as session:
            view = board_view(session, date.today())
    finally:
        db.dispose()
    result = export_table(path, view.lines, BOARD_COLUMNS, title="Lead board")
    noun = "recipient" if result.rows == 1 else "recipients"
    log.info("exported the lead board (%d %s) to %s", result.rows, noun, result.path)
    print(f"Exported the lead board ({result.rows} {noun}) to {result.path}")
    return 0
