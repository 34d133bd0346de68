"""A second PostgreSQL connection that sees exactly what a reading session sees.

The overlap scan waits for two large reads, the live claims and their accounts. PostgreSQL
answers each in a server process of its own, and while a thread waits for an answer it holds
no lock on Python; so one read can be waited for in another thread while this one waits for,
and works on, the other. Both must see the same moment of the database, or a claim could be
read without the account a write moved it to. PostgreSQL shares a snapshot for this: the
session's transaction, at REPEATABLE READ, exports its snapshot, and a transaction on a second
connection imports it before its first query (``SET TRANSACTION SNAPSHOT``).

Only a session that ``Database.reading`` opened, and that has not begun its transaction, can be
made to read at REPEATABLE READ; any other gets no twin and reads alone, as on SQLite.
"""

from __future__ import annotations

import re

from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session

#: Marks a session of ``Database.reading`` in ``Session.info``: nothing it does is committed.
READ_ONLY = "read_only"

_LEVEL = {"isolation_level": "REPEATABLE READ", "postgresql_readonly": True}
_SNAPSHOT_ID = re.compile(r"[0-9A-F]+-[0-9A-F]+-[0-9]+")


def snapshot_twin(session: Session) -> Connection | None:
    """A new connection whose transaction sees what ``session`` sees, for another thread to
    read from and close; or None where that cannot be had (not PostgreSQL, not a reading
    session, or its transaction already begun at another isolation level)."""
    if not session.info.get(READ_ONLY) or session.in_transaction():
        return None
    engine = session.get_bind()
    if not isinstance(engine, Engine) or engine.dialect.name != "postgresql":
        return None
    connection = session.connection(execution_options=_LEVEL)
    snapshot = connection.exec_driver_sql("SELECT pg_export_snapshot()").scalar_one()
    if not _SNAPSHOT_ID.fullmatch(snapshot):  # it goes into SQL text below
        raise ValueError(f"unexpected snapshot id from the server: {snapshot!r}")
    twin = engine.connect().execution_options(**_LEVEL)
    try:
        twin.exec_driver_sql(f"SET TRANSACTION SNAPSHOT '{snapshot}'")
    except BaseException:
        twin.close()
        raise
    return twin
