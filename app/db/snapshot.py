"""Reading several tables as they were at one moment.

The overlap scan reads the live claims, then the accounts they are on, then the claimants: a
write committed between two of those reads could move a claim to an account the scan no longer
reads. Each read must see the moment of the first, which a transaction gives, if asked:

- PostgreSQL reads at READ COMMITTED by default, where each statement sees its own moment; at
  REPEATABLE READ every statement of a transaction sees the moment of its first.
- Python's sqlite3 begins a transaction only before a write, so the reads of a reading session
  each see their own moment; after ``BEGIN`` they share the moment of the first (WAL keeps it
  for them while writers go on).

A reading session (``Database.reading``) is asked for that before it begins; a session that
writes, or has begun, reads as it is.
"""

from __future__ import annotations

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

#: Marks a session of ``Database.reading`` in ``Session.info``: nothing it does is committed.
READ_ONLY = "read_only"

_ONE_MOMENT = {"isolation_level": "REPEATABLE READ", "postgresql_readonly": True}


def read_one_moment(session: Session) -> None:
    """Make every later read of ``session`` see one moment of the database, if it is a reading
    session that has not begun. Closing the session ends that transaction (it is rolled back:
    nothing was written)."""
    if not session.info.get(READ_ONLY) or session.in_transaction():
        return
    engine = session.get_bind()
    if not isinstance(engine, Engine):
        return
    if engine.dialect.name == "postgresql":
        session.connection(execution_options=_ONE_MOMENT)
    elif engine.dialect.name == "sqlite":
        session.execute(text("BEGIN"))
