"""A block of new rows made ready for the database driver, on a thread that holds no connection.

SQLAlchemy's executemany converts every value of every row on its own, and builds a parameter
set per row: for 50,000 new partners that was about a second of the import's 2.4 s, on the
thread that also waits for the database. Here a block's statement is compiled once by
SQLAlchemy from ``insert(table)`` (bound parameters, the dialect's own paramstyle), each column
is converted by its type's own bind processor (as SQLAlchemy would convert it), once per
distinct value where a column repeats itself, and the stamps every new record shares (version,
created and updated) are converted once per block. Only plain data is used — the dialect, the
table, the values — so this runs on the import's checking thread while the caller's thread
writes the block before (``app.services.importing.stream_writer``).

On SQLite the rows go ``MANY_ROWS`` to a statement (``INSERT … VALUES (…), (…)``, compiled by
SQLAlchemy once per import with a bound parameter per value): SQLite then does a statement's
work in one step, without coming back to Python for each row, which halves its time (0.5 s
against 1.0 s for 50,000 partners through one executemany a block) and lets the checking thread
run meanwhile. Alone, SQLite takes 50,000 partners in 0.33 s in statements of 50, 100, 500 or
1,000 rows alike, and compiling costs in proportion to the rows (0.09 s of the checking thread's
time for 500, 0.017 s for 100); but while the checking thread is busy, the writing thread waits
for the interpreter lock (up to Python's 5 ms switch interval) after every statement, so fewer,
longer statements write more during the checking: 20,000 partners beside a busy thread took
1.8-2.0 s in statements of 100 rows and 1.3-1.4 s in statements of 500 (0.7-0.9 s alone).
PostgreSQL's driver batches an executemany itself, and returns the new ids.

The stored values are the same as through ``insert(table)`` with parameter dicts (a test
compares them raw on SQLite and PostgreSQL). Against that plain path, by turns: a first import
of 50,000 partners 4.36x -> 2.79x a bare read of the file (see ``stream_writer``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain, repeat
from typing import Any

from sqlalchemy import Table, bindparam, insert
from sqlalchemy.engine import Connection, Dialect

Convert = Callable[[Any], Any]
#: Rows per ``INSERT`` on SQLite: enough that SQLite works a while between two waits for the
#: interpreter lock, few enough that SQLAlchemy compiles the statement (once per import, on the
#: checking thread) in under a tenth of a second.
MANY_ROWS = 500


@dataclass(frozen=True, slots=True)
class DriverBlock:
    """A block's rows as the driver takes them; ``numbers`` are their file rows.

    The first rows go in ``statements``, each one ``INSERT`` of many rows with its parameters
    (SQLite), the rest in one executemany of ``sql`` over ``rows``. ``returning`` is set where
    ``sql`` gives back each new id (PostgreSQL); on SQLite the ids are counted around it
    (``app.services.importing.writing.insert_rows``)."""

    statements: list[tuple[str, tuple[Any, ...]]]
    sql: str
    rows: list[Any]
    numbers: list[int]
    returning: bool


class BlockMaker:
    """Makes ``DriverBlock`` s for ``table`` on ``dialect``; a statement per set of columns.

    ``per_statement`` rows go in one ``INSERT … VALUES (…), (…)`` on SQLite (see
    ``rows_per_statement``); 1 means every row through the executemany.
    """

    def __init__(self, dialect: Dialect, table: Table, per_statement: int = 1) -> None:
        self.dialect = dialect
        self.table = table
        self.returning = dialect.name != "sqlite"
        self.per_statement = 1 if self.returning else per_statement
        self._statements: dict[tuple[str, ...], tuple[str, tuple[str, ...] | None]] = {}
        self._many: dict[tuple[str, ...], tuple[str, list[int] | None]] = {}

    def make(
        self, columns: Mapping[str, list[object]], constants: Mapping[str, object],
        numbers: list[int],
    ) -> DriverBlock:  # fmt: skip
        """The block inserting the rows given as ``columns`` (``{column: values}``), each with
        ``constants`` (``{column: value}``, the same in every row)."""
        names = (*columns, *constants)
        sql, order = self._statement(names)
        count = len(numbers)
        cells: dict[str, Sequence[object]] = {}
        for name, values in columns.items():
            if len(values) != count:
                raise ValueError("one value per row in every column")
            cells[name] = converted(self._converter(name), values)
        for name, value in constants.items():
            convert = self._converter(name)
            cells[name] = repeat(value if convert is None else convert(value), count)  # type: ignore[assignment]
        # Not strict: the constants' repeats have no length (each gives ``count`` values).
        if order is None:  # named parameters: a dict per row
            keys = list(cells)
            rows: list[Any] = [
                dict(zip(keys, row, strict=True)) for row in zip(*cells.values(), strict=False)
            ]
        else:
            rows = list(zip(*(cells[name] for name in order), strict=False))
        statements = []
        if order is not None and self.per_statement > 1:
            whole = len(rows) - len(rows) % self.per_statement
            if whole:
                many, picks = self._many_rows(order)
                for start in range(0, whole, self.per_statement):
                    flat = tuple(chain.from_iterable(rows[start : start + self.per_statement]))
                    statements.append(
                        (many, flat if picks is None else tuple(map(flat.__getitem__, picks)))
                    )
                rows = rows[whole:]
        return DriverBlock(statements, sql, rows, numbers, self.returning)

    def _many_rows(self, order: tuple[str, ...]) -> tuple[str, list[int] | None]:
        """SQLAlchemy's compiled ``INSERT`` of ``per_statement`` rows of the columns ``order``,
        and which value of the rows laid end to end each parameter takes (``None``: in order)."""
        found = self._many.get(order)
        if found is None:
            width, count = len(order), self.per_statement
            rows: list[dict[str, Any]] = [
                {name: bindparam(f"p{row}_{at}") for at, name in enumerate(order)}
                for row in range(count)
            ]
            compiled = insert(self.table).values(rows).compile(dialect=self.dialect)
            names = tuple(compiled.positiontup or ())
            if not compiled.positional or len(names) != width * count:
                raise ValueError(f"cannot insert many rows at once into {self.table.name}")
            at = {
                f"p{row}_{column}": row * width + column
                for row in range(count)
                for column in range(width)
            }
            picks = [at[name] for name in names]
            found = self._many[order] = (str(compiled), None if picks == sorted(picks) else picks)
        return found

    def _statement(self, names: tuple[str, ...]) -> tuple[str, tuple[str, ...] | None]:
        """SQLAlchemy's compiled ``INSERT`` of ``names``, and the order of its positional
        parameters (``None`` when they go by name)."""
        found = self._statements.get(names)
        if found is None:
            statement = insert(self.table)
            if self.returning:
                statement = statement.returning(self.table.c.id)
            compiled = statement.compile(dialect=self.dialect, column_keys=list(names))
            order = tuple(compiled.positiontup or ()) if compiled.positional else None
            if set(compiled.params) != set(names):  # a default SQLAlchemy would fill in
                raise ValueError(f"cannot insert {names} into {self.table.name}")
            found = self._statements[names] = (str(compiled), order)
        return found

    def _converter(self, name: str) -> Convert | None:
        column = self.table.c[name]
        convert: Convert | None = column.type.dialect_impl(self.dialect).bind_processor(
            self.dialect
        )
        return convert


def rows_per_statement(connection: Connection, width: int) -> int:
    """How many rows of ``width`` values one ``INSERT`` takes on SQLite: up to ``MANY_ROWS``,
    within the number of parameters SQLite allows a statement (32,766 unless built with less;
    999 on old versions); 1 elsewhere (PostgreSQL's executemany already batches)."""
    if connection.dialect.name != "sqlite":
        return 1
    driver = connection.connection.driver_connection
    try:
        limit = int(driver.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER))  # type: ignore[union-attr]
    except (AttributeError, sqlite3.Error):  # Python before 3.11: SQLite's smallest limit ever
        limit = 999
    return max(1, min(MANY_ROWS, limit // max(1, width)))


def converted(convert: Convert | None, values: list[object]) -> list[object]:
    """``values`` through ``convert``; once per distinct value (of one type) where they repeat
    (a status, a tier, a date), since a converter can cost a microsecond a value."""
    if convert is None:
        return values
    try:
        if len(values) >= 64 and len({(type(x), x) for x in values[:64]}) > 32:
            return list(map(convert, values))  # mostly different values: no set of them all
        if len(set(map(type, values)) - {type(None)}) <= 1:  # one type: equal is the same
            alike = set(values)
            if len(alike) * 2 > len(values):
                return list(map(convert, values))
            found = {value: convert(value) for value in alike}
            return list(map(found.__getitem__, values))
        distinct = {(type(value), value) for value in values}
    except TypeError:  # an unhashable value: one at a time
        return list(map(convert, values))
    if len(distinct) * 2 > len(values):
        return list(map(convert, values))
    answers = {key: convert(key[1]) for key in distinct}
    return [answers[type(value), value] for value in values]
