"""Benchmark: filling the demo database (``--demo`` at start, ``demo`` on the command line, and
many tests), as a ratio to writing the very same rows with SQLAlchemy Core in the same run.

Run on demand: ``pytest tests/bench/test_demo_speed.py -s``.

Figures:
- *fill*: ``generate_demo`` into a freshly migrated SQLite file, committed. Baseline: every row
  of the filled database (but the history) inserted table by table with one executemany each,
  into another fresh file, committed: the least any write of those rows costs.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from itertools import count
from pathlib import Path
from typing import Any

from sqlalchemy import Table, delete, insert, select

from app.db.base import Base
from app.db.engine import Database, open_database
from app.services.demo.fill import generate_demo
from tests.bench.timing import paired_ratio, report

TODAY = date(2026, 11, 20)
#: Rows the migrations write themselves (tiers, the sequences of numbers) or the history of
#: each write: not the demo's.
_SKIPPED = {"audit_entry", "alembic_version"}


def _fresh(folder: Path) -> Iterator[Database]:
    for n in count():
        yield open_database(folder / f"fresh-{n}.sqlite")


def _rows(db: Database) -> list[tuple[Table, list[dict[str, Any]]]]:
    with db.reading() as session:
        return [
            (table, [dict(row) for row in session.execute(select(table)).mappings()])
            for table in Base.metadata.sorted_tables
            if table.name not in _SKIPPED
        ]


def test_demo_fill_against_writing_its_rows(tmp_path: Path) -> None:
    fresh = _fresh(tmp_path)
    filled = next(fresh)
    with filled.transaction() as session:
        generate_demo(session, today=TODAY)
    rows = _rows(filled)
    filled.dispose()

    def fill() -> None:
        db = next(fresh)
        with db.transaction() as session:
            generate_demo(session, today=TODAY)
        db.dispose()

    def baseline() -> None:
        db = next(fresh)
        with db.engine.begin() as connection:
            for table, _values in reversed(rows):
                connection.execute(delete(table))  # what the migrations seeded
            for table, values in rows:
                if values:
                    connection.execute(insert(table), values)
        db.dispose()

    base, work, ratio = paired_ratio(fill, baseline, repeat=5)
    report("demo fill", {"fill s": work, "rows written with Core s": base, "ratio": ratio})
    assert ratio < 8
