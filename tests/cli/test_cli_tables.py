"""Every table a command prints puts its numbers to the right, so they line up by their last
digit under the end of their heading, whatever kind the column is declared as."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

import pytest

import main
from app.cli.text_table import render_rows
from app.db.engine import Database
from app.domain.columns import Column
from tests.support.program_world import END, START, add_program_world
from tests.support.routing_world import D, build_routing_world

NUMBER = re.compile(r"-?[\d,]+(\.\d+)?")


@dataclass(frozen=True)
class Line:
    name: str
    rate: Decimal | None
    count: int


def numbers_end_under_their_heading(table: str, headings: list[str]) -> None:
    """Each cell of ``headings``' columns is empty or a number ending where its heading ends."""
    head, *rows = table.splitlines()
    for heading in headings:
        end = head.index(heading) + len(heading)
        cells = [row[:end].rsplit("  ", 1)[-1].strip() for row in rows]
        assert any(cells), heading
        for row, cell in zip(rows, cells, strict=True):
            assert cell == "" or NUMBER.fullmatch(cell), (heading, row)
            assert len(row) <= end or row[end] == " ", (heading, row)


def test_a_column_of_numbers_is_right_aligned_whatever_its_kind() -> None:
    columns = [
        Column("name", "Name", lambda r: r.name),
        Column("rate", "Acceptance rate", lambda r: r.rate),
        Column("count", "Count", lambda r: r.count),
    ]
    rows = [Line("Direct", Decimal("1.0000"), 12), Line("P-1", None, 3)]
    table = render_rows(rows, columns)
    assert table.splitlines()[1] == "Direct           1.0000     12"
    numbers_end_under_their_heading(table, ["Acceptance rate", "Count"])


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    code = main.main(args)
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return captured.out


def test_the_lead_board_table_puts_rates_and_counts_to_the_right(
    sqlite_db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    build_routing_world(sqlite_db)
    on = ["--on", D.isoformat(), "--db", str(sqlite_db.path)]
    run(["leads", "route", *on], capsys)
    out = run(["leads", "board", *on], capsys)
    table = out.split("\n\n")[1]
    numbers_end_under_their_heading(
        table, ["A", "Received", "Accepted", "Open", "Acceptance rate", "Conversion rate"]
    )


def test_the_program_return_table_puts_figures_to_the_right(
    sqlite_db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    add_program_world(sqlite_db)
    out = run(
        ["program", "return", "--from", START.isoformat(), "--to", END.isoformat(),
         "--db", str(sqlite_db.path)],
        capsys,
    )  # fmt: skip
    table = "\n".join(out.split("\n\n")[0].splitlines()[1:])
    numbers_end_under_their_heading(table, ["Return"])
