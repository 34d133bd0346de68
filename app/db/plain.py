"""Reading many rows as the database driver gives them: plain tuples, no type conversion.

SQLAlchemy wraps every row and converts every value on the way (a date on SQLite is parsed from
text, a money column turned into a Decimal). For the few scans that read a whole table, often
to use only part of it (the overlap scan reads 76,000 live claims and keeps the 50,000 in
overlaps), that costs as much as the read itself. ``plain_rows`` keeps SQLAlchemy for writing
the statement and the transaction, and leaves the conversion of the rows actually used to the
caller: dates come as ISO text on SQLite (``date.fromisoformat``), money as its stored integer
(``app.db.types.ExactDecimal.from_stored``).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Select
from sqlalchemy.orm import Session


def plain_rows(
    source: Session | Connection, statement: Select[*tuple[Any, ...]]
) -> list[tuple[Any, ...]]:
    """The rows of ``statement`` in the transaction of a session or connection, as the
    driver's own tuples.

    The statement's values are written into the SQL text, so it may hold only the program's
    own values (dates, numbers, enum members), never text a person typed.
    """
    connection = source.connection() if isinstance(source, Session) else source
    sql = statement.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True})
    cursor = connection.connection.cursor()
    try:
        cursor.execute(str(sql))
        return list(cursor.fetchall())  # the drivers give lists; typed as sequences
    finally:
        cursor.close()
