"""Many rows to and from the database driver directly, converted a column at a time.

SQLAlchemy converts every value of every row on its own, in Python; for an import of 50,000
rows that costs more than the database's own work. Here each column is converted by its own
SQLAlchemy type, as SQLAlchemy would convert it, once per distinct value where a column repeats
itself (a status, a country, a date), and the rows go to and from the driver as they are.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from itertools import chain
from typing import Any

from sqlalchemy import Column, Table, insert, select
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.orm import Session

from app.db.plain import plain_rows

#: Rows per INSERT statement: enough that a statement's own cost vanishes, few enough that
#: SQLite compiles it quickly (it does, up to about this size).
CHUNK_ROWS = 2000


def row_dicts(columns: dict[str, list[object]]) -> list[dict[str, object]]:
    """The rows of ``columns`` as ``{column name: value}``: what SQLAlchemy's executemany takes."""
    names = list(columns)
    return [dict(zip(names, row, strict=True)) for row in zip(*columns.values(), strict=True)]


def write_columns(connection: Connection, table: Table, columns: dict[str, list[object]]) -> None:
    """Insert the rows given as ``columns``: straight to the driver on SQLite (``insert_columns``),
    through SQLAlchemy elsewhere (PostgreSQL's driver batches an executemany well itself)."""
    if connection.dialect.name == "sqlite":
        insert_columns(connection, table, columns)
    else:
        connection.execute(insert(table), row_dicts(columns))


def insert_columns(connection: Connection, table: Table, columns: dict[str, list[object]]) -> int:
    """``INSERT`` into SQLite the rows given as ``columns`` (``{column name: values}``, all of
    one length), in their order; the rowid of the last row (SQLite's ``last_insert_rowid``).
    See ``prepare_insert``."""
    target = InsertTarget.of(connection)
    return run_insert(connection, prepare_insert(target, table, columns))


@dataclass(frozen=True)
class InsertTarget:
    """What preparing an insert needs to know of the database, read once from a connection,
    so that another thread can prepare inserts while the connection is busy."""

    dialect: Dialect
    parameter_limit: int

    @classmethod
    def of(cls, connection: Connection) -> InsertTarget:
        sqlite = connection.dialect.name == "sqlite"
        return cls(connection.dialect, _parameter_limit(connection) if sqlite else 0)


@dataclass(frozen=True)
class PreparedInsert:
    """Rows made ready for the driver: SQLite's statements with their values, or, for other
    databases, the rows as SQLAlchemy's executemany takes them."""

    count: int
    statements: list[tuple[str, tuple[object, ...]]]
    rows: list[dict[str, object]]


def prepare_insert(
    target: InsertTarget, table: Table, columns: dict[str, list[object]]
) -> PreparedInsert:
    """The statements that insert the rows given as ``columns``, all Python work done.

    On SQLite each column is converted to what the driver stores by its own column type (enums
    to their values, dates to text, exact decimals to scaled integers), once per distinct value
    where a column repeats itself; a column left out gets its default.

    The rows go a few hundred per statement (``INSERT … VALUES (…), (…), …``): SQLite then does
    a chunk's work in one step, in C, and lets other Python threads run meanwhile, where an
    executemany steps back into Python for every row. It costs SQLite no more work.
    """
    count = len(next(iter(columns.values()), []))
    if not count:
        return PreparedInsert(0, [], [])
    dialect = target.dialect
    if dialect.name != "sqlite":
        return PreparedInsert(count, [], row_dicts(columns))
    values = dict(columns)
    for column in table.c:  # the defaults the ORM and Core would fill in
        if column.name in values or column.default is None:
            continue
        if not column.default.is_scalar:
            raise ValueError(f"{table.name}.{column.name} needs a value")
        values[column.name] = [column.default.arg] * count  # type: ignore[attr-defined]
    targets = [table.c[name] for name in values]
    for column in targets:
        convert = _converter(column, dialect)
        if convert is not None:
            values[column.name] = _converted(convert, values[column.name])
    preparer = dialect.identifier_preparer
    head = "INSERT INTO {} ({}) VALUES ".format(
        preparer.format_table(table),
        ", ".join(preparer.format_column(column) for column in targets),
    )
    one_row = "(" + ", ".join("?" * len(targets)) + ")"
    per_statement = max(1, min(CHUNK_ROWS, target.parameter_limit // len(targets)))
    flat = list(chain.from_iterable(zip(*values.values(), strict=True)))
    width = len(targets)
    statements = []
    for start in range(0, count, per_statement):
        rows = min(per_statement, count - start)
        sql = head + ", ".join([one_row] * rows)
        statements.append((sql, tuple(flat[start * width : (start + rows) * width])))
    return PreparedInsert(count, statements, [])


def run_insert(connection: Connection, prepared: PreparedInsert) -> int:
    """Execute a SQLite ``prepared`` insert; the rowid of its last row."""
    last = 0
    for sql, values in prepared.statements:
        last = int(connection.exec_driver_sql(sql, values).lastrowid)
    return last


def _parameter_limit(connection: Connection) -> int:
    """How many ``?`` one SQLite statement may hold (32,766 unless SQLite was built with less)."""
    driver = connection.connection.driver_connection
    try:
        return int(driver.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER))  # type: ignore[union-attr]
    except (AttributeError, sqlite3.Error):  # an older Python: SQLite's smallest limit ever
        return 999


def _converter(column: Column[Any], dialect: Any) -> Callable[[object], object] | None:
    processor: Callable[[object], object] | None = column.type.dialect_impl(dialect).bind_processor(
        dialect
    )
    return processor


def _converted(convert: Callable[[object], object], cells: list[object]) -> list[object]:
    try:
        distinct = set(cells)
    except TypeError:
        distinct = None
    if distinct is not None and len(distinct) * 2 <= len(cells):
        answers = {cell: convert(cell) for cell in distinct}
        return [answers[cell] for cell in cells]
    return list(map(convert, cells))


def read_rows(session: Session, table: Table, names: tuple[str, ...]) -> list[tuple[Any, ...]]:
    """Every row of ``table``, its columns ``names``, with values as SQLAlchemy reads them: the
    driver's own rows (``plain_rows``), each column converted at once."""
    dialect = session.connection().dialect
    columns = [table.c[name] for name in names]
    raw = plain_rows(session, select(*columns))
    if not raw:
        return []
    values = [list(cells) for cells in zip(*raw, strict=True)]
    for index, column in enumerate(columns):
        convert = column.type.dialect_impl(dialect).result_processor(dialect, None)
        if convert is not None:
            values[index] = _converted(convert, values[index])
    return list(zip(*values, strict=True))
